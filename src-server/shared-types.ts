import type { IncomingHttpHeaders } from 'node:http';

// The types every layer of the server shares: who a connection belongs to, the request that
// opened it and what carries it. A leaf: it imports nothing of the server, so a layer can use
// these without depending on the layer that happens to fill them in.

/** The transports a hub can offer, named as they appear in negotiate responses. */
export type TransportKind = 'WebSockets' | 'ServerSentEvents' | 'LongPolling';

/** Text protocols may use any transport; binary ones need a transport that carries bytes. */
export type TransferFormat = 'Text' | 'Binary';

/** The HTTP request that opened the connection's current transport. */
export interface RequestInfo {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly query: URLSearchParams;
  readonly remoteAddress: string | undefined;
}

/** An authenticated user. */
export interface HubUser {
  readonly id: string;
  readonly name?: string;
  readonly roles?: readonly string[];
  readonly claims?: Readonly<Record<string, unknown>>;
  /** When the credentials end (epoch milliseconds); the connection is closed then. */
  readonly expiresAt?: number;
}

/** What a hub knows about the connection that called it. */
export interface HubCallerContext {
  readonly connectionId: string;
  /** The id `clients.user(...)` addresses this connection by; undefined when anonymous. */
  readonly userIdentifier: string | undefined;
  readonly user: HubUser | undefined;
  /** State kept for the lifetime of the connection. */
  readonly items: Map<unknown, unknown>;
  /** Aborted when the connection ends. */
  readonly connectionAborted: AbortSignal;
  readonly request: RequestInfo;
  /** The transport carrying the connection. */
  readonly transport: TransportKind;
  /** Closes the connection. */
  abort(): void;
}
