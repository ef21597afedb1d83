import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Clock } from '../connection/heartbeat.js';
import type { HubConnectionHandler } from '../connection/hub-connection-handler.js';
import type { HubUser, RequestInfo } from '../dispatch/hub.js';
import type { HubOptions } from '../options.js';
import { ConnectionManager } from './connection-manager.js';
import type { HttpConnection } from './http-connection.js';
import { queryValue, refuseUpgrade, sendJson, sendText } from './http-responses.js';
import { negotiateResponse, readNegotiateVersion } from './negotiate.js';
import { WebSocketSink, runWebSocket } from './websocket-transport.js';

/** Describes the request for hubs: headers, query and remote address. */
export function requestInfo(req: IncomingMessage, url: URL): RequestInfo {
  return { url: req.url ?? '/', headers: req.headers, query: url.searchParams, remoteAddress: req.socket.remoteAddress };
}

/** The HTTP surface of one mapped hub: negotiate and the transports, at `path`. */
export class HubEndpoint {
  readonly connections = new ConnectionManager();
  private readonly sockets = new Set<import('ws').WebSocket>();

  constructor(
    readonly path: string,
    private readonly options: HubOptions,
    private readonly handler: HubConnectionHandler,
    private readonly webSockets: WebSocketServer,
    private readonly clock: Clock,
    private readonly authenticate: ((request: RequestInfo) => HubUser | undefined | Promise<HubUser | undefined>) | undefined,
  ) {}

  /** Whether `pathname` belongs to this endpoint. */
  owns(pathname: string): boolean {
    return pathname === this.path || pathname === `${this.path}/negotiate`;
  }

  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (url.pathname.endsWith('/negotiate')) {
      this.negotiate(req, res, url).catch((error: unknown) => sendText(res, 500, String(error)));
      return;
    }
    req.resume();
    const token = queryValue(url.searchParams, 'id');
    if (token === undefined) return sendText(res, 400, 'Connection ID required');
    const connection = this.connections.get(token);
    if (!connection) return sendText(res, 404, 'No Connection with that ID');
    if (req.method === 'DELETE') return sendText(res, 400, 'Cannot terminate this connection using the DELETE endpoint.');
    if (req.method === 'POST' && connection.transportKind === 'WebSockets') {
      return sendText(res, 405, 'POST requests are not allowed for WebSocket connections.');
    }
    return sendText(res, 404, `${req.method === 'GET' ? 'LongPolling' : 'HTTP'} transport not supported by this end point type`);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    if (!this.options.transports.includes('WebSockets')) {
      return refuseUpgrade(socket, 404, 'WebSockets transport not supported by this end point type');
    }
    const token = queryValue(url.searchParams, 'id');
    let connection: HttpConnection | undefined;
    if (token !== undefined) {
      connection = this.connections.get(token);
      if (!connection) return refuseUpgrade(socket, 404, 'No Connection with that ID');
      if (connection.transportKind !== undefined && connection.transportKind !== 'WebSockets') {
        return refuseUpgrade(socket, 400, 'Cannot change transports mid-connection');
      }
      if (connection.state === 'active') return refuseUpgrade(socket, 409);
    }
    const request = requestInfo(req, url);
    void this.identify(request).then((user) => this.webSockets.handleUpgrade(req, socket, head, (ws) => {
      // Negotiate is optional for WebSockets: without an id the connection starts here.
      const target = connection ?? this.connections.create(request, 1, this.clock());
      if (user !== undefined) target.user = user;
      if (target.state === 'disposed') return ws.close(1000);
      const resuming = target.state === 'inactive';
      const sink = new WebSocketSink(ws);
      this.sockets.add(ws);
      ws.once('close', () => this.sockets.delete(ws));
      target.attach(sink, request);
      if (resuming) target.application?.onReconnected?.();
      else this.handler.accept(target);
      runWebSocket(ws, target, sink, this.clock);
    }), (error: unknown) => refuseUpgrade(socket, 500, String(error)));
  }

  /** Runs on every heartbeat: disposes negotiated connections that never got a transport. */
  sweep(now: number): void {
    this.connections.sweep(now, this.options.disconnectTimeout);
  }

  /** Asks every connection to close, then waits for the sockets to go (forcing them after `graceMs`). */
  async close(graceMs: number): Promise<void> {
    for (const connection of this.connections.all()) {
      if (connection.application) connection.application.onServerClosing();
      else connection.dispose();
    }
    const deadline = Date.now() + graceMs;
    while (this.sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const ws of this.sockets) ws.terminate();
  }

  private async identify(request: RequestInfo): Promise<HubUser | undefined> {
    return this.authenticate ? await this.authenticate(request) : undefined;
  }

  private async negotiate(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    req.resume();
    if (req.method !== 'POST') return sendText(res, 405, '', { Allow: 'POST' });
    const version = readNegotiateVersion(queryValue(url.searchParams, 'negotiateVersion'));
    if ('error' in version) return sendJson(res, 200, { error: version.error });
    const request = requestInfo(req, url);
    const user = await this.identify(request);
    const connection = this.connections.create(request, version.version, this.clock());
    connection.user = user;
    connection.statefulReconnect =
      this.options.allowStatefulReconnects && queryValue(url.searchParams, 'useStatefulReconnect')?.toLowerCase() === 'true';
    sendJson(res, 200, negotiateResponse({
      version: version.version,
      connectionId: connection.connectionId,
      connectionToken: connection.connectionToken,
      transports: this.options.transports,
      statefulReconnect: connection.statefulReconnect,
    }), { 'Cache-Control': 'no-cache' });
  }
}
