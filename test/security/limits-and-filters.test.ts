import { afterEach, describe, expect, it } from 'vitest';
import { Hub, type HubFilter, HubException } from '../../src-server/index.js';
import { RawClient } from '../support/raw-client.js';
import { type RunningServer, closed, connect, delay, startServer, waitUntil } from '../support/hub-fixture.js';

class PlainHub extends Hub {
  echo(text: string): string {
    return text;
  }
  join(group: string): Promise<void> {
    return this.groups.addToGroup(this.context.connectionId, group);
  }
  flood(bytes: number, count: number): void {
    const payload = 'x'.repeat(bytes);
    for (let i = 0; i < count; i++) void this.clients.caller.send('data', payload);
  }
}

describe('filters', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('runs global then hub filters around invocations and connection events, and lets one stop a call', async () => {
    const log: string[] = [];
    const named = (name: string): HubFilter => ({
      async invokeMethod(invocation, next) {
        log.push(`${name}:before:${invocation.method}`);
        if (invocation.args[0] === 'forbidden') throw new HubException(`${name} says no`);
        const result = await next();
        log.push(`${name}:after:${String(result)}`);
        return result;
      },
      async onConnected(_context, next) {
        log.push(`${name}:connected`);
        await next();
      },
      async onDisconnected(_context, _error, next) {
        log.push(`${name}:disconnected`);
        await next();
      },
    });
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { filters: [named('hub')] }), { filters: [named('global')] });
    const client = await connect(`${running.url}/plain`);
    expect(await client.invoke('echo', 'hi')).toBe('hi');
    await expect(client.invoke('echo', 'forbidden')).rejects.toThrow("HubException: global says no");
    await client.stop();
    await waitUntil(() => log.includes('hub:disconnected'), 'the filters saw the disconnect');
    expect(log).toEqual([
      'global:connected', 'hub:connected',
      'global:before:echo', 'hub:before:echo', 'hub:after:hi', 'global:after:hi',
      'global:before:echo',
      'global:disconnected', 'hub:disconnected',
    ]);
  });
});

describe('limits', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('refuses invocations past the rate limit with a clear error, holds the flood back, then recovers', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { options: { invocationRateLimit: { perSecond: 10, burst: 5 }, maximumParallelInvocationsPerClient: 10 } }));
    const client = await connect(`${running.url}/plain`);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => client.invoke('echo', `m${i}`)));
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    // The burst of 5 goes through. Past it each refusal holds the connection until a token
    // returns, so later calls are served again instead of all 15 being refused at once.
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(5);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.reason.message).toBe("Failed to invoke 'echo' because the connection exceeded its rate limit of 10 invocations per second (bursts of 5).");
    await delay(600);
    expect(await client.invoke('echo', 'later')).toBe('later');
    await client.stop();
  });

  it('caps connections in all and per address', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub), { security: { maximumConnectionsPerAddress: 2 } });
    const a = await connect(`${running.url}/plain`);
    const b = await connect(`${running.url}/plain`);
    const res = await fetch(`${running.url}/plain/negotiate?negotiateVersion=1`, { method: 'POST' });
    expect(res.status).toBe(429);
    expect(await res.text()).toBe('Too many connections from this address.');
    await a.stop();
    await waitUntil(() => running!.server.getHubStats('/plain').connections === 1, 'the server saw the first connection leave');
    const c = await connect(`${running.url}/plain`);
    await Promise.all([b.stop(), c.stop()]);
    await running.close();
    running = await startServer((s) => s.mapHub('/plain', PlainHub), { security: { maximumConnections: 1 } });
    const only = await connect(`${running.url}/plain`, { skipNegotiation: true });
    await expect(connect(`${running.url}/plain`, { skipNegotiation: true })).rejects.toThrow();
    await only.stop();
  });

  it('limits negotiate requests per address', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub), { security: { negotiateRateLimit: { perSecond: 1, burst: 3 } } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${running.url}/plain/negotiate?negotiateVersion=1`, { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('drops a connection that lets more than maximumOutboundBufferSize pile up, and keeps serving others', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { options: { maximumOutboundBufferSize: 1024 * 1024 } }));
    const stuck = await RawClient.connected(`${running.url}/plain`);
    (stuck.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    stuck.sendMessage({ type: 1, target: 'flood', arguments: [64 * 1024, 200] });
    const healthy = await connect(`${running.url}/plain`);
    await waitUntil(() => running!.server.getHubStats('/plain').connections === 1, 'the stuck connection was dropped');
    expect(await healthy.invoke('echo', 'still fine')).toBe('still fine');
    await healthy.stop();
  });

  it('lets a group policy refuse joins a hub attempts for its caller', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { groupPolicy: ({ group }) => !group.startsWith('admin') }));
    const client = await connect(`${running.url}/plain`);
    await client.invoke('join', 'viewers');
    await expect(client.invoke('join', 'admins')).rejects.toThrow("HubException: Joining the group 'admins' is not allowed.");
    await client.stop();
  });

  it('refuses joins past the cap of groups per connection, counting each group once', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { options: { maximumGroupsPerConnection: 100 } }));
    const client = await connect(`${running.url}/plain`);
    for (let i = 0; i < 100; i++) await client.invoke('join', `g${i}`);
    await client.invoke('join', 'g7');
    await expect(client.invoke('join', 'one-too-many')).rejects.toThrow('HubException: A connection can be in at most 100 groups.');
    await client.stop();
  });

  it('weathers a long-poll storm: extra connections are refused, stacked polls end with 204, others keep working', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { options: { longPollTimeout: 5_000 } }), {
      security: { maximumConnectionsPerAddress: 20 },
    });
    const negotiate = () => fetch(`${running!.url}/plain/negotiate?negotiateVersion=1`, { method: 'POST' });
    const statuses = await Promise.all(Array.from({ length: 40 }, () => negotiate().then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);

    await running!.close();

    // Twenty polls stacked on one connection: each newer one ends the one before it with 204.
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { options: { longPollTimeout: 5_000 } }));
    const body = (await (await fetch(`${running.url}/plain/negotiate?negotiateVersion=1`, { method: 'POST' })).json()) as { connectionToken: string };
    const url = `${running.url}/plain?id=${body.connectionToken}`;
    expect((await fetch(url)).status).toBe(200);
    await fetch(url, { method: 'POST', body: '{"protocol":"json","version":1}\x1e' });
    await fetch(url);
    let ended = 0;
    const polls = Array.from({ length: 20 }, () => fetch(url).then((r) => (ended++, r.status)));
    // Once nineteen have ended, all twenty reached the server: only the newest is still waiting.
    await waitUntil(() => ended === 19, 'nineteen polls were ended by newer ones', 10_000);
    await fetch(url, { method: 'POST', body: '{"type":1,"invocationId":"1","target":"echo","arguments":["after the storm"]}\x1e' });
    const results = await Promise.all(polls);
    expect(results.filter((s) => s === 204)).toHaveLength(19);
    const healthy = await connect(`${running.url}/plain`);
    expect(await healthy.invoke('echo', 'fine')).toBe('fine');
    await healthy.stop();
  });

  it('closes a connection that never completes its handshake', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { options: { handshakeTimeout: 200 } }));
    const silent = await RawClient.open(`${running.url}/plain`);
    expect(JSON.parse(await silent.nextRecord())).toEqual({ error: 'Handshake was canceled.' });
    await silent.closed();
  });

  it('keeps the official client working when an abusive one is dropped', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub));
    const good = await connect(`${running.url}/plain`);
    const bad = await RawClient.connected(`${running.url}/plain`);
    bad.send('{"type":1,"target":' + '['.repeat(5000) + '\x1e');
    await bad.closed();
    expect(await good.invoke('echo', 'ok')).toBe('ok');
    const goodClosed = closed(good, 300).catch(() => 'still open');
    expect(await goodClosed).toBe('still open');
    await good.stop();
  });
});
