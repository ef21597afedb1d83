// The scale-out entry point. It is separate from index.ts so that applications which never
// scale out never load ioredis (an optional peer dependency of the package).
export { RedisLifetimeManager, createRedisLifetimeManager } from './backplane/redis-lifetime-manager.js';
export type { BackplaneStats, RedisLifetimeManagerOptions } from './backplane/redis-lifetime-manager.js';
export type { RedisEndpoint } from './backplane/redis-connection.js';
