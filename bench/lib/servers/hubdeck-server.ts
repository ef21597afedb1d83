/**
 * The Hubdeck server under test, in a process of its own:
 *   node --import tsx bench/lib/servers/hubdeck-server.ts [--attack] [--redis URL --name NAME]
 * --attack applies the host's defences (src-main/core/host.ts); --redis makes it one node of a
 * Redis backplane cluster.
 */
import { parseArgs } from 'node:util';
import { Hub, createHubServer, createRedisLifetimeManager } from '../../../src-server/index.js';
import { announceServer } from './announce.js';
import { hubdeckHubPath } from './endpoints.js';

const { values } = parseArgs({ options: { attack: { type: 'boolean' }, redis: { type: 'string' }, name: { type: 'string' } } });

interface BenchClient {
  tick(seq: number, sentAt: number, payload: string): void;
}

class BenchHub extends Hub<BenchClient> {
  echo(payload: string): string {
    return payload;
  }

  publish(seq: number, sentAt: number, payload: string): Promise<void> {
    return this.clients.all.tick(seq, sentAt, payload);
  }
}

const server = createHubServer({
  logLevel: 'silent',
  security: values.attack ? { maximumConnectionsPerAddress: 200 } : undefined,
}).mapHub(hubdeckHubPath, BenchHub, {
  options: values.attack ? { invocationRateLimit: { perSecond: 50, burst: 100 } } : undefined,
  lifetimeManager: values.redis === undefined ? undefined : createRedisLifetimeManager({ url: values.redis, channelPrefix: 'bench', serverName: values.name }),
});
const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
announceServer(url);
