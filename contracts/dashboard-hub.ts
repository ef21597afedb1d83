import { type HubContract, method, t } from './schema.js';

const id = t.string({ minLength: 1, maxLength: 64 });
const name = t.string({ maxLength: 200 });
const text = t.string({ maxLength: 2000 });
const seriesId = t.string({ minLength: 1, maxLength: 200 });
const severity = t.enum('info', 'warning', 'error');
const tags = t.record(t.string({ maxLength: 200 }), { maxEntries: 32 });
const role = t.enum('viewer', 'operator', 'owner');

/**
 * The live dashboard hub, from the case study's DashboardHub (section 9 of the reference
 * article) and extended for history, presence, dashboards and alerts.
 */
export const dashboardHub: HubContract = {
  name: 'DashboardHub',
  description: 'Live metrics, alerts, history, presence and shared dashboards of a Hubdeck host.',
  path: '/hubs/dashboard',
  types: {
    Actor: t.object({
      id: t.string({ minLength: 1, maxLength: 64 }),
      name,
      role,
    }),
    Metric: t.object({
      type: t.string({ maxLength: 100 }),
      name: t.string({ maxLength: 200 }),
      value: t.number(),
      unit: t.string({ maxLength: 32 }),
      tags,
    }),
    DashboardMetrics: t.object({
      dashboardId: id,
      timestamp: t.timestamp(),
      metrics: t.array(t.ref('Metric'), { maxItems: 10_000 }),
    }),
    Alert: t.object({
      id,
      dashboardId: id,
      type: severity,
      message: text,
      timestamp: t.timestamp(),
      data: t.record(t.any(), { maxEntries: 64 }),
      ruleId: t.optional(id, 'The rule that raised the alert.'),
      series: t.optional(seriesId, 'The series whose value crossed the threshold.'),
      state: t.optional(t.enum('pending', 'firing', 'resolved'), 'Where the alert is in its life.'),
      value: t.optional(t.number(), 'The value that changed the state.'),
      acknowledgedBy: t.optional(t.ref('Actor'), 'Who acknowledged it.'),
      acknowledgedAt: t.optional(t.timestamp()),
      silencedBy: t.optional(t.ref('Actor'), 'Who silenced it.'),
      silencedUntil: t.optional(t.timestamp()),
    }),
    SystemStatus: t.object({
      component: t.enum('sampler', 'storage', 'hub', 'sharing', 'backplane'),
      status: t.enum('healthy', 'degraded', 'down'),
      message: text,
      lastChecked: t.timestamp(),
    }),
    UserActivityEvent: t.object({
      dashboardId: id,
      by: t.ref('Actor'),
      activityType: t.string({ maxLength: 64 }),
      details: text,
      timestamp: t.timestamp(),
    }),
    SeriesInfo: t.object({
      id: seriesId,
      type: t.string({ maxLength: 100 }),
      name: t.string({ maxLength: 200 }),
      unit: t.string({ maxLength: 32 }),
      tags,
    }),
    HistoryChunk: t.object({
      series: seriesId,
      resolutionMs: t.integer({ min: 1 }),
      timestamps: t.array(t.number(), { maxItems: 100_000 }),
      values: t.array(t.number(), { maxItems: 100_000 }),
    }),
    Viewer: t.object({
      connectionId: t.string({ maxLength: 64 }),
      userId: name,
      displayName: name,
      role,
      client: t.enum('app', 'browser'),
      joinedAt: t.timestamp(),
    }),
    PresenceUpdate: t.object({
      dashboardId: id,
      viewers: t.array(t.ref('Viewer'), { maxItems: 10_000 }),
    }),
    Panel: t.object({
      id,
      kind: t.enum('line', 'area', 'stat', 'alerts'),
      title: name,
      series: t.array(seriesId, { maxItems: 32 }),
      window: t.enum('1m', '15m', '1h', '24h'),
      x: t.integer({ min: 0, max: 100 }),
      y: t.integer({ min: 0, max: 1000 }),
      w: t.integer({ min: 1, max: 12 }),
      h: t.integer({ min: 1, max: 100 }),
    }),
    Dashboard: t.object({
      id,
      name,
      version: t.integer({ min: 1 }),
      panels: t.array(t.ref('Panel'), { maxItems: 64 }),
      updatedBy: t.ref('Actor'),
      updatedAt: t.timestamp(),
    }),
    DashboardSummary: t.object({
      id,
      name,
      version: t.integer({ min: 1 }),
      updatedBy: t.ref('Actor'),
      updatedAt: t.timestamp(),
    }),
    DashboardDraft: t.object({
      id,
      name,
      panels: t.array(t.ref('Panel'), { maxItems: 64 }),
      baseVersion: t.integer({ min: 0 }),
    }),
    AlertRule: t.object({
      id,
      name,
      selector: t.string({ minLength: 1, maxLength: 200 }),
      comparison: t.enum('>', '>=', '<', '<='),
      threshold: t.number(),
      forSeconds: t.integer({ min: 0, max: 86_400 }),
      clearThreshold: t.optional(t.number(), 'Hysteresis: the value that resolves a firing alert.'),
      severity,
      enabled: t.boolean(),
    }),
    JoinCode: t.object({
      code: t.string({ maxLength: 32 }),
      role,
      expiresAt: t.timestamp(),
    }),
    Peer: t.object({
      id,
      name,
      role,
      joinedAt: t.timestamp(),
      expiresAt: t.timestamp(),
      revoked: t.boolean(),
    }),
    SharingState: t.object({
      enabled: t.boolean(),
      urls: t.array(t.string({ maxLength: 300 }), { maxItems: 32 }),
      tls: t.boolean(),
      fingerprint: t.optional(t.string({ maxLength: 200 }), 'SHA-256 fingerprint of the TLS certificate, for peers to pin.'),
      joinCodes: t.array(t.ref('JoinCode'), { maxItems: 100 }),
      peers: t.array(t.ref('Peer'), { maxItems: 1000 }),
    }),
    Session: t.object({
      connectionId: t.string({ maxLength: 64 }),
      userId: name,
      displayName: name,
      role,
      hostName: name,
    }),
  },
  server: {
    SubscribeToMetrics: method.invoke(
      'Joins the live metrics of a dashboard; the caller gets the current values at once.',
      { dashboardId: id, metricTypes: t.array(t.string({ maxLength: 200 }), { maxItems: 256 }) },
    ),
    UnsubscribeFromMetrics: method.invoke('Leaves the live metrics of a dashboard.', { dashboardId: id }),
    TrackUserActivity: method.invoke(
      'Records what the caller did and tells the other viewers of the dashboard.',
      { dashboardId: id, activityType: t.string({ minLength: 1, maxLength: 64 }), details: text },
      t.ref('UserActivityEvent'),
    ),
    ListSeries: method.invoke('The series the host samples.', {}, t.array(t.ref('SeriesInfo'))),
    StreamHistory: method.stream(
      'Streams stored history of series between two instants (epoch ms) at the finest resolution that fits maxPoints.',
      { series: t.array(seriesId, { maxItems: 64 }), fromMs: t.number(), toMs: t.number(), maxPoints: t.integer({ min: 1, max: 10_000 }) },
      t.ref('HistoryChunk'),
    ),
    ListActivity: method.invoke('The newest activity on a dashboard, newest first.', { dashboardId: id, limit: t.integer({ min: 1, max: 500 }) }, t.array(t.ref('UserActivityEvent'))),
    JoinDashboard: method.invoke(
      'Shows the caller as a viewer of a dashboard and returns who is viewing it.',
      { dashboardId: id, displayName: t.string({ minLength: 1, maxLength: 100 }), client: t.enum('app', 'browser') },
      t.array(t.ref('Viewer')),
    ),
    LeaveDashboard: method.invoke('Stops showing the caller as a viewer of a dashboard.', { dashboardId: id }),
    ListDashboards: method.invoke(
      'Every dashboard on the host, in summary (GetDashboard returns one whole); the list stays small however large the dashboards are.',
      {},
      t.array(t.ref('DashboardSummary'), { maxItems: 10_000 }),
    ),
    GetDashboard: method.invoke('One dashboard.', { dashboardId: id }, t.ref('Dashboard')),
    SaveDashboard: method.invoke(
      'Saves a dashboard if nobody saved it since baseVersion; a conflict is refused with the current version.',
      { draft: t.ref('DashboardDraft') },
      t.ref('Dashboard'),
    ),
    DeleteDashboard: method.invoke('Deletes a dashboard.', { dashboardId: id }),
    ListAlerts: method.invoke('The newest entries of the alert log.', { dashboardId: id, limit: t.integer({ min: 1, max: 1000 }) }, t.array(t.ref('Alert'))),
    AcknowledgeAlert: method.invoke('Acknowledges an alert in the caller\'s name.', { alertId: id }, t.ref('Alert')),
    SilenceAlert: method.invoke('Silences an alert for some minutes in the caller\'s name.', { alertId: id, minutes: t.integer({ min: 1, max: 10_080 }) }, t.ref('Alert')),
    ListAlertRules: method.invoke('The alert rules.', {}, t.array(t.ref('AlertRule'))),
    SaveAlertRule: method.invoke('Creates or replaces an alert rule.', { rule: t.ref('AlertRule') }, t.ref('AlertRule')),
    DeleteAlertRule: method.invoke('Deletes an alert rule.', { ruleId: id }),
    GetSystemStatus: method.invoke('The current status of every host component.', {}, t.array(t.ref('SystemStatus'))),
    WhoAmI: method.invoke('The caller\'s identity and role on this host.', {}, t.ref('Session')),
    GetSharing: method.invoke('Whether the host is shared on the LAN, where, and with whom (owner only).', {}, t.ref('SharingState')),
    StartSharing: method.invoke('Opens the LAN endpoint and advertises the host (owner only).', { tls: t.boolean() }, t.ref('SharingState')),
    StopSharing: method.invoke('Closes the LAN endpoint; shared peers are disconnected (owner only).', {}, t.ref('SharingState')),
    CreateJoinCode: method.invoke(
      'A short, single-use code a peer exchanges for a token with this role (owner only).',
      { role, minutes: t.integer({ min: 1, max: 1440 }) },
      t.ref('JoinCode'),
    ),
    RevokePeer: method.invoke('Revokes a peer\'s token and disconnects it (owner only).', { peerId: id }, t.ref('SharingState')),
  },
  client: {
    ReceiveMetrics: { description: 'New metric values of a subscribed dashboard.', params: { metrics: t.ref('DashboardMetrics') } },
    ReceiveAlert: { description: 'An alert was raised or changed state.', params: { alert: t.ref('Alert') } },
    SystemStatusChanged: { description: 'A host component changed status.', params: { status: t.ref('SystemStatus') } },
    UserActivity: { description: 'Another viewer did something.', params: { activity: t.ref('UserActivityEvent') } },
    PresenceChanged: { description: 'Who views a dashboard changed.', params: { update: t.ref('PresenceUpdate') } },
    DashboardChanged: { description: 'A dashboard was saved or deleted (then with no panels and version 0).', params: { dashboard: t.ref('Dashboard') } },
    AlertRulesChanged: { description: 'The alert rules changed.', params: { rules: t.array(t.ref('AlertRule')) } },
    SharingChanged: { description: 'LAN sharing was switched, or its codes or peers changed (sent to owners only).', params: { sharing: t.ref('SharingState') } },
  },
};
