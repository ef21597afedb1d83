import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpTransportType } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub, createHubServer } from '../../src-server/index.js';
import { type RunningServer, connect, delay, startServer, waitUntil } from '../support/hub-fixture.js';

class InfoHub extends Hub {
  transport(): string {
    return this.context.transport;
  }
  user(): string | null {
    return this.context.userIdentifier ?? null;
  }
}

const RS = '\x1e';

describe('Server-Sent Events and long polling over HTTP', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer((s) => {
      s.mapHub('/info', InfoHub, { options: { longPollTimeout: 300 } });
      s.mapHub('/no-ws', InfoHub, { options: { transports: ['ServerSentEvents', 'LongPolling'] } });
      s.mapHub('/lp-only', InfoHub, { options: { transports: ['LongPolling'] } });
      s.mapHub('/ws-only', InfoHub, { options: { transports: ['WebSockets'] } });
    });
  });
  afterAll(() => running.close());

  async function negotiated(path = '/info'): Promise<string> {
    const body = (await (await fetch(`${running.url}${path}/negotiate?negotiateVersion=1`, { method: 'POST' })).json()) as { connectionToken: string };
    return `${running.url}${path}?id=${body.connectionToken}`;
  }

  /** Opens a long-polling connection and completes a JSON handshake over it. */
  async function longPolling(): Promise<string> {
    const url = await negotiated();
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('');
    expect((await fetch(url, { method: 'POST', body: `{"protocol":"json","version":1}${RS}` })).status).toBe(200);
    expect(await (await fetch(url)).text()).toBe(`{}${RS}`);
    return url;
  }

  it('answers the first poll at once, then delivers data on the next', async () => {
    const url = await longPolling();
    await fetch(url, { method: 'POST', body: `{"type":1,"invocationId":"1","target":"transport","arguments":[]}${RS}` });
    const poll = await fetch(url);
    expect(poll.status).toBe(200);
    expect(poll.headers.get('cache-control')).toContain('no-cache');
    expect(await poll.text()).toBe(`{"type":3,"invocationId":"1","result":"LongPolling"}${RS}`);
  });

  it('answers a poll with 200 and no content when the poll timeout passes', async () => {
    const url = await longPolling();
    const started = Date.now();
    const poll = await fetch(url);
    expect(poll.status).toBe(200);
    expect(poll.headers.get('content-length')).toBe('0');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('ends the earlier poll with 204 when a newer one arrives', async () => {
    const url = await longPolling();
    const first = fetch(url);
    await delay(50);
    const second = fetch(url);
    expect((await first).status).toBe(204);
    expect((await second).status).toBe(200);
  });

  it('closes on DELETE: 202, then polls get 204 and the id is gone', async () => {
    const url = await longPolling();
    const pending = fetch(url);
    await delay(50);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(202);
    expect((await pending).status).toBe(204);
    const after = await fetch(url);
    expect(after.status).toBe(404);
    expect(await after.text()).toBe('No Connection with that ID');
  });

  it('refuses DELETE on a non-long-polling connection', async () => {
    const url = await negotiated();
    const stream = await fetch(url, { headers: { Accept: 'text/event-stream' } });
    const res = await fetch(url, { method: 'DELETE' });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Cannot terminate this connection using the DELETE endpoint.');
    await stream.body?.cancel();
  });

  it('streams SSE events as data lines and refuses a second transport on the same connection', async () => {
    const url = await negotiated();
    const stream = await fetch(url, { headers: { Accept: 'text/event-stream' } });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.getReader();
    await fetch(url, { method: 'POST', body: `{"protocol":"json","version":1}${RS}` });
    let text = '';
    while (!text.includes(`data: {}${RS}\r\n\r\n`)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text.startsWith(':\r\n')).toBe(true);
    const poll = await fetch(url);
    expect(poll.status).toBe(400);
    expect(await poll.text()).toBe('Cannot change transports mid-connection');
    await reader.cancel();
  });

  it('refuses transports a hub does not offer', async () => {
    const wsOnly = await negotiated('/ws-only');
    const sse = await fetch(wsOnly, { headers: { Accept: 'text/event-stream' } });
    expect(sse.status).toBe(404);
    expect(await sse.text()).toBe('ServerSentEvents transport not supported by this end point type');
    const lp = await fetch(wsOnly);
    expect(await lp.text()).toBe('LongPolling transport not supported by this end point type');
  });

  it('refuses POST to a WebSocket connection', async () => {
    const url = await negotiated();
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(url.replace(/^http/, 'ws'));
    await new Promise((resolve) => socket.once('open', resolve));
    const res = await fetch(url, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(await res.text()).toBe('POST requests are not allowed for WebSocket connections.');
    socket.close();
  });

  it('lets the official client fall back from WebSockets to SSE to long polling', async () => {
    const noWs = await connect(`${running.url}/no-ws`, { transport: undefined });
    expect(await noWs.invoke('transport')).toBe('ServerSentEvents');
    const lpOnly = await connect(`${running.url}/lp-only`, { transport: undefined });
    expect(await lpOnly.invoke('transport')).toBe('LongPolling');
    await Promise.all([noWs.stop(), lpOnly.stop()]);
  });

  it('disposes a negotiated connection that never gets a transport', async () => {
    const server = createHubServer({ logLevel: 'silent' }).mapHub('/info', InfoHub, { options: { disconnectTimeout: 100 } });
    const { url } = await server.listen();
    const body = (await (await fetch(`${url}/info/negotiate?negotiateVersion=1`, { method: 'POST' })).json()) as { connectionToken: string };
    // A DELETE is answered 400 while the connection waits for a transport (it is no long poll) and
    // 404 once it is gone; unlike a GET, it does not give the connection a transport.
    const probe = () => fetch(`${url}/info?id=${body.connectionToken}`, { method: 'DELETE' }).then((res) => res.status);
    await waitUntil(async () => (await probe()) === 404, 'the idle connection id is refused', 5000, 100);
    await server.close();
  });
});

describe('negotiate forms the official client accepts', () => {
  it('follows a redirect to another URL with an access token', async () => {
    const running = await startServer((s) => {
      s.mapHub('/old', InfoHub, { negotiateRedirect: () => ({ url: `${base}/new`, accessToken: 'token-for-ann' }) });
      s.mapHub('/new', InfoHub, {
        authenticate: (request) => {
          const header = request.headers.authorization ?? `Bearer ${request.query.get('access_token') ?? ''}`;
          return header === 'Bearer token-for-ann' ? { id: 'ann' } : undefined;
        },
      });
    });
    const base = running.url;
    for (const transport of [HttpTransportType.WebSockets, HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling]) {
      const client = await connect(`${base}/old`, { transport });
      expect(await client.invoke('user')).toBe('ann');
      await client.stop();
    }
    await running.close();
  });

  it('works with negotiate version 0, where the connection id is the id to send', async () => {
    // A front server that downgrades every negotiate to version 0, as an old server would answer.
    const hubs = createHubServer({ logLevel: 'silent' }).mapHub('/info', InfoHub);
    const http = createServer((req, res) => {
      if (req.url?.includes('/negotiate')) req.url = req.url.replace(/negotiateVersion=\d+/, 'negotiateVersion=0');
      if (!hubs.handleRequest(req, res)) res.end();
    });
    http.on('upgrade', (req, socket, head) => hubs.handleUpgrade(req, socket, head) || socket.destroy());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    for (const transport of [HttpTransportType.WebSockets, HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling]) {
      const client = await connect(`${base}/info`, { transport });
      expect(await client.invoke('transport')).toBe(HttpTransportType[transport]);
      await client.stop();
    }
    await hubs.close(100);
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });
});
