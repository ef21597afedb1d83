import { hostname } from 'node:os';
import type { Alert, DashboardHubClient, SharingState } from '../../contracts/generated/dashboard-hub.types.js';
import {
  type BoundAddress,
  type HubOptions,
  type HubServer,
  type LogLevel,
  type Logger,
  MemoryLifetimeManager,
  createHubContext,
  createHubServer,
  createLogger,
} from '../../src-server/index.js';
import { createRedisLifetimeManager } from '../../src-server/redis.js';
import { AccessPolicy } from './access/access-policy.js';
import { AlertEngine } from './alerts/alert-engine.js';
import { defaultAlertRules } from './alerts/default-rules.js';
import { type Clock, systemClock } from './clock.js';
import { defaultDashboard } from './default-dashboard.js';
import { hostHubLimits, hostSecurity } from './defences.js';
import type { HostServices } from './host-services.js';
import { hostRoutes } from './http/host-routes.js';
import { joinEndpoint } from './http/join-endpoint.js';
import { listenNearby } from './http/listen-nearby.js';
import { staticFiles } from './http/static-files.js';
import { syntheticEndpoint } from './http/synthetic-endpoint.js';
import { DashboardHub, alertsGroup, ownersGroup } from './hubs/dashboard-hub.js';
import { hostErrorsFilter } from './hubs/host-errors-filter.js';
import { MetricsFanout } from './live/metrics-fanout.js';
import type { MetricSource } from './metrics/metric-source.js';
import { Sampler } from './metrics/sampler.js';
import { opsEndpoint } from './ops/ops-endpoint.js';
import { HostMetrics } from './ops/prometheus.js';
import { judgeReadiness } from './ops/readiness.js';
import { createDefaultSources } from './metrics/sources/default-sources.js';
import { SyntheticSource } from './metrics/sources/synthetic.js';
import { Presence } from './presence/presence.js';
import { type QuotaLimits, Quotas } from './quotas/quotas.js';
import { sharingCertificate } from './sharing/certificate.js';
import { advertiseHost } from './sharing/lan-discovery.js';
import { LanSharing } from './sharing/lan-sharing.js';
import { Sharing } from './sharing/sharing.js';
import { StorageGuard } from './status/storage-guard.js';
import { SystemStatusBoard } from './status/system-status.js';
import { ActivityStore } from './storage/activity-store.js';
import { AlertStore } from './storage/alert-store.js';
import { openDatabase } from './storage/database.js';
import { DashboardStore } from './storage/dashboard-store.js';
import { HistoryStore } from './storage/history-store.js';
import { TickPipeline } from './tick-pipeline.js';

/** Where the DashboardHub is served. */
export const dashboardHubPath = '/hubs/dashboard';

export interface HostOptions {
  /** Where the SQLite database lives. */
  readonly dataDir: string;
  /** Default 5150; when taken, the next free port up to 5169. 0 picks any free port. */
  readonly port?: number;
  /** Default 127.0.0.1: nothing outside this machine can connect until sharing is on. */
  readonly host?: string;
  /** Samples per second, 0.1 to 10; default 1. */
  readonly sampleHz?: number;
  readonly clock?: Clock;
  /** Replaces the machine's metric sources (tests); the synthetic source is added either way when asked for. */
  readonly sources?: readonly MetricSource[];
  /** Adds a synthetic source whose values tests and demos set (also over HTTP from loopback). */
  readonly synthetic?: boolean;
  /** A built dashboard UI to serve at `/`. */
  readonly uiDir?: string;
  readonly hostName?: string;
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
  /** Options of the DashboardHub, over the host's own defaults. */
  readonly hubOptions?: Partial<HubOptions>;
  /** Limits on what peers can create, replacing the defaults by name. */
  readonly quotas?: QuotaLimits;
  /** Told of every alert change, with whether it is silenced (native notifications in the app). */
  readonly onAlert?: (alert: Alert, silenced: boolean) => void;
  /** Addresses LAN sharing listens on; default: this machine's non-internal IPv4 addresses. */
  readonly shareAddresses?: readonly string[];
  /** Advertises a shared host over mDNS (default true). */
  readonly advertise?: boolean;
  /** A Redis URL: several hosts on one Redis serve one shared dashboard, each host's metrics reaching every peer. */
  readonly redis?: string;
  /** Browser origins besides the host's own that may call the hub (the renderer's dev server). */
  readonly allowedOrigins?: readonly string[];
  /** How long `close` lets running hub invocations finish before closing their connections; default 10 s. */
  readonly drainTimeoutMs?: number;
}

/** A running host core. */
export interface RunningHost {
  /** The base URL, e.g. http://127.0.0.1:5150 */
  readonly url: string;
  /** The DashboardHub's URL. */
  readonly hubUrl: string;
  readonly address: BoundAddress;
  readonly server: HubServer;
  readonly services: HostServices;
  /** Present when started with `synthetic`. */
  readonly synthetic: SyntheticSource | undefined;
  /** A fresh, short-lived bearer token with the owner role, for this machine's own windows and the owner link; never hand it to a peer. */
  ownerToken(): Promise<string>;
  /**
   * Drains and stops: refuses new connections, closes each connection with a Close inviting its
   * client to reconnect (elsewhere, in a fleet) once its running invocations finish, stops
   * sampling and sharing, and flushes storage.
   */
  close(): Promise<void>;
}

const maintenanceMs = 10_000;

/**
 * Starts the host core: storage, sampling, alerts and the DashboardHub, headless or inside
 * Electron. Each part is built after the parts it needs; the hub is mapped once its services
 * exist, and nothing is started (sampling, status reports) until everything is built.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const startedAt = performance.now();
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(options.logLevel ?? 'warn');
  const hostName = options.hostName ?? hostname();
  const hz = options.sampleHz ?? 1;

  const db = openDatabase(options.dataDir);
  const quotas = new Quotas(options.quotas);
  const history = new HistoryStore(db);
  const alertStore = new AlertStore(db, quotas);
  alertStore.seedRules(defaultAlertRules);
  const dashboards = new DashboardStore(db, quotas);
  if (dashboards.ids().size === 0) dashboards.save(defaultDashboard, { id: 'hubdeck', name: 'Hubdeck', role: 'owner' }, clock.now());
  const activity = new ActivityStore(db, quotas);

  // The hub's clients are reachable through its lifetime manager before the hub is mapped, so
  // the parts that notify viewers can be built first and handed to the hub as its services.
  const backplane = options.redis === undefined ? undefined : createRedisLifetimeManager({ url: options.redis, channelPrefix: 'hubdeck', logger });
  const lifetimeManager = backplane ?? new MemoryLifetimeManager();
  const viewers = createHubContext<DashboardHubClient>(lifetimeManager);
  // Pushes from outside hub methods: a backplane that fails to deliver one is logged; it must not end the host.
  const push = (what: string, send: () => Promise<void>): void => {
    const failed = (error: unknown) => logger.warn(`could not push ${what}`, { error });
    try {
      send().catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  const status = new SystemStatusBoard(clock, (s) => push('a status change', () => viewers.clients.all.SystemStatusChanged(s)));
  const alerts = new AlertEngine(alertStore, clock, (alert, silenced) => {
    push('an alert', () => viewers.clients.group(alertsGroup).ReceiveAlert(alert));
    options.onAlert?.(alert, silenced);
  });
  const access = new AccessPolicy({ db, dataDir: options.dataDir, clock, hostName });

  const server = createHubServer({
    logger,
    // Browser pages of other sites may not call the hub, and Host names are checked against DNS rebinding.
    security: {
      allowedHosts: () => access.allowedHosts(),
      allowedOrigins: options.allowedOrigins,
      ...hostSecurity,
    },
  });
  const metrics = new HostMetrics({
    hubs: () => server.hubPaths().map((hub) => ({ hub, stats: server.getHubStats(hub) })),
    backplane: backplane && (() => ({ healthy: backplane.status === 'healthy', stats: backplane.stats })),
    alerts: () => alerts.openCounts(),
  });
  const storage = new StorageGuard(status, logger, metrics);
  const synthetic = options.synthetic ? new SyntheticSource() : undefined;
  const sources = [...(options.sources ?? createDefaultSources(() => server.getHubStats(DashboardHub))), ...(synthetic ? [synthetic] : [])];
  const fanout = new MetricsFanout(viewers, hostName, () => dashboards.ids());
  const pipeline = new TickPipeline({
    history, alerts, fanout, status, storage, metrics, logger, hz, connections: () => server.getHubStats(DashboardHub).connections,
  });
  const sampler = new Sampler(sources, hz, () => clock.now(), (tick) => pipeline.run(tick), (error) => logger.error('a tick failed', { error }));

  const ops = opsEndpoint({
    authenticate: (request) => access.authenticate(request),
    registry: metrics.registry,
    uptimeSeconds: () => (performance.now() - startedAt) / 1000,
    readiness: () =>
      judgeReadiness({
        statuses: status.list(),
        lastTickAt: sampler.lastTickAt,
        tickIntervalMs: sampler.intervalMs,
        now: clock.now(),
        backplane: backplane && { healthy: backplane.status === 'healthy', message: backplane.statusMessage },
      }),
  });
  const routes = hostRoutes(
    [ops, joinEndpoint(access, () => clock.now()), ...(synthetic ? [syntheticEndpoint(synthetic)] : []), ...(options.uiDir ? [staticFiles(options.uiDir)] : [])],
    () => access.allowedHosts(),
    logger,
  );
  const address = await listenNearby(server, options.port ?? 5150, options.host ?? '127.0.0.1', routes);
  // From here to mapHub nothing awaits, so no request can reach the hub path before it is mapped.
  const lan = new LanSharing({
    hubs: server,
    routes,
    port: address.port,
    addresses: options.shareAddresses,
    certificate: () => sharingCertificate(options.dataDir, [hostName, `${hostName}.local`, 'localhost'], options.shareAddresses ?? []),
    advertise: options.advertise === false ? undefined : advertiseHost(hostName, dashboardHubPath, (error) => status.set('sharing', 'degraded', `Shared, but not advertised on the LAN: ${error.message}`)),
  });
  const reportSharing = (state: SharingState) =>
    status.set('sharing', 'healthy', state.enabled ? `Shared on ${state.urls.join(', ')}` : `Not shared: only this machine can connect (${address.host})`);
  const sharing = new Sharing({
    access,
    lan,
    onChange: (state) => {
      reportSharing(state);
      push('a sharing change', () => viewers.clients.group(ownersGroup).SharingChanged(state));
    },
    disconnect: (select, reason) => server.closeConnections(DashboardHub, (c) => select(c.user), reason),
  });
  const services: HostServices = { hostName, clock, sampler, history, alerts, dashboards, activity, presence: new Presence(), status, fanout, sharing, access };
  server.mapHub(dashboardHubPath, DashboardHub, {
    services,
    lifetimeManager,
    authenticate: (request) => access.authenticate(request),
    filters: [hostErrorsFilter],
    options: { ...hostHubLimits, ...options.hubOptions },
  });

  if (backplane) {
    const reportBackplane = () => status.set('backplane', backplane.status === 'healthy' ? 'healthy' : 'degraded', backplane.statusMessage);
    backplane.onStatus(reportBackplane);
    reportBackplane();
  }
  reportSharing(sharing.state());
  const maintenance = setInterval(() => {
    const now = clock.now();
    storage.run('roll up history', () => {
      history.maintain(now);
      activity.prune(now);
    });
  }, maintenanceMs);
  maintenance.unref();
  sampler.start();

  let closing: Promise<void> | undefined;
  return {
    url: address.url,
    hubUrl: `${address.url}${dashboardHubPath}`,
    address,
    server,
    services,
    synthetic,
    ownerToken: async () => (await access.ownerToken()).token,
    close: () =>
      (closing ??= (async () => {
        await server.drain({ invocationTimeoutMs: options.drainTimeoutMs ?? 10_000 });
        await sampler.stop();
        clearInterval(maintenance);
        await sharing.close();
        history.maintain(clock.now());
        db.close();
      })()),
  };
}
