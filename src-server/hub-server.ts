import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { type MonotonicClock, monotonicClock } from './clock.js';
import { Heartbeat } from './connection/heartbeat.js';
import { HubConnectionHandler } from './connection/hub-connection-handler.js';
import type { AuthorizationPolicy, Hub, HubClass } from './dispatch/hub.js';
import type { GroupPolicy, HubDefinition } from './dispatch/hub-definition.js';
import { HubDispatcher } from './dispatch/hub-dispatcher.js';
import type { HubFilter } from './dispatch/hub-filter.js';
import { MethodTable } from './dispatch/method-table.js';
import { closeErrorText } from './error-messages.js';
import { HubException } from './errors.js';
import { type ConnectionStats, HubStats, type HubStatsSnapshot } from './hub-stats.js';
import type { DynamicClient } from './lifetime/client-proxy.js';
import { type HubContext, createHubContext, groupManagerFor } from './lifetime/hub-clients.js';
import type { HubLifetimeManager } from './lifetime/lifetime-manager.js';
import { MemoryLifetimeManager } from './lifetime/memory-lifetime-manager.js';
import { type LogLevel, type Logger, createLogger } from './log.js';
import { type HubOptions, type RateLimit, resolveHubOptions } from './options.js';
import type { HubProtocol } from './protocol/hub-protocol.js';
import { JsonHubProtocol } from './protocol/json-protocol.js';
import { MessagePackHubProtocol } from './protocol/messagepack-protocol.js';
import type { Authenticate } from './security/authentication.js';
import type { BrowserPolicy } from './security/browser-policy.js';
import { ConnectionBudget, type ConnectionLimits } from './security/connection-budget.js';
import { KeyedRateLimiter, TokenBucket } from './security/token-bucket.js';
import type { HubCallerContext, HubUser, RequestInfo } from './shared-types.js';
import { sendText } from './transport/http-responses.js';
import { type HttpTimeouts, httpServerOptions } from './transport/http-timeouts.js';
import { type EndpointGuards, HubEndpoint } from './transport/hub-endpoint.js';
import type { NegotiateRedirect } from './transport/negotiate.js';
import { type NodeServer, interceptRequests, interceptUpgrades } from './transport/server-events.js';

/** Settings for the whole server; `hubOptions` are defaults every hub can override. */
export interface HubServerOptions {
  readonly hubOptions?: Partial<HubOptions>;
  /** A logger of your own; otherwise one at `logLevel` (default 'warn') writing JSON lines to stderr. */
  readonly logger?: Logger;
  readonly logLevel?: LogLevel;
  /** Monotonic milliseconds, which keep-alives and timeouts run on; tests may pass their own. */
  readonly clock?: MonotonicClock;
  /** Epoch milliseconds, which credentials' expiry (`HubUser.expiresAt`) is checked against; tests may pass their own. */
  readonly wallClock?: () => number;
  /**
   * Hub protocols besides the built-in JSON and MessagePack, as ASP.NET Core registers an
   * IHubProtocol: clients ask for one by its `name` in the handshake (a protocol named like a
   * built-in replaces it). Every hub accepts them unless its `supportedProtocols` lists fewer.
   */
  readonly protocols?: readonly HubProtocol[];
  /** Browser origins and Host names allowed, connection caps and the negotiate rate per address. */
  readonly security?: SecurityOptions;
  /** Filters around every hub's invocations and connection events (outermost first). */
  readonly filters?: readonly HubFilter[];
  /** How long HTTP clients may take to send their requests, when `listen` makes the server. */
  readonly httpTimeouts?: Partial<HttpTimeouts>;
}

/** Server-wide defences; each is off unless set, except that cross-site browser pages are refused by default. */
export interface SecurityOptions extends BrowserPolicy, ConnectionLimits {
  /** New connections (negotiate requests) per remote address, counted before credentials are checked. */
  readonly negotiateRateLimit?: RateLimit;
  /** New connections from all addresses together. */
  readonly totalNegotiateRateLimit?: RateLimit;
  /** Refused credentials (401, 403) per remote address; past it, the address gets 429 before its credentials are checked. */
  readonly authenticationFailureRateLimit?: RateLimit;
}

/** Settings for one hub. */
export interface MapHubOptions<TServices> {
  readonly options?: Partial<HubOptions>;
  /** Handed to the hub's constructor on every invocation. */
  readonly services?: TServices;
  /** Where connections and groups are tracked; in memory unless a backplane is given. */
  readonly lifetimeManager?: HubLifetimeManager;
  /** Identifies the user behind a request; undefined means anonymous; throw AuthenticationError to refuse with 401. */
  readonly authenticate?: Authenticate;
  /** Refuses anonymous requests with 401. */
  readonly requireAuthentication?: boolean;
  /** A policy every call of this hub must pass, besides each method's own `authorize`. */
  readonly authorize?: AuthorizationPolicy;
  /** Decides which groups the hub may put a caller's connection in (unvalidated joins are a classic hole). */
  readonly groupPolicy?: GroupPolicy;
  /** Filters around this hub's invocations and connection events, inside the server's global ones. */
  readonly filters?: readonly HubFilter[];
  /** Sends clients elsewhere: a negotiate answered with this URL (and token) makes them connect there. */
  readonly negotiateRedirect?: (request: RequestInfo) => NegotiateRedirect | undefined | Promise<NegotiateRedirect | undefined>;
  /** The id `clients.user(...)` finds a user's connections by; defaults to the user's id. */
  readonly userIdProvider?: (user: HubUser) => string | undefined;
}

/** The address a listening server is bound to. */
export interface BoundAddress {
  readonly host: string;
  readonly port: number;
  /** The base URL to reach it, e.g. http://127.0.0.1:5150 */
  readonly url: string;
}

interface MappedHub {
  readonly definition: HubDefinition;
  readonly endpoint: HubEndpoint;
  readonly connections: HubConnectionHandler;
  readonly heartbeat: Heartbeat;
  readonly context: HubContext<DynamicClient>;
}

/**
 * A SignalR hub server: maps hub classes to paths and serves them over HTTP and WebSockets.
 * Use it standalone with `listen`, or mount it on your own server with `attach` or the two
 * handlers.
 */
export class HubServer {
  private readonly hubs: MappedHub[] = [];
  private readonly logger: Logger;
  private readonly clock: MonotonicClock;
  private readonly protocols: ReadonlyMap<string, HubProtocol>;
  private readonly webSockets: WebSocketServer;
  private httpServer: Server | undefined;
  private readonly guards: EndpointGuards;

  constructor(private readonly serverOptions: HubServerOptions = {}) {
    this.logger = serverOptions.logger ?? createLogger(serverOptions.logLevel ?? 'warn');
    this.clock = serverOptions.clock ?? monotonicClock;
    const security = serverOptions.security ?? {};
    this.guards = {
      browser: security,
      budget: new ConnectionBudget(security),
      negotiateLimiter: security.negotiateRateLimit && new KeyedRateLimiter(security.negotiateRateLimit),
      totalNegotiateLimiter: security.totalNegotiateRateLimit && new TokenBucket(security.totalNegotiateRateLimit.perSecond, security.totalNegotiateRateLimit.burst, this.clock()),
      failureLimiter: security.authenticationFailureRateLimit && new KeyedRateLimiter(security.authenticationFailureRateLimit),
    };
    const protocols = [new JsonHubProtocol(), new MessagePackHubProtocol(), ...(serverOptions.protocols ?? [])];
    this.protocols = new Map(protocols.map((p) => [p.name, p]));
    // Each hub caps WebSocket messages itself (webSocketMessageCap) and closes with its own size
    // error while the fragments arrive; ws's cap only stops what no hub could take.
    this.webSockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 100 * 1024 * 1024 });
    // Values that cannot work are refused now, not at the first mapHub.
    resolveHubOptions(serverOptions.hubOptions);
  }

  /** Serves `hubClass` at `path` (e.g. "/hubs/chat"). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mapHub<THub extends Hub<any>, TServices>(path: string, hubClass: HubClass<THub, TServices>, config: MapHubOptions<TServices> = {}): this {
    const normalized = normalizePath(path);
    if (this.hubs.some((h) => h.endpoint.path === normalized)) throw new Error(`A hub is already mapped at '${normalized}'.`);
    const options = this.hubOptions(config.options);
    const manager: HubLifetimeManager = config.lifetimeManager ?? new MemoryLifetimeManager();
    const definition: HubDefinition = {
      path: normalized,
      hubClass: hubClass as HubClass,
      services: config.services,
      methods: new MethodTable(hubClass as HubClass),
      options,
      manager,
      groups: groupManagerFor(manager),
      logger: this.logger.child({ hub: normalized }),
      userIdOf: config.userIdProvider ?? ((user) => user.id),
      stats: new HubStats(),
      authorize: config.authorize,
      groupPolicy: config.groupPolicy,
      filters: [...(this.serverOptions.filters ?? []), ...(config.filters ?? [])],
    };
    const protocols = new Map([...this.protocols].filter(([name]) => options.supportedProtocols.includes(name)));
    manager.attach?.({ path: normalized, protocols, logger: definition.logger, maximumGroupsPerConnection: options.maximumGroupsPerConnection });
    const connections = new HubConnectionHandler(definition, new HubDispatcher(definition), protocols, this.clock, this.serverOptions.wallClock ?? Date.now);
    const endpoint = new HubEndpoint(normalized, options, connections, this.webSockets, this.clock, config, this.guards, definition.logger);
    const heartbeat = new Heartbeat(heartbeatInterval(options), this.clock);
    heartbeat.add({ onHeartbeat: (now) => endpoint.sweep(now) });
    heartbeat.add(connections);
    this.hubs.push({ definition, endpoint, connections, heartbeat, context: createHubContext(manager) });
    return this;
  }

  /** A hub's options over the server's; a hub accepts every protocol of the server unless told otherwise. */
  private hubOptions(overrides: Partial<HubOptions> | undefined): HubOptions {
    const layers = [this.serverOptions.hubOptions, overrides];
    const options = resolveHubOptions(...layers);
    if (!layers.some((layer) => layer?.supportedProtocols !== undefined)) return { ...options, supportedProtocols: [...this.protocols.keys()] };
    for (const name of options.supportedProtocols) {
      if (!this.protocols.has(name)) throw new RangeError(`Hub option 'supportedProtocols' names '${name}', but the server has no protocol of that name.`);
    }
    return options;
  }

  /** The clients and groups of a mapped hub, for code outside hub methods. */
  getHubContext<TClient = DynamicClient>(hub: HubClass<Hub<TClient>> | string): HubContext<TClient> {
    return this.find(hub).context as unknown as HubContext<TClient>;
  }

  private find(hub: HubClass | string): MappedHub {
    const mapped = this.hubs.find((h) => (typeof hub === 'string' ? h.endpoint.path === normalizePath(hub) : h.definition.hubClass === hub));
    if (!mapped) throw new Error(`No hub is mapped for ${typeof hub === 'string' ? `'${hub}'` : hub.name}.`);
    return mapped;
  }

  /** The paths of the mapped hubs, in the order they were mapped. */
  hubPaths(): string[] {
    return this.hubs.map((h) => h.endpoint.path);
  }

  /** Running totals of a mapped hub: connections, messages and bytes each way, invocations by method, conflations, drops. */
  getHubStats(hub: HubClass | string): HubStatsSnapshot {
    return this.find(hub).definition.stats.snapshot();
  }

  /** The outbound state of one connection of a mapped hub, if it is connected here. */
  getConnectionStats(hub: HubClass | string, connectionId: string): ConnectionStats | undefined {
    return this.find(hub).connections.connection(connectionId)?.outboundStats();
  }

  /**
   * Closes the connections of a mapped hub that `select` picks (say, a revoked user's); each
   * client gets a Close message with `reason`. Returns how many were closed.
   */
  closeConnections(hub: HubClass | string, select: (context: HubCallerContext) => boolean, reason: string): number {
    const mapped = this.find(hub);
    return mapped.connections.closeWhere(select, closeErrorText(new HubException(reason), mapped.definition.options.enableDetailedErrors));
  }

  /** Handles a request if it belongs to a mapped hub; returns false to let the caller handle it. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = parseUrl(req);
    const hub = url && this.hubs.find((h) => h.endpoint.owns(url.pathname));
    if (!hub) return false;
    hub.endpoint.handleRequest(req, res, url);
    return true;
  }

  /** Handles an upgrade if it belongs to a mapped hub; returns false to let the caller handle it. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = parseUrl(req);
    const hub = url && this.hubs.find((h) => h.endpoint.path === url.pathname);
    if (!hub) return false;
    hub.endpoint.handleUpgrade(req, socket, head, url);
    return true;
  }

  /**
   * Mounts the hubs on an existing `node:http` or `node:https` server. Its own request and
   * upgrade listeners keep receiving everything that is not for a hub.
   */
  attach(server: NodeServer): void {
    interceptRequests(server, (req, res) => this.handleRequest(req, res));
    interceptUpgrades(server, (req, socket, head) => this.handleUpgrade(req, socket, head));
  }

  /**
   * Starts a server of its own on `port` (0 picks a free one) and `host` (default 127.0.0.1).
   * `fallback` handles requests that are not for a hub; without it they get 404.
   */
  async listen(
    { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {},
    fallback?: (req: IncomingMessage, res: ServerResponse) => void,
  ): Promise<BoundAddress> {
    if (this.httpServer) throw new Error('The hub server is already listening.');
    const server = createServer(httpServerOptions(this.serverOptions.httpTimeouts), (req, res) => {
      if (this.handleRequest(req, res)) return;
      if (fallback) fallback(req, res);
      else sendText(res, 404, 'Not Found');
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!this.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.httpServer = server;
    const address = server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return { host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` };
  }

  /**
   * Shuts down the way a node of a scaled-out fleet should: new connections are refused (503),
   * each connection is closed with an invitation to reconnect (so its client moves to another
   * node) once its running invocations have finished, or after `invocationTimeoutMs`; then the
   * server closes as `close(graceMs)` does.
   */
  async drain({ invocationTimeoutMs = 30_000, graceMs = 2000 }: { invocationTimeoutMs?: number; graceMs?: number } = {}): Promise<void> {
    const deadline = this.clock() + invocationTimeoutMs;
    await Promise.all(this.hubs.map((h) => h.endpoint.drain(deadline)));
    await this.close(graceMs);
  }

  /**
   * Closes gracefully: every client gets a Close message inviting it to reconnect, sockets get
   * `graceMs` to finish, then the listening server (if `listen` made one) stops.
   */
  async close(graceMs = 2000): Promise<void> {
    await Promise.all(this.hubs.map((h) => h.endpoint.close(graceMs)));
    for (const hub of this.hubs) {
      hub.heartbeat.stop();
      // A lifetime manager that fails to dispose must not keep the other hubs or the listener open.
      await Promise.resolve()
        .then(() => hub.definition.manager.dispose())
        .catch((error: unknown) => hub.definition.logger.error('the lifetime manager failed to dispose', { error }));
    }
    const server = this.httpServer;
    this.httpServer = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

/** Creates a hub server. */
export function createHubServer(options?: HubServerOptions): HubServer {
  return new HubServer(options);
}

function normalizePath(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.length > 1 && withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

function parseUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

// Fine enough to keep every timeout within a few percent, and at most once a second.
function heartbeatInterval(options: HubOptions): number {
  return Math.max(5, Math.min(1000, options.keepAliveInterval / 4, options.clientTimeoutInterval / 8, options.handshakeTimeout / 4));
}
