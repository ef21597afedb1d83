import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Logger, answerInternalError, checkBrowserPolicy } from '../../../src-server/index.js';

/** One of the host's HTTP routes: resolves true once it has answered, false to pass the request on. */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * The host's HTTP routes besides the hubs (join, synthetic values, the UI), tried in order behind
 * the same Host check as the hubs, against DNS rebinding; 404 when none answers.
 */
export function hostRoutes(
  routes: readonly Route[],
  allowedHosts: () => readonly string[],
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const verdict = checkBrowserPolicy(req, { allowedHosts });
    if (!verdict.allowed) {
      res.writeHead(verdict.status, { 'Content-Type': 'text/plain' }).end(verdict.reason);
      return;
    }
    void (async () => {
      for (const route of routes) if (await route(req, res)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
    })().catch((error: unknown) => answerInternalError(res, logger, error, { url: req.url }));
  };
}
