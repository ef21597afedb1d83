import type { ServerOptions } from 'node:http';

/** How long an HTTP client may take to send what it must; past it, its socket is closed. */
export interface HttpTimeouts {
  /** From a connection's first byte (or its previous request) to the end of its request headers. */
  readonly headersTimeout: number;
  /** To receive a whole request, body included (a long poll's wait does not count: it is the response). */
  readonly requestTimeout: number;
  /** An idle keep-alive connection between requests. */
  readonly keepAliveTimeout: number;
}

/**
 * Short enough that thousands of half-open sockets (a request line and then nothing) cost only
 * seconds of a file descriptor each; Node's own defaults keep them a minute or more.
 */
export const defaultHttpTimeouts: HttpTimeouts = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 };

/** The `node:http` (and `node:https`) server options that apply `timeouts` over the defaults. */
export function httpServerOptions(timeouts: Partial<HttpTimeouts> = {}): ServerOptions {
  const { headersTimeout, requestTimeout, keepAliveTimeout } = { ...defaultHttpTimeouts, ...timeouts };
  return {
    headersTimeout,
    requestTimeout: Math.max(requestTimeout, headersTimeout),
    keepAliveTimeout,
    // How often expired sockets are looked for: a fraction of the shortest timeout.
    connectionsCheckingInterval: Math.max(100, Math.min(1000, headersTimeout / 4)),
  };
}
