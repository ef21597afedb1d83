import type { TransferFormat, TransportKind } from '../shared-types.js';

/** The highest negotiate version this server speaks; higher requests are answered with it. */
export const maxNegotiateVersion = 1;

const formatsOf: Record<TransportKind, readonly TransferFormat[]> = {
  WebSockets: ['Text', 'Binary'],
  ServerSentEvents: ['Text'],
  LongPolling: ['Text', 'Binary'],
};

export type NegotiateVersion = { readonly version: number } | { readonly error: string };

/** Reads `negotiateVersion` from the query: missing means 0, above the maximum is lowered. */
export function readNegotiateVersion(raw: string | undefined, minimum = 0): NegotiateVersion {
  if (raw === undefined) {
    return minimum > 0 ? { error: `The client requested version '0', but the server does not support this version.` } : { version: 0 };
  }
  if (!/^[+-]?\d+$/.test(raw.trim())) return { error: 'The client requested a non-integer protocol version.' };
  const requested = Number.parseInt(raw, 10);
  if (requested < minimum) return { error: `The client requested version '${requested}', but the server does not support this version.` };
  return { version: Math.min(requested, maxNegotiateVersion) };
}

/** The negotiate response body for a new connection. */
export function negotiateResponse(args: {
  version: number;
  connectionId: string;
  connectionToken: string;
  transports: readonly TransportKind[];
  statefulReconnect: boolean;
}): Record<string, unknown> {
  return {
    negotiateVersion: args.version,
    connectionId: args.connectionId,
    ...(args.version >= 1 ? { connectionToken: args.connectionToken } : {}),
    availableTransports: args.transports.map((transport) => ({ transport, transferFormats: formatsOf[transport] })),
    ...(args.statefulReconnect ? { useStatefulReconnect: true } : {}),
  };
}

/** A negotiate answer that sends the client to another URL, optionally with a bearer token. */
export interface NegotiateRedirect {
  readonly url: string;
  readonly accessToken?: string;
}
