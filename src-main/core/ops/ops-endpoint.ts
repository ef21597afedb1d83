import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { type Authenticate, isOperatorRequest } from './operator-access.js';
import type { Readiness } from './readiness.js';

/** The operational routes: liveness, readiness and Prometheus metrics. */
export const opsPaths = { health: '/healthz', ready: '/readyz', metrics: '/metrics' } as const;

/** What the operational routes answer from. */
export interface OpsSources {
  readonly authenticate: Authenticate;
  readonly readiness: () => Readiness;
  readonly registry: Registry;
  /** Seconds since the host started. */
  readonly uptimeSeconds: () => number;
}

/**
 * Serves GET /healthz (the process answers), /readyz (200 when every component is ready, 503
 * naming the ones that are not) and /metrics (Prometheus text format), to this machine or the
 * owner token only: they describe the host's insides.
 */
export function opsEndpoint(sources: OpsSources): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const paths = new Set<string>(Object.values(opsPaths));
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!paths.has(path)) return false;
    if (!(await isOperatorRequest(req, sources.authenticate))) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Only this machine or the owner token may read this.');
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return true;
    }
    if (path === opsPaths.metrics) {
      const body = await sources.registry.metrics();
      res.writeHead(200, { 'Content-Type': sources.registry.contentType, 'Cache-Control': 'no-store' }).end(body);
    } else if (path === opsPaths.health) {
      sendJson(res, 200, { status: 'alive', components: [{ component: 'process', ready: true, message: `Up ${Math.round(sources.uptimeSeconds())} s, pid ${process.pid}.` }] });
    } else {
      const readiness = sources.readiness();
      sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', components: readiness.components });
    }
    return true;
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}
