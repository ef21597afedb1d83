import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HubStatsSnapshot } from '../../../src-server/index.js';
import type { BackplaneStats } from '../../../src-server/redis.js';

/** Where the figures come from; each is read when Prometheus scrapes. */
export interface MetricSources {
  /** The hub server's totals, by hub path. */
  readonly hubs: () => ReadonlyArray<{ readonly hub: string; readonly stats: HubStatsSnapshot }>;
  /** Absent without a backplane. */
  readonly backplane?: () => { readonly healthy: boolean; readonly stats: BackplaneStats };
  /** Open alerts by state, and how many are silenced. */
  readonly alerts: () => Readonly<Record<string, number>>;
}

/** What the host observes as it happens, besides what is read at scrape time. */
export interface HostObservations {
  /** How long one sampler tick took to read every source. */
  observeTick(seconds: number): void;
  /** How long one storage write took. */
  observeStorageWrite(seconds: number): void;
}

/** The host's Prometheus registry: process figures, the hub server's, the backplane's, the sampler's, storage's and alerts'. */
export class HostMetrics implements HostObservations {
  readonly registry = new Registry();
  private readonly tickSeconds: Histogram;
  private readonly storageWriteSeconds: Histogram;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'hubdeck_' });
    const hubs = sources.hubs;
    const hubTotal = (name: string, help: string, pick: (s: HubStatsSnapshot) => number) =>
      new Counter({
        name,
        help,
        labelNames: ['hub'],
        registers,
        collect() {
          this.reset();
          for (const { hub, stats } of hubs()) this.inc({ hub }, pick(stats));
        },
      });
    new Gauge({
      name: 'hubdeck_hub_connections',
      help: 'Open hub connections by transport and hub protocol.',
      labelNames: ['hub', 'transport', 'protocol'],
      registers,
      collect() {
        this.reset();
        for (const { hub, stats } of hubs()) for (const c of stats.connectionsByTransport) this.set({ hub, transport: c.transport, protocol: c.protocol }, c.connections);
      },
    });
    hubTotal('hubdeck_hub_messages_received_total', 'Hub messages received from clients.', (s) => s.messagesReceived);
    hubTotal('hubdeck_hub_messages_sent_total', 'Hub messages sent to clients.', (s) => s.messagesSent);
    hubTotal('hubdeck_hub_received_bytes_total', 'Bytes received from clients on hub connections.', (s) => s.bytesReceived);
    hubTotal('hubdeck_hub_sent_bytes_total', 'Bytes of hub messages sent to clients.', (s) => s.bytesSent);
    hubTotal('hubdeck_hub_conflated_messages_total', 'Latest-value messages replaced by newer ones before a slow client took them.', (s) => s.conflations);
    hubTotal('hubdeck_hub_dropped_messages_total', 'Messages for connections that had closed or were dropped for falling behind.', (s) => s.droppedMessages);
    hubTotal('hubdeck_hub_stateful_reconnects_total', 'Connections resumed by a stateful reconnect.', (s) => s.statefulReconnects);
    hubTotal('hubdeck_hub_invocation_seconds_total', 'Time spent in completed hub method invocations.', (s) => s.invocationMs / 1000);
    const byMethod = (name: string, help: string, pick: (m: HubStatsSnapshot['methods'][number]) => number) =>
      new Counter({
        name,
        help,
        labelNames: ['hub', 'method'],
        registers,
        collect() {
          this.reset();
          for (const { hub, stats } of hubs()) for (const m of stats.methods) this.inc({ hub, method: m.method }, pick(m));
        },
      });
    byMethod('hubdeck_hub_invocations_total', 'Completed hub method invocations.', (m) => m.invocations);
    byMethod('hubdeck_hub_invocation_errors_total', 'Hub method invocations that ended in an error.', (m) => m.errors);

    const backplane = sources.backplane;
    if (backplane) {
      new Gauge({
        name: 'hubdeck_backplane_healthy',
        help: '1 while the Redis backplane reaches the other servers, 0 while degraded.',
        registers,
        collect() {
          this.set(backplane().healthy ? 1 : 0);
        },
      });
      const backplaneTotal = (name: string, help: string, pick: (s: BackplaneStats) => number) =>
        new Counter({
          name,
          help,
          registers,
          collect() {
            this.reset();
            this.inc(pick(backplane().stats));
          },
        });
      backplaneTotal('hubdeck_backplane_published_total', 'Messages published to Redis.', (s) => s.published);
      backplaneTotal('hubdeck_backplane_publish_failures_total', 'Messages that could not be published, so no other server saw them.', (s) => s.publishFailures);
      backplaneTotal('hubdeck_backplane_received_total', 'Messages received from other servers.', (s) => s.received);
    }

    this.tickSeconds = new Histogram({
      name: 'hubdeck_sampler_tick_seconds',
      help: 'Time one sampler tick took to read every metric source.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.storageWriteSeconds = new Histogram({
      name: 'hubdeck_storage_write_seconds',
      help: 'Time one storage write (samples or alert changes of a tick) took.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5],
      registers,
    });
    const alerts = sources.alerts;
    new Gauge({
      name: 'hubdeck_alerts',
      help: 'Open alerts by state; state "silenced" counts open alerts that are silenced.',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        for (const [state, count] of Object.entries(alerts())) this.set({ state }, count);
      },
    });
  }

  observeTick(seconds: number): void {
    this.tickSeconds.observe(seconds);
  }

  observeStorageWrite(seconds: number): void {
    this.storageWriteSeconds.observe(seconds);
  }
}
