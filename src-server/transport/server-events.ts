import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';

/** A server hubs can be mounted on: plain HTTP or HTTPS. */
export type NodeServer = HttpServer | HttpsServer;

/** Takes a request if it is for a hub; false hands it on. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;
/** Takes an upgrade if it is for a hub; false hands it on. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/**
 * Puts `handle` in front of the request listeners `server` already has; they keep receiving
 * the requests it declines.
 */
export function interceptRequests(server: NodeServer, handle: RequestHandler): void {
  intercept(server, 'request', (args) => handle(args[0] as IncomingMessage, args[1] as ServerResponse), () => undefined);
}

/**
 * Puts `handle` in front of the upgrade listeners `server` already has; they keep receiving the
 * upgrades it declines, and a declined upgrade nobody else listens for is refused, since Node
 * leaves such a socket open.
 */
export function interceptUpgrades(server: NodeServer, handle: UpgradeHandler): void {
  intercept(
    server,
    'upgrade',
    (args) => handle(args[0] as IncomingMessage, args[1] as Duplex, args[2] as Buffer),
    (args) => (args[1] as Duplex).destroy(),
  );
}

function intercept(server: NodeServer, event: 'request' | 'upgrade', handle: (args: unknown[]) => boolean, unclaimed: (args: unknown[]) => void): void {
  const previous = server.listeners(event) as Array<(...args: unknown[]) => void>;
  server.removeAllListeners(event);
  server.on(event, (...args: unknown[]) => {
    if (handle(args)) return;
    if (previous.length === 0) return unclaimed(args);
    for (const listener of previous) listener.apply(server, args);
  });
}
