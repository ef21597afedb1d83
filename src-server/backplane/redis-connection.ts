import { Redis, type RedisOptions } from 'ioredis';

/** Where Redis is: a redis:// URL, ioredis options (host, port, password, tls...), or both. */
export interface RedisEndpoint {
  /** e.g. redis://127.0.0.1:6379; without it (and without `redis.host`/`redis.port`) ioredis uses 127.0.0.1:6379. */
  readonly url?: string;
  /** ioredis options, on top of the backplane's defaults. */
  readonly redis?: RedisOptions;
}

// Retry soon after losing Redis, then every two seconds at most.
const retryDelay = (attempt: number): number => Math.min(attempt * 100, 2000);

/**
 * Creates, without connecting, one of the backplane's Redis connections. Commands fail at once
 * while Redis is away instead of waiting in a queue: a message queued for later would reach the
 * other servers late and out of order with what was delivered meanwhile. RedisSubscriptions, not
 * ioredis, resubscribes after a reconnect, because it knows which channels are still needed.
 */
export function createRedisConnection(endpoint: RedisEndpoint, connectionName: string, commandTimeoutMs: number): Redis {
  const options: RedisOptions = {
    retryStrategy: retryDelay,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectionName,
    ...endpoint.redis,
    lazyConnect: true,
    enableOfflineQueue: false,
    autoResubscribe: false,
  };
  return endpoint.url === undefined ? new Redis(options) : new Redis(endpoint.url, options);
}
