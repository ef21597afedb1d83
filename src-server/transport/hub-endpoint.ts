import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Clock } from '../connection/heartbeat.js';
import type { HubConnectionHandler } from '../connection/hub-connection-handler.js';
import type { HubConnectionContext } from '../connection/hub-connection-context.js';
import type { HubUser, RequestInfo } from '../dispatch/hub.js';
import type { HubOptions, TransportKind } from '../options.js';
import { ConnectionManager } from './connection-manager.js';
import type { HttpConnection } from './http-connection.js';
import { queryValue, refuseUpgrade, sendJson, sendText } from './http-responses.js';
import { type NegotiateRedirect, negotiateResponse, readNegotiateVersion } from './negotiate.js';
import { LongPollingSink } from './long-polling-transport.js';
import { ServerSentEventsSink, runServerSentEvents } from './server-sent-events-transport.js';
import { WebSocketSink, runWebSocket } from './websocket-transport.js';

/** Describes the request for hubs: headers, query and remote address. */
export function requestInfo(req: IncomingMessage, url: URL): RequestInfo {
  return { url: req.url ?? '/', headers: req.headers, query: url.searchParams, remoteAddress: req.socket.remoteAddress };
}

/** What the host of a hub may plug into its endpoint. */
export interface EndpointHooks {
  readonly authenticate?: (request: RequestInfo) => HubUser | undefined | Promise<HubUser | undefined>;
  readonly negotiateRedirect?: (request: RequestInfo) => NegotiateRedirect | undefined | Promise<NegotiateRedirect | undefined>;
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
    private readonly hooks: EndpointHooks,
  ) {}

  /** Whether `pathname` belongs to this endpoint: the hub itself or its negotiate. */
  owns(pathname: string): boolean {
    return pathname === this.path || pathname === `${this.path}/negotiate`;
  }

  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (url.pathname !== this.path) {
      this.negotiate(req, res, url).catch((error: unknown) => sendText(res, 500, String(error)));
      return;
    }
    const token = queryValue(url.searchParams, 'id');
    if (token === undefined) {
      req.resume();
      return sendText(res, 400, 'Connection ID required');
    }
    const connection = this.connections.get(token);
    if (!connection) {
      req.resume();
      return sendText(res, 404, 'No Connection with that ID');
    }
    switch (req.method) {
      case 'GET':
        return req.headers.accept?.includes('text/event-stream') ? this.serverSentEvents(req, res, url, connection) : this.longPoll(req, res, url, connection);
      case 'POST':
        return this.receive(req, res, connection);
      case 'DELETE':
        req.resume();
        if (connection.transportKind !== 'LongPolling') return sendText(res, 400, 'Cannot terminate this connection using the DELETE endpoint.');
        connection.dispose();
        return sendText(res, 202);
      default:
        req.resume();
        return sendText(res, 405, '', { Allow: 'GET, POST, DELETE' });
    }
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    const token = queryValue(url.searchParams, 'id');
    let connection: HttpConnection | undefined;
    if (token !== undefined) {
      connection = this.connections.get(token);
      if (!connection) return refuseUpgrade(socket, 404, 'No Connection with that ID');
      // A stateful-reconnect client may come back before the server has seen its old socket
      // drop; the new socket then replaces the old one instead of being refused.
      const stale = connection.statefulReconnect ? connection.sinkOf(WebSocketSink) : undefined;
      if (stale) stale.replace(connection, this.clock());
    }
    const refusal = connection ? this.transportRefusal('WebSockets', connection) : !this.options.transports.includes('WebSockets')
      ? { status: 404, body: 'WebSockets transport not supported by this end point type' }
      : undefined;
    if (refusal) return refuseUpgrade(socket, refusal.status, refusal.body);
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

  private serverSentEvents(req: IncomingMessage, res: ServerResponse, url: URL, connection: HttpConnection): void {
    const refusal = this.transportRefusal('ServerSentEvents', connection);
    if (refusal) return sendText(res, refusal.status, refusal.body);
    const sink = new ServerSentEventsSink(res);
    connection.attach(sink, requestInfo(req, url));
    runServerSentEvents(req, res, connection);
    this.handler.accept(connection);
  }

  private longPoll(req: IncomingMessage, res: ServerResponse, url: URL, connection: HttpConnection): void {
    const existing = connection.sinkOf(LongPollingSink);
    if (!existing) {
      const refusal = this.transportRefusal('LongPolling', connection);
      if (refusal) return sendText(res, refusal.status, refusal.body);
    }
    const sink = existing ?? new LongPollingSink(connection, this.options.longPollTimeout, this.clock);
    if (!existing) {
      connection.attach(sink, requestInfo(req, url));
      this.handler.accept(connection);
    }
    sink.handlePoll(req, res, !existing);
  }

  /** Client-to-server data for SSE and long polling. The body is fed on as it arrives, so the
   * message size limit applies without buffering whole bodies. */
  private receive(req: IncomingMessage, res: ServerResponse, connection: HttpConnection): void {
    if (connection.transportKind === 'WebSockets') {
      req.resume();
      return sendText(res, 405, 'POST requests are not allowed for WebSocket connections.');
    }
    const application = connection.application;
    if (!application) {
      req.resume();
      return sendText(res, 404, 'No Connection with that ID');
    }
    req.on('data', (chunk: Buffer) => application.onData(chunk));
    req.on('end', () => sendText(res, connection.state === 'disposed' ? 404 : 200));
  }

  /** Why `kind` may not carry `connection`, as ASP.NET Core words it; undefined when it may. */
  private transportRefusal(kind: TransportKind, connection: HttpConnection): { status: number; body: string } | undefined {
    if (!this.options.transports.includes(kind)) return { status: 404, body: `${kind} transport not supported by this end point type` };
    if (connection.transportKind !== undefined && connection.transportKind !== kind) return { status: 400, body: 'Cannot change transports mid-connection' };
    if (connection.state === 'active') return { status: 409, body: '' };
    return undefined;
  }

  /** The hub connection with this id, if it lives on this endpoint and finished its handshake. */
  hubConnection(connectionId: string): HubConnectionContext | undefined {
    return this.connections.byConnectionId(connectionId)?.application?.hubConnection;
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
    return this.hooks.authenticate ? await this.hooks.authenticate(request) : undefined;
  }

  private async negotiate(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    req.resume();
    if (req.method !== 'POST') return sendText(res, 405, '', { Allow: 'POST' });
    const version = readNegotiateVersion(queryValue(url.searchParams, 'negotiateVersion'));
    if ('error' in version) return sendJson(res, 200, { error: version.error });
    const request = requestInfo(req, url);
    const redirect = await this.hooks.negotiateRedirect?.(request);
    if (redirect) return sendJson(res, 200, redirect.accessToken === undefined ? { url: redirect.url } : { url: redirect.url, accessToken: redirect.accessToken });
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
