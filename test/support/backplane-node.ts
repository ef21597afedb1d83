/**
 * One hub server of a backplane test cluster, run as its own process:
 *   node --import tsx test/support/backplane-node.ts --redis redis://127.0.0.1:6390 --name a --prefix t1 [--hub-name NAME]
 * It maps BackplaneHub at /hubs/backplane with the Redis lifetime manager, prints
 * "listening at http://127.0.0.1:PORT", and serves two plain HTTP routes for the test:
 * GET /backplane (status and stats) and POST /context/all?label=... (a send through the hub context).
 */
import { parseArgs } from 'node:util';
import { type HubUser, createHubServer } from '../../src-server/index.js';
import { createRedisLifetimeManager } from '../../src-server/redis.js';
import { type TargetClient, TargetHub } from './target-hub.js';

/** The client methods the backplane tests use. */
export type BackplaneClient = TargetClient;

/** What a node reports about its backplane on GET /backplane. */
export interface BackplaneReport {
  readonly server: string;
  readonly status: 'healthy' | 'degraded';
  readonly message: string;
  readonly stats: { readonly published: number; readonly publishFailures: number; readonly received: number };
}

const { values } = parseArgs({
  options: { redis: { type: 'string' }, name: { type: 'string' }, prefix: { type: 'string', default: 'hubdeck-test' }, 'hub-name': { type: 'string' } },
});
const serverName = values.name!;

/** TargetHub, plus which server and user a connection is on. */
class BackplaneHub extends TargetHub {
  whoAmI() {
    return { connectionId: this.context.connectionId, server: serverName, user: this.context.userIdentifier ?? null };
  }
}

const manager = createRedisLifetimeManager({ url: values.redis, channelPrefix: values.prefix, hubName: values['hub-name'], serverName });
const server = createHubServer({ logLevel: 'silent' }).mapHub('/hubs/backplane', BackplaneHub, {
  lifetimeManager: manager,
  // Client results inside a hub method need a second invocation slot for the client's answer.
  options: { maximumParallelInvocationsPerClient: 4 },
  authenticate: (request): HubUser | undefined => {
    const user = request.query.get('user');
    return user ? { id: user, name: user } : undefined;
  },
});
const context = server.getHubContext<BackplaneClient>(BackplaneHub);

const { url } = await server.listen({ port: 0, host: '127.0.0.1' }, (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && path.pathname === '/backplane') {
    const report: BackplaneReport = { server: serverName, status: manager.status, message: manager.statusMessage, stats: manager.stats };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(report));
  } else if (req.method === 'POST' && path.pathname === '/context/all') {
    void context.clients.all.hit(path.searchParams.get('label') ?? '').then(() => res.writeHead(204).end());
  } else {
    res.writeHead(404).end();
  }
});
console.log(`listening at ${url}`);

process.once('SIGTERM', () => {
  void server.close(200).then(() => process.exit(0));
});
