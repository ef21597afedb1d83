import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../src-server/index.js';
import { RawClient } from '../support/raw-client.js';
import { type RunningServer, delay, startServer } from '../support/hub-fixture.js';

interface TickerClient {
  tick(n: number, padding: string): void;
  note(text: string): void;
}

class TickerHub extends Hub<TickerClient> {
  constructor(private readonly connected: string[]) {
    super();
  }
  override onConnected(): void {
    this.connected.push(this.context.connectionId);
  }
}

describe('latest-value conflation for slow connections', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('keeps only the newest message per key while a connection is behind, and counts what it dropped', async () => {
    const connected: string[] = [];
    running = await startServer((s) => s.mapHub('/ticker', TickerHub, { services: connected, options: { slowConsumerBufferSize: 16 * 1024, keepAliveInterval: 200 } }));
    const slow = await RawClient.connected(`${running.url}/ticker`);
    const socket = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const context = running.server.getHubContext<TickerClient>(TickerHub);
    const padding = 'x'.repeat(4096);
    for (let n = 1; n <= 2000; n++) {
      await context.clients.all.conflate('tick').tick(n, padding);
      if (n % 50 === 0) await delay(1);
    }
    await context.clients.all.note('not latest-value: never dropped');
    const stats = running.server.getConnectionStats(TickerHub, connected[0]!)!;
    expect(stats.conflations).toBeGreaterThan(0);
    expect(stats.pendingLatest).toBe(1);
    expect(running.server.getHubStats(TickerHub).conflations).toBe(stats.conflations);

    socket.resume();
    const ticks: number[] = [];
    let noted = false;
    const deadline = Date.now() + 5000;
    while ((!ticks.includes(2000) || !noted) && Date.now() < deadline) {
      const message = await slow.nextMessage();
      if (message.target === 'tick') ticks.push((message.arguments as number[])[0]!);
      if (message.target === 'note') noted = true;
    }
    expect(noted).toBe(true);
    // Every tick that arrived is in order, the last one is the newest, and far fewer than 2000 came.
    expect(ticks.at(-1)).toBe(2000);
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
    expect(ticks.length + stats.conflations).toBeLessThanOrEqual(2000);
    expect(ticks.length).toBeLessThan(1000);
    slow.close();
  });

  it('sends latest-value messages straight through to a connection that keeps up', async () => {
    running = await startServer((s) => s.mapHub('/ticker', TickerHub, { services: [] }));
    const fast = await RawClient.connected(`${running.url}/ticker`);
    const context = running.server.getHubContext<TickerClient>(TickerHub);
    for (let n = 1; n <= 20; n++) await context.clients.all.conflate('tick').tick(n, '');
    const ticks: number[] = [];
    while (ticks.length < 20) ticks.push(((await fast.nextMessage()).arguments as number[])[0]!);
    expect(ticks).toEqual([...Array(20).keys()].map((i) => i + 1));
    expect(running.server.getHubStats(TickerHub).conflations).toBe(0);
    fast.close();
  });
});
