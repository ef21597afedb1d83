import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubServer } from '../hub-server.js';
import { type NodeServer, interceptUpgrades } from '../transport/server-events.js';

/**
 * Express middleware (or Connect, or any `(req, res, next)` router): it answers negotiate and
 * the hub transports and passes every other request to `next`.
 */
export type HubMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Mounts `hubs` on an Express app served by `server`: returns the middleware for the app, and
 * takes the server's WebSocket upgrades for hub paths (Express never sees upgrades). Use it
 * before any body parser, which would consume the transports' request bodies:
 *
 * ```ts
 * const app = express();
 * const server = http.createServer(app);
 * app.use(expressHubs(hubs, server));
 * server.listen(3000);
 * ```
 */
export function expressHubs(hubs: HubServer, server: NodeServer): HubMiddleware {
  interceptUpgrades(server, (req, socket, head) => hubs.handleUpgrade(req, socket, head));
  return (req, res, next) => {
    if (!hubs.handleRequest(req, res)) next();
  };
}
