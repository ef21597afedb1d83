import type { ServerResponse } from 'node:http';
import { KeyedRateLimiter, type RateLimit, TokenBucket } from '../../../src-server/index.js';
import { type AccessPolicy, JoinRefusedError } from '../access/access-policy.js';
import { hostJoinLimits } from '../defences.js';
import type { Route } from './host-routes.js';

/** Where a peer exchanges a join code for a token. */
export const joinPath = '/api/join';

function reply(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
  return true;
}

/** `POST /api/join` with `{ code, name }`: a token for a valid code, a clear error otherwise. */
export function joinEndpoint(
  access: AccessPolicy,
  now: () => number,
  limits: { readonly perAddress: RateLimit; readonly total: RateLimit } = hostJoinLimits,
): Route {
  const attempts = new KeyedRateLimiter(limits.perAddress);
  // Guessing from many addresses at once is held to the total.
  const allAttempts = new TokenBucket(limits.total.perSecond, limits.total.burst, now());
  return async (req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== joinPath) return false;
    if (req.method !== 'POST') return reply(res, 405, { error: 'Use POST.' });
    if (!attempts.take(req.socket.remoteAddress ?? '', now()) || !allAttempts.take(now())) {
      return reply(res, 429, { error: 'Too many attempts; wait a minute and try again.' });
    }
    let body = '';
    for await (const chunk of req) {
      body += chunk;
      if (body.length > 4096) return reply(res, 413, { error: 'The request is too large.' });
    }
    let request: { code?: unknown; name?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return reply(res, 400, { error: 'Send JSON: { "code": "...", "name": "..." }.' });
    }
    const name = typeof request.name === 'string' ? request.name.trim().slice(0, 100) : '';
    if (typeof request.code !== 'string' || name === '') return reply(res, 400, { error: 'Both a code and your name are needed.' });
    try {
      return reply(res, 200, await access.join(request.code, name));
    } catch (error) {
      if (!(error instanceof JoinRefusedError)) throw error;
      return reply(res, error.code === 'code' ? 403 : 409, { error: error.message });
    }
  };
}
