import type { HubConnection } from '@microsoft/signalr';
import { bindDashboardHubClient } from '../../contracts/generated/dashboard-hub.client.js';
import type { DashboardMetrics } from '../../contracts/generated/dashboard-hub.types.js';
import type { Store } from '../store/store.js';
import { createFrameBatcher } from './frame-batcher.js';

export interface StoreBinding {
  /** Applies metrics still waiting for a frame, e.g. before the series are reset. */
  flushMetrics(): void;
  dispose(): void;
}

/**
 * Routes the host's calls into the store. Metrics, which arrive up to ten times a second, wait
 * for the next animation frame and are applied together; everything else is rare and applied
 * as it comes.
 */
export function bindStore(connection: HubConnection, store: Store): StoreBinding {
  const state = store.getState;
  const metrics = createFrameBatcher<DashboardMetrics>((batch) => state().applyMetrics(batch));
  const unbind = bindDashboardHubClient(connection, {
    ReceiveMetrics: (message) => metrics.push(message),
    ReceiveAlert: (alert) => state().upsertAlert(alert),
    SystemStatusChanged: (status) => state().updateSystemStatus(status),
    UserActivity: (activity) => state().addActivity(activity),
    PresenceChanged: (update) => state().setViewers(update.dashboardId, update.viewers),
    DashboardChanged: (dashboard) => state().upsertDashboard(dashboard),
    AlertRulesChanged: (rules) => state().setAlertRules(rules),
    // The host tells every peer; only the owner's page keeps it (it holds the pending join codes).
    SharingChanged: (sharing) => {
      if (state().session?.role === 'owner') state().setSharing(sharing);
    },
  });
  return {
    flushMetrics: () => metrics.flush(),
    dispose: () => {
      unbind();
      metrics.dispose();
    },
  };
}
