import type { AccessPolicy } from './access/access-policy.js';
import type { AlertEngine } from './alerts/alert-engine.js';
import type { Clock } from './clock.js';
import type { MetricsFanout } from './live/metrics-fanout.js';
import type { Sampler } from './metrics/sampler.js';
import type { Presence } from './presence/presence.js';
import type { Sharing } from './sharing/sharing.js';
import type { SystemStatusBoard } from './status/system-status.js';
import type { ActivityStore } from './storage/activity-store.js';
import type { DashboardStore } from './storage/dashboard-store.js';
import type { HistoryStore } from './storage/history-store.js';

/** Everything the host's hubs work with, handed to each hub instance. */
export interface HostServices {
  readonly hostName: string;
  readonly clock: Clock;
  readonly sampler: Sampler;
  readonly history: HistoryStore;
  readonly alerts: AlertEngine;
  readonly dashboards: DashboardStore;
  readonly activity: ActivityStore;
  readonly presence: Presence;
  readonly status: SystemStatusBoard;
  readonly fanout: MetricsFanout;
  readonly sharing: Sharing;
  readonly access: AccessPolicy;
}
