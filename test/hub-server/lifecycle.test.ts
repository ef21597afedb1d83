import { afterEach, describe, expect, it } from 'vitest';
import { Hub, type HubServer } from '../../src-server/index.js';
import { type RunningServer, buildClient, closed, connect, nextCall, startServer, waitUntil } from '../support/hub-fixture.js';

interface Events {
  events: string[];
  aborted: string[];
}

interface LobbyClient {
  said(text: string): void;
  joined(connectionId: string): void;
}

class LobbyHub extends Hub<LobbyClient> {
  constructor(private readonly log: Events) {
    super();
  }
  override async onConnected(): Promise<void> {
    this.log.events.push(`connected:${this.context.connectionId}`);
    this.context.items.set('count', 0);
    this.context.connectionAborted.addEventListener('abort', () => this.log.aborted.push(this.context.connectionId));
    await this.groups.addToGroup(this.context.connectionId, 'lobby');
    await this.clients.others.joined(this.context.connectionId);
  }
  override onDisconnected(error?: Error): void {
    this.log.events.push(`disconnected:${this.context.connectionId}:${error ? error.message : 'clean'}`);
  }
  count(): number {
    const next = (this.context.items.get('count') as number) + 1;
    this.context.items.set('count', next);
    return next;
  }
  request(): Record<string, unknown> {
    const { request } = this.context;
    return { header: request.headers['x-test'] ?? null, query: request.query.get('room'), remote: request.remoteAddress };
  }
  kick(): void {
    this.context.abort();
  }
}

describe('connection lifecycle, context and groups', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  const start = async (setup?: (s: HubServer) => void) => {
    const log: Events = { events: [], aborted: [] };
    running = await startServer((s) => {
      s.mapHub('/lobby', LobbyHub, { services: log });
      setup?.(s);
    });
    return log;
  };

  it('runs onConnected before any invocation and onDisconnected after the end', async () => {
    const log = await start();
    const client = await connect(`${running!.url}/lobby`);
    expect(await client.invoke('count')).toBe(1);
    const id = client.connectionId!;
    expect(log.events).toEqual([`connected:${id}`]);
    await client.stop();
    await waitUntil(() => log.events.length === 2, 'both lifecycle events were logged');
    expect(log.events[1]).toBe(`disconnected:${id}:clean`);
    expect(log.aborted).toEqual([id]);
  });

  it('keeps context.items for the life of the connection and makes a new hub per call', async () => {
    await start();
    const client = await connect(`${running!.url}/lobby`);
    expect([await client.invoke('count'), await client.invoke('count'), await client.invoke('count')]).toEqual([1, 2, 3]);
    const other = await connect(`${running!.url}/lobby`);
    expect(await other.invoke('count')).toBe(1);
    await Promise.all([client.stop(), other.stop()]);
  });

  it('shows the request\'s headers, query and remote address', async () => {
    await start();
    const client = await connect(`${running!.url}/lobby?room=blue`, { headers: { 'x-test': 'yes' } });
    expect(await client.invoke('request')).toEqual({ header: 'yes', query: 'blue', remote: '127.0.0.1' });
    await client.stop();
  });

  it('lets a hub close its caller with context.abort()', async () => {
    const log = await start();
    const client = await connect(`${running!.url}/lobby`);
    const done = closed(client);
    await client.send('kick');
    expect(await done).toBeUndefined();
    await waitUntil(() => log.events.length === 2, 'both lifecycle events were logged');
  });

  it('removes a departed connection from its groups', async () => {
    await start();
    const stay = await connect(`${running!.url}/lobby`);
    const leave = await connect(`${running!.url}/lobby`);
    const leaveId = leave.connectionId!;
    await leave.stop();
    await waitUntil(() => running!.server.getHubStats(LobbyHub).connections === 1, 'the server saw the connection leave');
    const context = running!.server.getHubContext<LobbyClient>(LobbyHub);
    // The group still reaches the remaining member, and adding the departed id does nothing.
    const said = nextCall(stay, 'said');
    await context.groups.addToGroup(leaveId, 'lobby');
    await context.clients.group('lobby').said('still here');
    expect(await said).toEqual(['still here']);
    await stay.stop();
  });

  it('reports an abrupt disconnect to onDisconnected with an error', async () => {
    const log = await start();
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(`${running!.url.replace('http', 'ws')}/lobby`);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send('{"protocol":"json","version":1}\x1e');
    await waitUntil(() => log.events.length === 1, 'onConnected was logged');
    ws.terminate();
    await waitUntil(() => log.events.length === 2, 'onDisconnected was logged');
    expect(log.events[1]).toMatch(/^disconnected:.*:WebSocket closed with status code 1006\.$/);
  });

  it('closes the connection when onConnected throws', async () => {
    class Grumpy extends Hub {
      override onConnected(): void {
        throw new Error('go away');
      }
    }
    running = await startServer((s) => s.mapHub('/grumpy', Grumpy, { options: { enableDetailedErrors: true } }));
    const client = buildClient(`${running.url}/grumpy`);
    // The Close follows the handshake response at once, so the client's start() fails with it.
    await expect(client.start()).rejects.toThrow('Server returned an error on close: Connection closed with an error. Error: go away');
  });

  it('gives a hub context outside hubs, by class or by path', async () => {
    await start();
    const client = await connect(`${running!.url}/lobby`);
    const byClass = running!.server.getHubContext<LobbyClient>(LobbyHub);
    const byPath = running!.server.getHubContext<LobbyClient>('/lobby');
    const first = nextCall(client, 'said');
    await byClass.clients.all.said('from a background job');
    expect(await first).toEqual(['from a background job']);
    const second = nextCall(client, 'said');
    await byPath.clients.client(client.connectionId!).said('direct');
    expect(await second).toEqual(['direct']);
    expect(() => running!.server.getHubContext('/missing')).toThrow("No hub is mapped for '/missing'.");
    await client.stop();
  });

  it('tells others in onConnected', async () => {
    await start();
    const first = await connect(`${running!.url}/lobby`);
    const joined = nextCall(first, 'joined');
    const second = await connect(`${running!.url}/lobby`);
    expect(await joined).toEqual([second.connectionId]);
    await Promise.all([first.stop(), second.stop()]);
  });
});

