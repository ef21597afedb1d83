import type { DashboardHubServer } from '../../../contracts/generated/dashboard-hub.server.js';
import { dashboardHubMethods } from '../../../contracts/generated/dashboard-hub.server.js';
import type {
  Actor,
  Alert,
  AlertRule,
  Dashboard,
  DashboardDraft,
  DashboardHubClient,
  DashboardSummary,
  HistoryChunk,
  JoinCode,
  OwnerToken,
  Session,
  SeriesInfo,
  SharingState,
  SystemStatus,
  UserActivityEvent,
  Viewer,
} from '../../../contracts/generated/dashboard-hub.types.js';
import { Hub, type HubMethodOptions, HubException } from '../../../src-server/index.js';
import { type Role, identify, requireRole } from '../access/roles.js';
import { isoTime } from '../clock.js';
import { noDashboard } from '../host-error.js';
import type { HostServices } from '../host-services.js';
import { allTypes, metricsGroup } from '../live/metrics-fanout.js';
import { holdsOwnerToken } from '../access/access-policy.js';

/** Everyone viewing or subscribed to any dashboard hears of alerts here. */
export const alertsGroup = 'alerts';

/** Owner connections: sharing state (with its join codes) goes to them only. */
export const ownersGroup = 'owners';

/** Viewers of one dashboard: presence and activity. */
export const viewersGroup = (dashboardId: string) => `dashboard:${dashboardId}`;

const subscriptionsKey = Symbol('metric subscriptions');
const groupsKey = Symbol('groups this hub put the connection in');
const chosenNameKey = Symbol('display name chosen by a local window');

// Reading is open to every connected peer; these methods need more.
const withRole = <K extends keyof typeof dashboardHubMethods>(method: K, role: Role): HubMethodOptions => ({
  ...dashboardHubMethods[method],
  authorize: requireRole(role),
});

/** The DashboardHub contract, served by the host core. */
export class DashboardHub extends Hub<DashboardHubClient> implements DashboardHubServer {
  static override readonly methods: Readonly<Record<string, HubMethodOptions>> = {
    ...dashboardHubMethods,
    saveDashboard: withRole('saveDashboard', 'operator'),
    deleteDashboard: withRole('deleteDashboard', 'operator'),
    acknowledgeAlert: withRole('acknowledgeAlert', 'operator'),
    silenceAlert: withRole('silenceAlert', 'operator'),
    saveAlertRule: withRole('saveAlertRule', 'owner'),
    deleteAlertRule: withRole('deleteAlertRule', 'owner'),
    getSharing: withRole('getSharing', 'owner'),
    startSharing: withRole('startSharing', 'owner'),
    stopSharing: withRole('stopSharing', 'owner'),
    createJoinCode: withRole('createJoinCode', 'owner'),
    revokePeer: withRole('revokePeer', 'owner'),
    revokeAllTokens: withRole('revokeAllTokens', 'owner'),
    renewOwnerToken: withRole('renewOwnerToken', 'owner'),
  };

  constructor(private readonly host: HostServices) {
    super();
  }

  override async onConnected(): Promise<void> {
    if (identify(this.context).role === 'owner') await this.#joinGroups([ownersGroup]);
  }

  override async onDisconnected(): Promise<void> {
    for (const [dashboardId, viewers] of this.host.presence.leaveAll(this.context.connectionId)) {
      await this.clients.group(viewersGroup(dashboardId)).PresenceChanged({ dashboardId, viewers });
    }
  }

  async subscribeToMetrics(dashboardId: string, metricTypes: string[]): Promise<void> {
    this.#requireDashboard(dashboardId);
    const types = metricTypes.length === 0 ? [allTypes] : [...new Set(metricTypes)];
    const subscriptions = this.#subscriptions();
    const previous = subscriptions.get(dashboardId) ?? [];
    await this.#joinGroups([...types.map((type) => metricsGroup(dashboardId, type)), alertsGroup]);
    subscriptions.set(dashboardId, types);
    await this.#leaveGroups(previous.filter((type) => !types.includes(type)).map((type) => metricsGroup(dashboardId, type)));
    const metrics = this.host.fanout.snapshot(this.host.sampler.latest(), types[0] === allTypes ? [] : types);
    await this.clients.caller.ReceiveMetrics({ dashboardId, timestamp: isoTime(this.host.clock.now()), metrics });
  }

  async unsubscribeFromMetrics(dashboardId: string): Promise<void> {
    // Leaving works for a dashboard deleted meanwhile; otherwise the id must exist.
    const types = this.#subscriptions().get(dashboardId);
    if (!types) return this.#requireDashboard(dashboardId);
    this.#subscriptions().delete(dashboardId);
    await this.#leaveGroups(types.map((type) => metricsGroup(dashboardId, type)));
  }

  async trackUserActivity(dashboardId: string, activityType: string, details: string): Promise<UserActivityEvent> {
    this.#requireDashboard(dashboardId);
    const now = this.host.clock.now();
    const event: UserActivityEvent = { dashboardId, by: this.#actor(), activityType, details, timestamp: isoTime(now) };
    this.host.activity.record(event, now);
    await this.clients.othersInGroup(viewersGroup(dashboardId)).UserActivity(event);
    return event;
  }

  listSeries(): SeriesInfo[] {
    return this.host.sampler
      .latest()
      .map((r) => ({ id: r.id, type: r.type, name: r.name, unit: r.unit, tags: { ...r.tags, host: this.host.hostName } }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async *streamHistory(series: string[], fromMs: number, toMs: number, maxPoints: number): AsyncGenerator<HistoryChunk> {
    for (const chunk of this.host.history.query(series, fromMs, toMs, maxPoints, this.host.clock.now())) {
      if (this.signal.aborted) return;
      yield chunk;
    }
  }

  listActivity(dashboardId: string, limit: number): UserActivityEvent[] {
    this.#requireDashboard(dashboardId);
    return this.host.activity.recent(dashboardId, limit);
  }

  async joinDashboard(dashboardId: string, displayName: string, client: 'app' | 'browser'): Promise<Viewer[]> {
    this.#requireDashboard(dashboardId);
    // Groups first: a join the group cap refuses must leave no presence behind.
    await this.#joinGroups([viewersGroup(dashboardId), alertsGroup]);
    // A peer is shown by the name its token carries; this machine's own windows name themselves.
    if (holdsOwnerToken(this.context.user)) this.context.items.set(chosenNameKey, displayName);
    const actor = this.#actor();
    const viewer: Viewer = {
      connectionId: this.context.connectionId,
      userId: actor.id,
      displayName: actor.name,
      role: actor.role,
      client,
      joinedAt: isoTime(this.host.clock.now()),
    };
    const viewers = this.host.presence.join(dashboardId, viewer);
    await this.clients.group(viewersGroup(dashboardId)).PresenceChanged({ dashboardId, viewers });
    return viewers;
  }

  async leaveDashboard(dashboardId: string): Promise<void> {
    const viewers = this.host.presence.leave(dashboardId, this.context.connectionId);
    // Leaving works for a dashboard deleted meanwhile; otherwise the id must exist.
    if (!viewers) this.#requireDashboard(dashboardId);
    await this.#leaveGroups([viewersGroup(dashboardId)]);
    if (viewers) await this.clients.group(viewersGroup(dashboardId)).PresenceChanged({ dashboardId, viewers });
  }

  listDashboards(): DashboardSummary[] {
    return this.host.dashboards.list();
  }

  getDashboard(dashboardId: string): Dashboard {
    const dashboard = this.host.dashboards.get(dashboardId);
    if (!dashboard) throw noDashboard(dashboardId);
    return dashboard;
  }

  async saveDashboard(draft: DashboardDraft): Promise<Dashboard> {
    const saved = this.host.dashboards.save(draft, this.#actor(), this.host.clock.now());
    await this.clients.all.DashboardChanged(saved);
    return saved;
  }

  async deleteDashboard(dashboardId: string): Promise<void> {
    const dashboard = this.getDashboard(dashboardId);
    this.host.dashboards.delete(dashboardId);
    this.host.activity.forget(dashboardId);
    await this.clients.all.DashboardChanged({ ...dashboard, version: 0, panels: [], updatedBy: this.#actor(), updatedAt: isoTime(this.host.clock.now()) });
  }

  listAlerts(dashboardId: string, limit: number): Alert[] {
    this.#requireDashboard(dashboardId);
    return this.host.alerts.recent(limit);
  }

  acknowledgeAlert(alertId: string): Alert {
    return this.host.alerts.acknowledge(alertId, this.#actor());
  }

  silenceAlert(alertId: string, minutes: number): Alert {
    return this.host.alerts.silence(alertId, minutes, this.#actor());
  }

  listAlertRules(): AlertRule[] {
    return this.host.alerts.rules();
  }

  async saveAlertRule(rule: AlertRule): Promise<AlertRule> {
    const saved = this.host.alerts.saveRule(rule);
    await this.clients.all.AlertRulesChanged(this.host.alerts.rules());
    return saved;
  }

  async deleteAlertRule(ruleId: string): Promise<void> {
    this.host.alerts.deleteRule(ruleId);
    await this.clients.all.AlertRulesChanged(this.host.alerts.rules());
  }

  getSystemStatus(): SystemStatus[] {
    return this.host.status.list();
  }

  getSharing(): SharingState {
    return this.host.sharing.state();
  }

  startSharing(tls: boolean): Promise<SharingState> {
    return this.#onSharing(() => this.host.sharing.start(tls));
  }

  stopSharing(): Promise<SharingState> {
    return this.host.sharing.stop();
  }

  createJoinCode(role: 'viewer' | 'operator' | 'owner', minutes: number): JoinCode {
    return this.host.sharing.createJoinCode(role, minutes);
  }

  revokePeer(peerId: string): Promise<SharingState> {
    return this.#onSharing(async () => this.host.sharing.revoke(peerId));
  }

  revokeAllTokens(): SharingState {
    return this.host.sharing.revokeAll();
  }

  async renewOwnerToken(): Promise<OwnerToken> {
    // An owner-role peer keeps its own token until it expires or is revoked: only the owner
    // token is short-lived, so only it is renewed.
    if (!holdsOwnerToken(this.context.user)) throw new HubException('Only the owner token is renewed; a peer keeps the token it joined with.');
    const { token, expiresAt } = await this.host.access.ownerToken();
    return { token, expiresAt: isoTime(expiresAt) };
  }

  whoAmI(): Session {
    const actor = this.#actor();
    return { connectionId: this.context.connectionId, userId: actor.id, displayName: actor.name, role: actor.role, hostName: this.host.hostName };
  }

  /** The caller as records and other viewers see it; this machine's own windows name themselves. */
  #actor(): Actor {
    const actor = identify(this.context);
    const chosen = this.context.items.get(chosenNameKey) as string | undefined;
    return chosen === undefined ? actor : { ...actor, name: chosen };
  }

  #subscriptions(): Map<string, string[]> {
    let subscriptions = this.context.items.get(subscriptionsKey) as Map<string, string[]> | undefined;
    if (!subscriptions) this.context.items.set(subscriptionsKey, (subscriptions = new Map()));
    return subscriptions;
  }

  #requireDashboard(dashboardId: string): void {
    if (!this.host.dashboards.has(dashboardId)) throw noDashboard(dashboardId);
  }

  #joinedGroups(): Set<string> {
    let groups = this.context.items.get(groupsKey) as Set<string> | undefined;
    if (!groups) this.context.items.set(groupsKey, (groups = new Set()));
    return groups;
  }

  /** Puts the connection in every group or none: a join the group cap refuses is undone. */
  async #joinGroups(names: readonly string[]): Promise<void> {
    const joined = this.#joinedGroups();
    const added: string[] = [];
    try {
      for (const name of names) {
        if (joined.has(name)) continue;
        await this.groups.addToGroup(this.context.connectionId, name);
        joined.add(name);
        added.push(name);
      }
    } catch (error) {
      await this.#leaveGroups(added);
      throw error;
    }
  }

  async #leaveGroups(names: readonly string[]): Promise<void> {
    const joined = this.#joinedGroups();
    for (const name of names) {
      joined.delete(name);
      await this.groups.removeFromGroup(this.context.connectionId, name);
    }
  }

  // Sharing failures (no network address, a port in use, an unknown peer) are the owner's to read.
  async #onSharing<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new HubException((error as Error).message);
    }
  }
}
