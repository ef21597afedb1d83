import { HubServerError } from '../errors.js';
import type { HubUser, RequestInfo } from '../shared-types.js';

/** Thrown by an `authenticate` hook to refuse a request with 401 and this message. */
export class AuthenticationError extends HubServerError {
  override readonly name = 'AuthenticationError';
  constructor(message: string) {
    super('unauthenticated', message);
  }
}

/** Identifies the user behind a request; undefined means anonymous. Throw AuthenticationError to refuse. */
export type Authenticate = (request: RequestInfo) => HubUser | undefined | Promise<HubUser | undefined>;

/**
 * The bearer token of a request, where the official clients put it: the Authorization header,
 * or `access_token` in the query for WebSockets and SSE, which cannot carry headers in browsers.
 */
export function bearerToken(request: RequestInfo): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.query.get('access_token') ?? undefined;
}
