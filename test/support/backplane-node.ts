/**
 * One hub server of a backplane test cluster, run as its own process:
 *   node --import tsx test/support/backplane-node.ts --redis redis://127.0.0.1:6390 --name a --prefix t1
 * It maps BackplaneHub at /hubs/backplane with the Redis lifetime manager, prints
 * "listening at http://127.0.0.1:PORT", and serves two plain HTTP routes for the test:
 * GET /backplane (status and stats) and POST /context/all?label=... (a send through the hub context).
 */
import { parseArgs } from 'node:util';
import { Hub, type HubUser, createHubServer, createRedisLifetimeManager } from '../../src-server/index.js';

/** The client methods the backplane tests use. */
export interface BackplaneClient {
  hit(label: string): void;
  getAnswer(question: string): Promise<string>;
}

/** What a node reports about its backplane on GET /backplane. */
export interface BackplaneReport {
  readonly server: string;
  readonly status: 'healthy' | 'degraded';
  readonly message: string;
  readonly stats: { readonly published: number; readonly publishFailures: number; readonly received: number };
}

const { values } = parseArgs({
  options: { redis: { type: 'string' }, name: { type: 'string' }, prefix: { type: 'string', default: 'hubdeck-test' } },
});
const serverName = values.name!;

/** Every client target, group change and client result, each behind a method named after it. */
class BackplaneHub extends Hub<BackplaneClient> {
  whoAmI() {
    return { connectionId: this.context.connectionId, server: serverName, user: this.context.userIdentifier ?? null };
  }
  join(group: string) {
    return this.groups.addToGroup(this.context.connectionId, group);
  }
  leave(group: string) {
    return this.groups.removeFromGroup(this.context.connectionId, group);
  }
  addOther(connectionId: string, group: string) {
    return this.groups.addToGroup(connectionId, group);
  }
  removeOther(connectionId: string, group: string) {
    return this.groups.removeFromGroup(connectionId, group);
  }
  all(label: string) {
    return this.clients.all.hit(label);
  }
  others(label: string) {
    return this.clients.others.hit(label);
  }
  allExcept(label: string, ids: string[]) {
    return this.clients.allExcept(ids).hit(label);
  }
  client(label: string, id: string) {
    return this.clients.client(id).hit(label);
  }
  clientsOf(label: string, ids: string[]) {
    return this.clients.clients(ids).hit(label);
  }
  group(label: string, group: string) {
    return this.clients.group(group).hit(label);
  }
  groupExcept(label: string, group: string, ids: string[]) {
    return this.clients.groupExcept(group, ids).hit(label);
  }
  groupsOf(label: string, groups: string[]) {
    return this.clients.groups(groups).hit(label);
  }
  othersInGroup(label: string, group: string) {
    return this.clients.othersInGroup(group).hit(label);
  }
  user(label: string, userId: string) {
    return this.clients.user(userId).hit(label);
  }
  usersOf(label: string, userIds: string[]) {
    return this.clients.users(userIds).hit(label);
  }
  ask(connectionId: string, question: string) {
    return this.clients.client(connectionId).invoke('getAnswer', question);
  }
}

const manager = createRedisLifetimeManager({ url: values.redis, channelPrefix: values.prefix, serverName });
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
