import { randomUUID } from 'node:crypto';
import { encode } from '@msgpack/msgpack';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BackplaneUnavailableError,
  GroupAckTimeoutError,
  Hub,
  InvalidOperationError,
  createLogger,
} from '../../src-server/index.js';
import { type RedisLifetimeManager, type RedisLifetimeManagerOptions, createRedisLifetimeManager } from '../../src-server/redis.js';
import { eventually } from '../support/backplane-cluster.js';
import { type RunningServer, connect, delay, startServer } from '../support/hub-fixture.js';
import { RawClient } from '../support/raw-client.js';
import { RedisServer } from '../support/redis-server.js';

interface TickerClient {
  hit(label: string): void;
  tick(n: number, padding: string): void;
}

class TickerHub extends Hub<TickerClient> {
  all(label: string) {
    return this.clients.all.hit(label);
  }
}

/** Hub servers in this process, each with its own Redis lifetime manager: nodes without child processes. */
describe('the Redis lifetime manager in one process', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function startRedis(): Promise<RedisServer> {
    const redis = await RedisServer.start();
    cleanup.push(() => redis.stop());
    return redis;
  }

  async function startNode(options: RedisLifetimeManagerOptions): Promise<{ running: RunningServer; manager: RedisLifetimeManager }> {
    const manager = createRedisLifetimeManager(options);
    const running = await startServer((s) =>
      s.mapHub('/ticker', TickerHub, { lifetimeManager: manager, options: { slowConsumerBufferSize: 16 * 1024 } }),
    );
    cleanup.push(() => running.close());
    return { running, manager };
  }

  it('starts without Redis: local delivery works, the status is degraded, then healthy once Redis comes', async () => {
    const redis = await startRedis();
    await redis.stop();
    const { running, manager } = await startNode({ url: redis.url, channelPrefix: randomUUID() });
    const changes: string[] = [];
    manager.onStatus((status) => changes.push(status));
    const client = await connect(`${running.url}/ticker`);
    cleanup.push(() => client.stop());
    const hits: string[] = [];
    client.on('hit', (label: string) => hits.push(label));

    expect(manager.status).toBe('degraded');
    await client.invoke('all', 'without redis');
    expect(hits).toEqual(['without redis']);
    expect(manager.stats.publishFailures).toBe(1);

    await redis.restart();
    await eventually('healthy', () => manager.status === 'healthy');
    expect(changes).toEqual(['healthy']);
    await client.invoke('all', 'with redis');
    expect(hits).toEqual(['without redis', 'with redis']);
    expect(manager.stats).toMatchObject({ published: 1, publishFailures: 1 });
  });

  it('conflates latest-value messages from another server on a slow connection', async () => {
    const redis = await startRedis();
    const channelPrefix = randomUUID();
    const sender = await startNode({ url: redis.url, channelPrefix });
    const holder = await startNode({ url: redis.url, channelPrefix });
    await eventually('both healthy', () => sender.manager.status === 'healthy' && holder.manager.status === 'healthy');
    const slow = await RawClient.connected(`${holder.running.url}/ticker`);
    cleanup.push(async () => slow.close());
    slow.send(`{"type":1,"invocationId":"1","target":"all","arguments":["ready"]}\x1e`);
    await slow.nextMessage();
    const socket = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();

    const context = sender.running.server.getHubContext<TickerClient>(TickerHub);
    const padding = 'x'.repeat(4096);
    for (let n = 1; n <= 1000; n++) {
      await context.clients.all.conflate('tick').tick(n, padding);
      if (n % 50 === 0) await delay(1);
    }
    await eventually('conflations on the other server', () => holder.running.server.getHubStats(TickerHub).conflations > 0);
    socket.resume();
    const ticks: number[] = [];
    while (!ticks.includes(1000)) {
      const message = await slow.nextMessage();
      if (message.target === 'tick') ticks.push((message.arguments as number[])[0]!);
    }
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
    expect(ticks.length).toBeLessThan(1000);
  });

  it('refuses a group change nobody acknowledges with a clear error, and fails at once without Redis', async () => {
    const redis = await startRedis();
    const { running, manager } = await startNode({ url: redis.url, channelPrefix: randomUUID(), groupAckTimeoutMs: 300 });
    const { groups } = running.server.getHubContext(TickerHub);
    await eventually('healthy', () => manager.status === 'healthy');

    const timedOut = groups.addToGroup('nobody-here', 'g');
    await expect(timedOut).rejects.toBeInstanceOf(GroupAckTimeoutError);
    await expect(timedOut).rejects.toThrow(
      "Adding connection 'nobody-here' to group 'g' was not acknowledged within 300 ms: no server holds that connection, or Redis cannot reach it.",
    );

    await redis.stop();
    await eventually('degraded', () => manager.status === 'degraded');
    const started = Date.now();
    await expect(groups.removeFromGroup('nobody-here', 'g')).rejects.toBeInstanceOf(BackplaneUnavailableError);
    expect(Date.now() - started).toBeLessThan(300);
  });

  it('dispose unsubscribes and closes both Redis connections', async () => {
    const redis = await startRedis();
    const channelPrefix = randomUUID();
    const { running, manager } = await startNode({ url: redis.url, channelPrefix, serverName: `node-${randomUUID()}` });
    await eventually('healthy', () => manager.status === 'healthy');
    const observer = new Redis(redis.url, { lazyConnect: true });
    await observer.connect();
    cleanup.push(() => observer.quit());
    const ours = async () => {
      const list = (await observer.client('LIST')) as string;
      return list.split('\n').filter((line) => line.includes(`name=${manager.serverName}:`)).length;
    };
    expect(await ours()).toBe(2);
    expect(await observer.pubsub('CHANNELS')).toContain(`${channelPrefix}/ticker:all`);

    await running.close();
    await eventually('no connections left', async () => (await ours()) === 0);
    expect(manager.status).toBe('degraded');
    expect(await observer.pubsub('CHANNELS')).toEqual([]);
  });

  it('delivers a two-item payload as ASP.NET Core publishes it, and ignores garbage', async () => {
    const redis = await startRedis();
    const channelPrefix = randomUUID();
    const { running, manager } = await startNode({ url: redis.url, channelPrefix });
    await eventually('healthy', () => manager.status === 'healthy');
    const client = await connect(`${running.url}/ticker`);
    cleanup.push(() => client.stop());
    const hits: string[] = [];
    client.on('hit', (label: string) => hits.push(label));
    await client.invoke('all', 'subscribed');
    const publisher = new Redis(redis.url);
    cleanup.push(() => publisher.quit());

    const channel = `${channelPrefix}/ticker:all`;
    await publisher.publish(channel, Buffer.from('not messagepack'));
    await publisher.publish(channel, Buffer.from(encode([[], { json: Buffer.from('{"type":1,"target":"hit","arguments":["from elsewhere"]}\x1e') }])));
    await eventually('the foreign message', () => hits.includes('from elsewhere'));
    await client.invoke('all', 'still fine');
    expect(hits).toEqual(['subscribed', 'from elsewhere', 'still fine']);
    expect(manager.stats.received).toBe(1);
  });

  it('serves one hub only', () => {
    const manager = createRedisLifetimeManager({ url: 'redis://127.0.0.1:1' });
    const binding = { path: '/one', protocols: new Map(), logger: createLogger('silent'), maximumGroupsPerConnection: null };
    manager.attach(binding);
    cleanup.push(() => manager.dispose());
    expect(() => manager.attach({ ...binding, path: '/two' })).toThrow(InvalidOperationError);
  });
});
