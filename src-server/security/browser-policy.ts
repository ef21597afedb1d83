import type { IncomingMessage } from 'node:http';

/** Which browser origins may call the hubs, and which Host names requests may carry. */
export interface BrowserPolicy {
  /**
   * Origins allowed besides the server's own (same-origin requests and requests without an
   * Origin header, i.e. not from a browser page, are always allowed). A function decides per origin.
   */
  readonly allowedOrigins?: readonly string[] | ((origin: string) => boolean);
  /**
   * Host header names accepted; undefined accepts any. Listing them defeats DNS rebinding, where
   * a hostile page's own host name is pointed at this server. A function is asked on every request.
   */
  readonly allowedHosts?: readonly string[] | (() => readonly string[]);
}

/** What the policy says of one request. */
export type BrowserVerdict =
  | { readonly allowed: true; readonly corsHeaders: Record<string, string> }
  | { readonly allowed: false; readonly status: number; readonly reason: string };

const ok: BrowserVerdict = { allowed: true, corsHeaders: {} };

/** Applies a browser policy to a request: Host check first, then Origin. */
export function checkBrowserPolicy(req: IncomingMessage, policy: BrowserPolicy): BrowserVerdict {
  const host = req.headers.host ?? '';
  if (policy.allowedHosts) {
    const allowed = typeof policy.allowedHosts === 'function' ? policy.allowedHosts() : policy.allowedHosts;
    if (!allowed.includes(hostName(host))) return { allowed: false, status: 400, reason: 'Invalid Host header.' };
  }
  const origin = req.headers.origin;
  if (origin === undefined) return ok;
  if (sameOrigin(origin, isEncrypted(req) ? 'https:' : 'http:', host)) return ok;
  const allowed = policy.allowedOrigins;
  const permitted = typeof allowed === 'function' ? allowed(origin) : (allowed?.includes(origin) ?? false) || allowed?.includes('*') === true;
  if (!permitted) return { allowed: false, status: 403, reason: `Origin '${origin}' is not allowed.` };
  return { allowed: true, corsHeaders: { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } };
}

/** The headers that answer a CORS preflight for an allowed origin. */
export function preflightHeaders(req: IncomingMessage, corsHeaders: Record<string, string>): Record<string, string> {
  return {
    ...corsHeaders,
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type, x-requested-with, x-signalr-user-agent',
    'Access-Control-Max-Age': '600',
  };
}

function hostName(host: string): string {
  // "[::1]:5150" → "[::1]"; "example.local:5150" → "example.local"
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase();
}

// Scheme, host and port, as browsers compare origins; URL drops default ports on both sides.
function sameOrigin(origin: string, scheme: string, host: string): boolean {
  try {
    return new URL(origin).origin === new URL(`${scheme}//${host}`).origin;
  } catch {
    return false;
  }
}

function isEncrypted(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}
