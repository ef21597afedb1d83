import type { IncomingMessage } from 'node:http';
import type { HubUser, RequestInfo } from '../../../src-server/index.js';
import { ownerTokenSubject } from '../access/access-policy.js';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Resolves a request's bearer token to its user; throws when the token is bad. */
export type Authenticate = (request: RequestInfo) => Promise<HubUser | undefined>;

/**
 * Whether a request may read the host's operational routes: from this machine, or carrying the
 * owner token (a scraper elsewhere on the LAN). A peer's token is not enough.
 */
export async function isOperatorRequest(req: IncomingMessage, authenticate: Authenticate): Promise<boolean> {
  if (loopback.has(req.socket.remoteAddress ?? '')) return true;
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!req.headers.authorization?.startsWith('Bearer ') && !url.searchParams.has('access_token')) return false;
  try {
    const user = await authenticate({ url: req.url ?? '/', headers: req.headers, query: url.searchParams, remoteAddress: req.socket.remoteAddress });
    return user?.id === ownerTokenSubject;
  } catch {
    return false;
  }
}
