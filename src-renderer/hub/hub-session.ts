import { type HubConnection, HubConnectionState } from '@microsoft/signalr';
import { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import { type Credential, forgetCredential, saveJoinedCredential, saveRenewedLinkToken } from '../env/credentials.js';
import type { LaunchOptions } from '../env/launch-options.js';
import type { Store } from '../store/store.js';
import { activityOnOpen } from '../store/activity-slice.js';
import { type StoreBinding, bindStore } from './bind-store.js';
import { createHubConnection } from './connection.js';
import { HistoryLoader } from './history-loader.js';
import { hostMessage, hostReason, isUnauthorized } from './hub-errors.js';

// After the client gives up (the host closed the connection for good, or was not there at the
// start) the page keeps trying, less often, so a restarted host is picked up without a click.
const offlineRetryMs = [2_000, 5_000, 10_000, 30_000];

const alertsOnStart = 100;

/**
 * The page's connection to the host: starts it, sets the page up on every (re)connection
 * (identity, dashboards, live metrics, presence, alerts, status), and reports its phases to the
 * store for the connection banner and the join screen.
 */
export class HubSession {
  readonly proxy: DashboardHubProxy;
  readonly history: HistoryLoader;
  private readonly connection: HubConnection;
  private readonly binding: StoreBinding;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private offlineAttempts = 0;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why reconnecting stopped, when the host refused the token (the close event does not say). */
  private refusal: Error | undefined;
  /** Set while the page drops its connection on purpose, to sign in again. */
  private restarting = false;

  constructor(
    private readonly launch: LaunchOptions,
    private readonly store: Store,
    private credential: Credential | undefined,
  ) {
    this.connection = createHubConnection({
      hubUrl: launch.hubUrl,
      token: () => this.credential?.token(),
      transport: launch.transport,
      onRefused: (error) => (this.refusal = error),
    });
    this.proxy = new DashboardHubProxy(this.connection);
    this.history = new HistoryLoader(this.proxy, store);
    this.binding = bindStore(this.connection, store);
    this.connection.onreconnecting((error) => {
      this.history.pause();
      this.state().setConnection('reconnecting', error && hostReason(error));
    });
    this.connection.onreconnected(() => void this.setUp());
    this.connection.onclose((error) => {
      if (!this.restarting) this.onClosed(this.refusal ?? error);
    });
  }

  async start(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.state().setConnection('connecting');
    try {
      await this.connection.start();
    } catch (error) {
      this.onClosed(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    await this.setUp();
  }

  /** Retry now, from the offline banner. */
  retryNow(): void {
    void this.start();
  }

  /** Signs in with a token obtained for a join code, dropping the current connection if there is one. */
  async join(token: string, name: string): Promise<void> {
    this.credential = saveJoinedCredential(token, name);
    if (this.connection.state !== HubConnectionState.Disconnected) {
      this.restarting = true;
      await this.connection.stop();
      this.restarting = false;
    }
    await this.start();
  }

  /** Leaves the open dashboard's metrics and presence and joins another's. */
  async openDashboard(dashboardId: string): Promise<void> {
    const state = this.state();
    const previous = state.currentDashboardId;
    if (dashboardId === previous) return;
    state.setCurrentDashboard(dashboardId);
    const url = new URL(location.href);
    url.searchParams.set('dashboard', dashboardId);
    window.history.replaceState(window.history.state, '', url);
    // Not connected, the next setup follows the new dashboard.
    if (state.connection.phase !== 'connected') return;
    try {
      await Promise.all([this.proxy.unsubscribeFromMetrics(previous), this.proxy.leaveDashboard(previous)]);
      await this.follow(dashboardId);
    } catch (error) {
      state.showToast('error', 'Could not open the dashboard', hostMessage(error));
    }
  }

  private async setUp(): Promise<void> {
    this.offlineAttempts = 0;
    const proxy = this.proxy;
    const state = this.state();
    // A reconnect is a new connection with a gap in the live data: start the rings afresh and
    // let history fill them, rather than drawing a line across the gap.
    this.binding.flushMetrics();
    state.clearSeries();
    try {
      const session = await proxy.whoAmI();
      state.setSession(session);
      if (this.credential?.source === 'link' && session.role === 'owner') void this.renewLinkToken();
      const dashboardId = state.currentDashboardId;
      await Promise.all([
        this.follow(dashboardId),
        proxy.listDashboards().then((dashboards) => state.setDashboardList(dashboards)),
        proxy.listAlerts(dashboardId, alertsOnStart).then((alerts) => state.setAlerts(alerts)),
        proxy.getSystemStatus().then((statuses) => state.setSystemStatus(statuses)),
        proxy.listSeries().then((catalog) => state.setSeriesCatalog(catalog)),
        proxy.listAlertRules().then((rules) => state.setAlertRules(rules)),
        session.role === 'owner' ? proxy.getSharing().then((sharing) => state.setSharing(sharing)) : state.setSharing(undefined),
      ]);
    } catch (error) {
      // Lost meanwhile: the reconnect sets the page up again.
      if (!this.connected()) return;
      // The connection is up but part of the page could not be loaded: say so and show the rest.
      state.showToast('error', 'Part of the dashboard could not be loaded', hostMessage(error));
    }
    if (!this.connected()) return;
    // The first values arrived with the subscription: applied now, they give history the host's clock.
    this.binding.flushMetrics();
    state.setConnection('connected');
    this.history.start();
  }

  /**
   * An owner link's token is short-lived: while connected, the page swaps it for a fresh one
   * before half its life is gone, so a reload or a reconnect still signs in.
   */
  private async renewLinkToken(): Promise<void> {
    clearTimeout(this.renewTimer);
    if (this.credential?.source !== 'link' || !this.connected()) return;
    try {
      const { token, expiresAt } = await this.proxy.renewOwnerToken();
      saveRenewedLinkToken(token);
      const halfLife = (Date.parse(expiresAt) - Date.now()) / 2;
      this.renewTimer = setTimeout(() => void this.renewLinkToken(), Math.max(halfLife, 10_000));
    } catch {
      // Lost meanwhile: the next setup renews it.
    }
  }

  /** Shows this page among a dashboard's viewers and subscribes to its live metrics. */
  private async follow(dashboardId: string): Promise<void> {
    const proxy = this.proxy;
    // The host shows a signed-in peer by the name it joined with; the name here counts for anonymous pages.
    const displayName = this.launch.displayName ?? this.state().session?.displayName ?? 'Viewer';
    const [viewers, activity, , dashboard] = await Promise.all([
      proxy.joinDashboard(dashboardId, displayName, this.launch.client),
      proxy.listActivity(dashboardId, activityOnOpen),
      proxy.subscribeToMetrics(dashboardId, []),
      proxy.getDashboard(dashboardId),
    ]);
    this.state().upsertDashboard(dashboard);
    this.state().setViewers(dashboardId, viewers);
    this.state().setActivity(activity);
  }

  private onClosed(error: Error | undefined): void {
    this.refusal = undefined;
    this.history.pause();
    if (error && isUnauthorized(error)) {
      // The stored token is revoked, expired or from another host: only a new code helps.
      if (this.credential && this.credential.source !== 'app') forgetCredential(this.credential.source);
      this.credential = this.credential?.source === 'app' ? this.credential : undefined;
      this.state().setConnection('unauthorized', hostMessage(error));
      return;
    }
    const delay = offlineRetryMs[Math.min(this.offlineAttempts++, offlineRetryMs.length - 1)]!;
    this.state().setConnection('offline', error && hostReason(error), Date.now() + delay);
    this.retryTimer = setTimeout(() => void this.start(), delay);
  }

  private connected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  private state() {
    return this.store.getState();
  }
}
