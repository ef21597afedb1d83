import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src-server/backplane/redis-connection.js';
import { RedisSubscriptions, type SubscriptionAction } from '../../src-server/backplane/redis-subscriptions.js';
import { waitUntil } from '../support/hub-fixture.js';
import { RedisServer } from '../support/redis-server.js';

// RedisSubscriptions against a real redis-server: whether a channel is subscribed is read from
// Redis itself, as the number of subscribers a PUBLISH reached.
describe('RedisSubscriptions', () => {
  let redis: RedisServer;
  let subscriber: Redis;
  let publisher: Redis;
  let failures: Array<[SubscriptionAction, readonly string[]]>;
  let subscriptions: RedisSubscriptions;
  const listeners = (channel: string) => publisher.publish(channel, 'probe');

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => redis.stop());

  const open = async () => {
    subscriber = createRedisConnection({ url: redis.url }, 'test-subscriber', 2000);
    publisher = createRedisConnection({ url: redis.url }, 'test-publisher', 2000);
    // Connection errors are expected while the test stops Redis; ioredis reconnects by itself.
    for (const client of [subscriber, publisher]) client.on('error', () => undefined);
    await Promise.all([subscriber.connect(), publisher.connect()]);
    failures = [];
    subscriptions = new RedisSubscriptions(subscriber, (action, channels) => failures.push([action, channels]));
  };
  afterEach(() => {
    subscriber.disconnect();
    publisher.disconnect();
  });

  it('subscribes a channel while anyone holds it, once however many do', async () => {
    await open();
    await subscriptions.hold('c1', 'conn-a');
    await subscriptions.hold('c1', 'conn-b');
    expect(await listeners('c1')).toBe(1);
    subscriptions.release('c1', 'conn-a');
    expect(await listeners('c1')).toBe(1);
    subscriptions.release('c1', 'conn-b');
    await waitUntil(async () => (await listeners('c1')) === 0, 'Redis dropped the subscription of c1');
    expect(failures).toEqual([]);
  });

  it('releases everything one holder held, and only that', async () => {
    await open();
    await Promise.all([subscriptions.hold('mine', 'conn-a'), subscriptions.hold('shared', 'conn-a'), subscriptions.hold('shared', 'conn-b')]);
    subscriptions.releaseAll('conn-a');
    await waitUntil(async () => (await listeners('mine')) === 0, "Redis dropped conn-a's channel");
    expect(await listeners('shared')).toBe(1);
  });

  it('subscribes every held channel again on a fresh subscriber connection', async () => {
    await open();
    await Promise.all([subscriptions.hold('c1', 'conn-a'), subscriptions.hold('c2', 'conn-b')]);
    subscriptions.release('c2', 'conn-b');
    await redis.stop('SIGKILL');
    // Held while Redis is away: resolves at once instead of failing, and the restore takes it up.
    await subscriptions.hold('c3', 'conn-c');
    await redis.restart();
    await waitUntil(() => subscriber.status === 'ready' && publisher.status === 'ready', 'both connections are back');
    expect(await listeners('c1')).toBe(0);
    expect(await subscriptions.restore()).toBe(true);
    expect([await listeners('c1'), await listeners('c2'), await listeners('c3')]).toEqual([1, 0, 1]);
  });
});
