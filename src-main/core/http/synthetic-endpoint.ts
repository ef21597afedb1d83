import type { SyntheticSource } from '../metrics/sources/synthetic.js';
import type { Route } from './host-routes.js';

/** Where tests and demos set synthetic values: POST a JSON object of series id → number. */
export const syntheticPath = '/api/synthetic';

/**
 * Sets synthetic metric values from loopback requests only; present only when the host was
 * started with a synthetic source (tests, demos).
 */
export function syntheticEndpoint(source: SyntheticSource): Route {
  return async (req, res) => {
    if (!req.url?.startsWith(syntheticPath)) return false;
    const remote = req.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) {
      res.writeHead(403).end('Synthetic values may only be set from this machine.');
      return true;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return true;
    }
    let body = '';
    for await (const chunk of req) {
      body += chunk;
      if (body.length > 64 * 1024) {
        res.writeHead(413).end();
        return true;
      }
    }
    let values: unknown;
    try {
      values = JSON.parse(body);
    } catch {
      values = undefined;
    }
    const entries = typeof values === 'object' && values !== null ? Object.entries(values) : [];
    if (entries.length === 0 || entries.some(([, v]) => typeof v !== 'number' || !Number.isFinite(v))) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Expected a JSON object of series id to finite number.');
      return true;
    }
    for (const [id, value] of entries) source.set(id, value as number);
    res.writeHead(204).end();
    return true;
  };
}
