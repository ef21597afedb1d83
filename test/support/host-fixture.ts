import type { HubConnection } from '@microsoft/signalr';
import { DashboardHubProxy, bindDashboardHubClient } from '../../contracts/generated/dashboard-hub.client.js';
import type { Alert, DashboardHubClient, DashboardMetrics, PresenceUpdate } from '../../contracts/generated/dashboard-hub.types.js';
import { type HostOptions, type RunningHost, startHost } from '../../src-main/core/host.js';
import { type ClientOptions, connect } from './hub-fixture.js';
import { tempDir } from './temp-dir.js';

/** A host on a free loopback port with a temporary data directory and a synthetic source. */
export interface TestHost {
  readonly host: RunningHost;
  readonly dataDir: string;
  /**
   * Connects a real client to the DashboardHub, through the generated proxy, signed in with a
   * fresh owner token as the app's windows are; `{ accessTokenFactory: () => '' }` connects without one.
   */
  client(options?: ClientOptions): Promise<DashboardHubProxy>;
  /** Stops the host; `keepData` leaves the data directory for a restart. */
  stop(keepData?: boolean): Promise<void>;
}

/** Starts a host for a test; by default only the synthetic source feeds it, at 10 Hz. */
export async function startTestHost(options: Partial<HostOptions> = {}, dataDir?: string): Promise<TestHost> {
  const dir = dataDir ? { path: dataDir, remove: () => {} } : tempDir('hubdeck-host-');
  const host = await startHost({ dataDir: dir.path, port: 0, sampleHz: 10, sources: [], synthetic: true, logLevel: 'silent', ...options });
  const clients: HubConnection[] = [];
  return {
    host,
    dataDir: dir.path,
    async client(clientOptions) {
      const connection = await connect(host.hubUrl, { accessTokenFactory: () => host.ownerToken(), ...clientOptions });
      clients.push(connection);
      return new DashboardHubProxy(connection);
    },
    async stop(keepData = false) {
      await Promise.all(clients.map((c) => c.stop()));
      await host.close();
      if (!keepData) dir.remove();
    },
  };
}

/** A receiver that records every call, for asserting what the host pushed. */
export function recorder(proxy: DashboardHubProxy) {
  const calls = { metrics: [] as DashboardMetrics[], alerts: [] as Alert[], presence: [] as PresenceUpdate[], other: [] as string[] };
  const receiver: DashboardHubClient = {
    ReceiveMetrics: (m) => void calls.metrics.push(m),
    ReceiveAlert: (a) => void calls.alerts.push(a),
    PresenceChanged: (p) => void calls.presence.push(p),
    SystemStatusChanged: (s) => void calls.other.push(`status:${s.component}`),
    UserActivity: (a) => void calls.other.push(`activity:${a.activityType}`),
    DashboardChanged: (d) => void calls.other.push(`dashboard:${d.id}:${d.version}`),
    AlertRulesChanged: () => void calls.other.push('rules'),
    SharingChanged: (s) => void calls.other.push(`sharing:${s.enabled}`),
  };
  bindDashboardHubClient(proxy.connection, receiver);
  return calls;
}

