import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type HubServer, httpServerOptions } from '../../../src-server/index.js';

/** A TLS certificate and its key, PEM-encoded. */
export interface TlsCredentials {
  readonly cert: string;
  readonly key: string;
}

/** An HTTP or HTTPS server on a LAN address, serving the hubs and the host's other routes. */
export interface LanListener {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on `address:port` (the next port if taken) with the same hubs and routes as the local endpoint. */
export async function listenOnLan(
  hubs: HubServer,
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
  address: string,
  port: number,
  tls: TlsCredentials | undefined,
): Promise<LanListener> {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (!hubs.handleRequest(req, res)) fallback(req, res);
  };
  // The same timeouts as the local endpoint: half-open sockets from the LAN cost seconds, not minutes.
  const server: Server = tls ? createTlsServer({ ...httpServerOptions(), cert: tls.cert, key: tls.key }, handle) : createServer(httpServerOptions(), handle);
  // Upgraded sockets outlive closeAllConnections(); they are tracked to be ended on close.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!hubs.handleUpgrade(req, socket, head)) socket.destroy();
  });
  for (let candidate = port; ; candidate++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(candidate, address, () => {
          server.off('error', reject);
          resolve();
        });
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || candidate >= port + 19) throw error;
    }
  }
  const bound = server.address() as AddressInfo;
  const shown = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `${tls ? 'https' : 'http'}://${shown}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        // Give WebSocket clients a moment to finish their close handshake, then end what is left.
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 500).unref();
      }),
  };
}
