import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { MonotonicClock } from '../clock.js';
import type { Logger } from '../log.js';
import type { HubOptions } from '../options.js';
import { type Authenticate, AuthenticationError } from '../security/authentication.js';
import { type BrowserPolicy, checkBrowserPolicy, preflightHeaders } from '../security/browser-policy.js';
import type { ConnectionBudget } from '../security/connection-budget.js';
import { InboundBudget } from '../security/inbound-budget.js';
import type { KeyedRateLimiter, TokenBucket } from '../security/token-bucket.js';
import type { HubUser, RequestInfo, TransportKind } from '../shared-types.js';
import { ConnectionManager } from './connection-manager.js';
import type { ConnectionHandler, HttpConnection } from './http-connection.js';
import { queryValue, refuseUpgrade, sendJson, sendText } from './http-responses.js';
import { answerInternalError, refuseUpgradeWithInternalError } from './internal-error.js';
import { LongPollingSink } from './long-polling-transport.js';
import { type NegotiateRedirect, negotiateResponse, readNegotiateVersion } from './negotiate.js';
import { ServerSentEventsSink, runServerSentEvents } from './server-sent-events-transport.js';
import { WebSocketSink, runWebSocket } from './websocket-transport.js';

/** Describes the request for hubs: headers, query and remote address. */
export function requestInfo(req: IncomingMessage, url: URL): RequestInfo {
  return { url: req.url ?? '/', headers: req.headers, query: url.searchParams, remoteAddress: req.socket.remoteAddress };
}

/** What the host of a hub may plug into its endpoint. */
export interface EndpointHooks {
  readonly authenticate?: Authenticate;
  /** Refuses anonymous requests with 401 when true. */
  readonly requireAuthentication?: boolean;
  readonly negotiateRedirect?: (request: RequestInfo) => NegotiateRedirect | undefined | Promise<NegotiateRedirect | undefined>;
}

/** Server-wide guards every endpoint applies before its own logic. */
export interface EndpointGuards {
  readonly browser: BrowserPolicy;
  readonly budget: ConnectionBudget;
  /** Negotiate requests (new connections) per remote address. */
  readonly negotiateLimiter: KeyedRateLimiter | undefined;
  /** Negotiate requests from all addresses together. */
  readonly totalNegotiateLimiter: TokenBucket | undefined;
  /** Refused credentials per remote address. */
  readonly failureLimiter: KeyedRateLimiter | undefined;
}

/** A refusal: status, body and extra headers. */
interface Refusal {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

type Admission = { readonly user: HubUser | undefined; readonly cors: Record<string, string> } | { readonly refusal: Refusal };

/** The HTTP surface of one mapped hub: negotiate and the transports, at `path`. */
export class HubEndpoint {
  private readonly connections = new ConnectionManager();
  private readonly sockets = new Set<WebSocket>();
  private accepting = true;

  constructor(
    readonly path: string,
    private readonly options: HubOptions,
    private readonly handler: ConnectionHandler,
    private readonly webSockets: WebSocketServer,
    private readonly clock: MonotonicClock,
    private readonly hooks: EndpointHooks,
    private readonly guards: EndpointGuards,
    private readonly logger: Logger,
  ) {}

  /** Whether `pathname` belongs to this endpoint: the hub itself or its negotiate. */
  owns(pathname: string): boolean {
    return pathname === this.path || pathname === `${this.path}/negotiate`;
  }

  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.on('error', () => res.destroy());
    // A draining server lets go of keep-alive connections, so a client's next request opens a new
    // one, which a load balancer sends to a node that is not going away.
    if (!this.accepting) res.setHeader('Connection', 'close');
    // Hooks (authenticate, negotiateRedirect) may throw or reject: the request fails, nothing else.
    this.serve(req, res, url).catch((error: unknown) => {
      req.resume();
      answerInternalError(res, this.logger, error, { url: req.url });
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    socket.on('error', destroySelf);
    this.admit(req, url)
      .then((admission) => {
        if ('refusal' in admission) return refuseUpgrade(socket, admission.refusal.status, admission.refusal.body);
        this.upgrade(req, socket, head, url, admission.user);
      })
      .catch((error: unknown) => refuseUpgradeWithInternalError(socket, this.logger, error, { url: req.url }));
  }

  /** Runs on every heartbeat: disposes negotiated connections that never got a transport. */
  sweep(now: number): void {
    this.connections.sweep(now, this.options.disconnectTimeout);
  }

  /**
   * Refuses new connections, then closes each connection (inviting the client to reconnect) as
   * soon as its running invocations have finished, or at `deadline` (by the server's clock).
   */
  async drain(deadline: number): Promise<void> {
    this.accepting = false;
    await Promise.all(
      this.connections.all().map(async (connection) => {
        if (connection.application) await connection.application.onServerDraining(deadline);
        else connection.dispose();
      }),
    );
  }

  /** Asks every connection to close, then waits for the sockets to go (forcing them after `graceMs`). */
  async close(graceMs: number): Promise<void> {
    for (const connection of this.connections.all()) {
      if (connection.application) connection.application.onServerClosing();
      else connection.dispose();
    }
    const deadline = this.clock() + graceMs;
    while (this.sockets.size > 0 && this.clock() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const ws of this.sockets) ws.terminate();
  }

  private async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const admission = await this.admit(req, url);
    if ('refusal' in admission) {
      req.resume();
      return sendText(res, admission.refusal.status, admission.refusal.body, admission.refusal.headers);
    }
    if (req.method === 'OPTIONS') {
      req.resume();
      return sendText(res, 204, '', preflightHeaders(req, admission.cors));
    }
    for (const [name, value] of Object.entries(admission.cors)) res.setHeader(name, value);
    if (url.pathname !== this.path) return this.negotiate(req, res, url, admission.user);
    return this.transportRequest(req, res, url, admission.user);
  }

  /** Browser policy and authentication, for every request and upgrade. */
  private async admit(req: IncomingMessage, url: URL): Promise<Admission> {
    const verdict = checkBrowserPolicy(req, this.guards.browser);
    if (!verdict.allowed) return { refusal: { status: verdict.status, body: verdict.reason } };
    // A preflight carries no credentials; it only asks whether the real request may follow.
    if (req.method === 'OPTIONS') return { user: undefined, cors: verdict.corsHeaders };
    // Limits come before credentials are checked, so refused requests cost as little as any.
    const address = req.socket.remoteAddress ?? '';
    const now = this.clock();
    const { failureLimiter, negotiateLimiter, totalNegotiateLimiter } = this.guards;
    if (failureLimiter && !failureLimiter.allows(address, now)) {
      return { refusal: { status: 429, body: 'Too many refused sign-ins from this address; wait and try again.', headers: { 'Retry-After': '1', ...verdict.corsHeaders } } };
    }
    if (url.pathname !== this.path && req.method === 'POST') {
      if ((negotiateLimiter && !negotiateLimiter.take(address, now)) || (totalNegotiateLimiter && !totalNegotiateLimiter.take(now))) {
        return { refusal: { status: 429, body: 'Too many negotiate requests; wait and try again.', headers: { 'Retry-After': '1', ...verdict.corsHeaders } } };
      }
    }
    let user: HubUser | undefined;
    try {
      user = this.hooks.authenticate ? await this.hooks.authenticate(requestInfo(req, url)) : undefined;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      this.countRefusal(address);
      return { refusal: unauthorized(error.message, verdict.corsHeaders) };
    }
    if (!user && this.hooks.requireAuthentication) {
      this.countRefusal(address);
      return { refusal: unauthorized('Authentication is required.', verdict.corsHeaders) };
    }
    return { user, cors: verdict.corsHeaders };
  }

  /** Counts a refusal of credentials (401, 403) against the address. */
  private countRefusal(address: string | undefined): void {
    this.guards.failureLimiter?.take(address ?? '', this.clock());
  }

  private transportRequest(req: IncomingMessage, res: ServerResponse, url: URL, user: HubUser | undefined): void {
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
    if (!sameUser(connection, user)) {
      req.resume();
      this.countRefusal(req.socket.remoteAddress);
      return sendText(res, 403, 'The request is not from the user who negotiated the connection.');
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
        return sendText(res, 405, '', { Allow: 'GET, POST, DELETE, OPTIONS' });
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, user: HubUser | undefined): void {
    const token = queryValue(url.searchParams, 'id');
    const request = requestInfo(req, url);
    let connection: HttpConnection | undefined;
    if (token !== undefined) {
      connection = this.connections.get(token);
      if (!connection) return refuseUpgrade(socket, 404, 'No Connection with that ID');
      if (!sameUser(connection, user)) {
        this.countRefusal(req.socket.remoteAddress);
        return refuseUpgrade(socket, 403, 'The request is not from the user who negotiated the connection.');
      }
      // A stateful-reconnect client may come back before the server has seen its old socket
      // drop; the new socket then replaces the old one instead of being refused.
      const stale = connection.statefulReconnect ? connection.sinkOf(WebSocketSink) : undefined;
      if (stale) stale.replace(connection, this.clock());
      const refusal = this.transportRefusal('WebSockets', connection);
      if (refusal) return refuseUpgrade(socket, refusal.status, refusal.body);
    } else {
      if (!this.options.transports.includes('WebSockets')) return refuseUpgrade(socket, 404, 'WebSockets transport not supported by this end point type');
      // Negotiate is optional for WebSockets: without an id the connection starts here.
      const created = this.open(request, 1, user);
      if ('status' in created) return refuseUpgrade(socket, created.status, created.body);
      connection = created;
    }
    const target = connection;
    this.webSockets.handleUpgrade(req, socket, head, (ws) => {
      if (target.state === 'disposed') return ws.close(1000);
      const resuming = target.state === 'inactive';
      const sink = new WebSocketSink(ws, socket);
      this.sockets.add(ws);
      ws.once('close', () => this.sockets.delete(ws));
      target.attach(sink, request);
      if (resuming) target.application?.onReconnected?.();
      else this.handler.accept(target);
      runWebSocket(ws, target, sink, this.clock, socket, this.options.maximumReceiveMessageSize);
    });
  }

  /** Creates a connection within the server's connection budget. */
  private open(request: RequestInfo, negotiateVersion: number, user: HubUser | undefined): HttpConnection | Refusal {
    if (!this.accepting) return { status: 503, body: 'The server is shutting down.' };
    const address = request.remoteAddress ?? '';
    const slot = this.guards.budget.open(address);
    if (!slot.ok) return { status: slot.status, body: slot.reason };
    const connection = this.connections.create(request, negotiateVersion, this.clock());
    connection.user = user;
    if (this.options.inboundBudget) connection.inbound = new InboundBudget(this.options.inboundBudget, this.clock());
    connection.whenDisposed(() => this.guards.budget.close(address));
    return connection;
  }

  private async negotiate(req: IncomingMessage, res: ServerResponse, url: URL, user: HubUser | undefined): Promise<void> {
    req.resume();
    if (req.method !== 'POST') return sendText(res, 405, '', { Allow: 'POST' });
    const request = requestInfo(req, url);
    const version = readNegotiateVersion(queryValue(url.searchParams, 'negotiateVersion'));
    if ('error' in version) return sendJson(res, 200, { error: version.error });
    const redirect = await this.hooks.negotiateRedirect?.(request);
    if (redirect) return sendJson(res, 200, redirect.accessToken === undefined ? { url: redirect.url } : { url: redirect.url, accessToken: redirect.accessToken });
    const connection = this.open(request, version.version, user);
    if ('status' in connection) return sendText(res, connection.status, connection.body);
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

  /**
   * Client-to-server data for SSE and long polling. The body is fed on as it arrives, so the
   * message size limit applies without buffering whole bodies.
   */
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
    // Each request counts as a frame and each byte against the budget, as on WebSockets.
    const charge = (frames: number, bytes: number) => {
      const wait = connection.inbound?.charge(frames, bytes, this.clock()) ?? 0;
      if (wait <= 0) return;
      req.pause();
      setTimeout(() => req.resume(), wait).unref();
    };
    charge(1, 0);
    req.on('data', (chunk: Buffer) => {
      application.onData(chunk);
      charge(0, chunk.length);
    });
    req.on('end', () => sendText(res, connection.state === 'disposed' ? 404 : 200));
  }

  /** Why `kind` may not carry `connection`, as ASP.NET Core words it; undefined when it may. */
  private transportRefusal(kind: TransportKind, connection: HttpConnection): Refusal | undefined {
    if (!this.options.transports.includes(kind)) return { status: 404, body: `${kind} transport not supported by this end point type` };
    if (connection.transportKind !== undefined && connection.transportKind !== kind) return { status: 400, body: 'Cannot change transports mid-connection' };
    if (connection.state === 'active') return { status: 409, body: '' };
    return undefined;
  }
}

// A named function, not a closure: an upgraded socket keeps its error listener for life, and a
// closure here would keep the upgrade's request, head and URL alive with it.
function destroySelf(this: Duplex): void {
  this.destroy();
}

function unauthorized(message: string, cors: Record<string, string>): Refusal {
  return { status: 401, body: message, headers: { 'WWW-Authenticate': 'Bearer', ...cors } };
}

// Every request of a connection must come from the user who negotiated it, so a stolen
// connection token is useless without the same credentials.
function sameUser(connection: HttpConnection, user: HubUser | undefined): boolean {
  return (connection.user?.id ?? null) === (user?.id ?? null);
}
