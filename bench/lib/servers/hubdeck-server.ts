/**
 * The Hubdeck server under test, in a process of its own:
 *   node --import tsx bench/lib/servers/hubdeck-server.ts [--attack] [--redis URL --name NAME]
 * --attack applies the host's defences (src-main/core/defences.ts) and token checks; --redis makes it one node of a
 * Redis backplane cluster.
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { jwtVerify } from 'jose';
import { hostHubLimits, hostSecurity } from '../../../src-main/core/defences.js';
import { AuthenticationError, Hub, bearerToken, createHubServer } from '../../../src-server/index.js';
import { createRedisLifetimeManager } from '../../../src-server/redis.js';
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

// Under attack the server verifies bearer tokens as the host does (HS256), so forged ones cost what they cost there.
const tokenKey = randomBytes(32);
const authenticate = async (request: Parameters<typeof bearerToken>[0]) => {
  const token = bearerToken(request);
  if (token === undefined) return undefined;
  try {
    const { payload } = await jwtVerify(token, tokenKey, { issuer: 'hubdeck', algorithms: ['HS256'] });
    return { id: String(payload.sub) };
  } catch {
    throw new AuthenticationError('The token is not valid for this host.');
  }
};

const server = createHubServer({
  logLevel: 'silent',
  security: values.attack ? hostSecurity : undefined,
}).mapHub(hubdeckHubPath, BenchHub, {
  options: values.attack ? hostHubLimits : undefined,
  authenticate: values.attack ? authenticate : undefined,
  lifetimeManager: values.redis === undefined ? undefined : createRedisLifetimeManager({ url: values.redis, channelPrefix: 'bench', serverName: values.name }),
});
const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
announceServer(url);
