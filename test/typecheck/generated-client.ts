/**
 * Compile-time checks of the generated DashboardHub client and server typing; never run.
 * `npm run typecheck` fails if a marked wrong call compiles or a right one does not.
 */
import type { HubConnection } from '@microsoft/signalr';
import { DashboardHubProxy, bindDashboardHubClient } from '../../contracts/generated/dashboard-hub.client.js';
import type { DashboardHubServer } from '../../contracts/generated/dashboard-hub.server.js';
import type { DashboardHubClient, DashboardMetrics } from '../../contracts/generated/dashboard-hub.types.js';
import { Hub } from '../../src-server/index.js';

export async function calls(connection: HubConnection): Promise<void> {
  const hub = new DashboardHubProxy(connection);
  await hub.subscribeToMetrics('main', ['cpu.total']);
  const activity = await hub.trackUserActivity('main', 'opened', 'panel cpu');
  const when: string = activity.timestamp;
  void when;
  hub.streamHistory(['cpu.total'], 0, Date.now(), 500).subscribe({ next: (chunk) => void chunk.values, error: () => {}, complete: () => {} });

  // @ts-expect-error a misspelt server method
  await hub.subscribeToMetric('main', ['cpu.total']);
  // @ts-expect-error metricTypes is a string array
  await hub.subscribeToMetrics('main', 'cpu.total');
  // @ts-expect-error too few arguments
  await hub.trackUserActivity('main', 'opened');
  // @ts-expect-error the client kind is 'app' or 'browser'
  await hub.joinDashboard('main', 'Ann', 'kiosk');
  // @ts-expect-error the result is a UserActivityEvent, not a number
  const wrong: number = await hub.trackUserActivity('main', 'opened', 'x');
  void wrong;
}

export function receivers(connection: HubConnection): () => void {
  const receiver: DashboardHubClient = {
    ReceiveMetrics: (metrics: DashboardMetrics) => void metrics.metrics.length,
    ReceiveAlert: () => {},
    SystemStatusChanged: () => {},
    UserActivity: () => {},
    PresenceChanged: () => {},
    DashboardChanged: () => {},
    AlertRulesChanged: () => {},
    SharingChanged: () => {},
  };
  // @ts-expect-error a receiver must handle every client method
  bindDashboardHubClient(connection, { ReceiveMetrics: () => {} });
  return bindDashboardHubClient(connection, receiver);
}

// @ts-expect-error a hub class must implement every server method of the contract
export class IncompleteHub extends Hub<DashboardHubClient> implements DashboardHubServer {
  subscribeToMetrics(): void {}
}

export class TypedCallsHub extends Hub<DashboardHubClient> {
  async tell(): Promise<void> {
    // @ts-expect-error client methods keep their contract names and types
    await this.clients.all.ReceiveMetrics({ dashboardId: 'main' });
  }
}
