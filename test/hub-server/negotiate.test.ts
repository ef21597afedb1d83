import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../src-server/index.js';
import { type RunningServer, connect, startServer } from '../support/hub-fixture.js';

class PingHub extends Hub {
  whoAmI(): string {
    return this.context.connectionId;
  }
}

describe('negotiate', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer((s) => {
      s.mapHub('/ping', PingHub);
      s.mapHub('/ws-only', PingHub, { options: { transports: ['WebSockets'] } });
    });
  });
  afterAll(() => running.close());

  const negotiate = (path: string, query = '', method = 'POST') => fetch(`${running.url}${path}/negotiate${query}`, { method });

  it('answers version 1 with a connection id, a separate token and every transport', async () => {
    const res = await negotiate('/ping', '?negotiateVersion=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.negotiateVersion).toBe(1);
    expect(body.connectionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.connectionToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.connectionToken).not.toBe(body.connectionId);
    expect(body.availableTransports).toEqual([
      { transport: 'WebSockets', transferFormats: ['Text', 'Binary'] },
      { transport: 'ServerSentEvents', transferFormats: ['Text'] },
      { transport: 'LongPolling', transferFormats: ['Text', 'Binary'] },
    ]);
  });

  it('answers version 0 (or no version) without a connection token', async () => {
    for (const query of ['?negotiateVersion=0', '']) {
      const body = (await (await negotiate('/ping', query)).json()) as Record<string, unknown>;
      expect(body.negotiateVersion).toBe(0);
      expect(body.connectionId).toBeTypeOf('string');
      expect(body).not.toHaveProperty('connectionToken');
    }
  });

  it('lowers a version above 1 to 1 and reads query keys in any case', async () => {
    const body = (await (await negotiate('/ping', '?NEGOTIATEVERSION=7')).json()) as Record<string, unknown>;
    expect(body.negotiateVersion).toBe(1);
  });

  it('refuses a non-integer version with ASP.NET Core\'s error text', async () => {
    const res = await negotiate('/ping', '?negotiateVersion=abc');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ error: 'The client requested a non-integer protocol version.' });
  });

  it('allows only POST', async () => {
    const res = await negotiate('/ping', '?negotiateVersion=1', 'GET');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('lists only the transports a hub offers', async () => {
    const body = (await (await negotiate('/ws-only', '?negotiateVersion=1')).json()) as Record<string, unknown>;
    expect(body.availableTransports).toEqual([{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }]);
  });

  it('gives the client the negotiated connection id as context.connectionId', async () => {
    const client = await connect(`${running.url}/ping`);
    expect(await client.invoke('WhoAmI')).toBe(client.connectionId);
    await client.stop();
  });

  it('lets clients skip negotiation and connect over WebSockets directly', async () => {
    const client = await connect(`${running.url}/ping`, { skipNegotiation: true });
    const id = await client.invoke<string>('WhoAmI');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await client.stop();
  });

  it('refuses a WebSocket with an unknown id with 404 and text', async () => {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(`${running.url.replace('http', 'ws')}/ping?id=nope`);
    const response = await new Promise<{ status: number; body: string }>((resolve) => {
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
    expect(response).toEqual({ status: 404, body: 'No Connection with that ID' });
  });

  it('refuses a second WebSocket on an active connection with 409', async () => {
    const body = (await (await negotiate('/ping', '?negotiateVersion=1')).json()) as Record<string, unknown>;
    const { default: WebSocket } = await import('ws');
    const wsUrl = `${running.url.replace('http', 'ws')}/ping?id=${body.connectionToken}`;
    const first = new WebSocket(wsUrl);
    await new Promise((resolve) => first.once('open', resolve));
    const second = new WebSocket(wsUrl);
    const status = await new Promise<number>((resolve) => second.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(409);
    first.close();
  });

  it('requires an id on transport requests', async () => {
    const res = await fetch(`${running.url}/ping`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Connection ID required');
  });
});
