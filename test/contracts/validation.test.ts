import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import { type DashboardHubServer, dashboardHubMethods } from '../../contracts/generated/dashboard-hub.server.js';
import type { AlertRule, Dashboard, DashboardDraft, DashboardHubClient, UserActivityEvent } from '../../contracts/generated/dashboard-hub.types.js';
import { Hub } from '../../src-server/index.js';
import { RawClient } from '../support/raw-client.js';
import { type RunningServer, connect, startServer } from '../support/hub-fixture.js';

const calls: string[] = [];
const ann = { id: 'peer-ann', name: 'ann', role: 'operator' as const };
const dashboard: Dashboard = { id: 'main', name: 'Main', version: 1, panels: [], updatedBy: ann, updatedAt: new Date(0).toISOString() };

/** Records which methods ran: validation must stop bad calls before any of them. */
class ProbeHub extends Hub<DashboardHubClient> implements DashboardHubServer {
  static override readonly methods = dashboardHubMethods;
  subscribeToMetrics(dashboardId: string) {
    calls.push(`subscribe:${dashboardId}`);
  }
  unsubscribeFromMetrics() {}
  trackUserActivity(dashboardId: string, activityType: string, details: string): UserActivityEvent {
    calls.push('track');
    return { dashboardId, activityType, details, by: ann, timestamp: new Date(0).toISOString() };
  }
  listSeries() {
    return [];
  }
  async *streamHistory() {}
  listActivity() {
    return [];
  }
  joinDashboard() {
    return [];
  }
  leaveDashboard() {}
  listDashboards() {
    return [dashboard];
  }
  getDashboard() {
    return dashboard;
  }
  saveDashboard(draft: DashboardDraft): Dashboard {
    calls.push('save');
    return { ...dashboard, panels: draft.panels };
  }
  deleteDashboard() {}
  listAlerts() {
    return [];
  }
  acknowledgeAlert(): never {
    throw new Error('not here');
  }
  silenceAlert(): never {
    throw new Error('not here');
  }
  listAlertRules() {
    return [];
  }
  saveAlertRule(rule: AlertRule) {
    calls.push('rule');
    return rule;
  }
  deleteAlertRule() {}
  getSystemStatus() {
    return [];
  }
  getSharing(): never {
    throw new Error('not here');
  }
  startSharing(): never {
    throw new Error('not here');
  }
  stopSharing(): never {
    throw new Error('not here');
  }
  createJoinCode(): never {
    throw new Error('not here');
  }
  revokePeer(): never {
    throw new Error('not here');
  }
  revokeAllTokens(): never {
    throw new Error('not here');
  }
  renewOwnerToken(): never {
    throw new Error('not here');
  }
  whoAmI() {
    return { connectionId: this.context.connectionId, userId: 'ann', displayName: 'Ann', role: 'owner' as const, hostName: 'test' };
  }
}

const prefix = (method: string) => `Failed to invoke '${method}' due to an error on the server. HubException: `;

describe('run-time validation from the contract', () => {
  let running: RunningServer;
  let hub: DashboardHubProxy;
  beforeAll(async () => {
    running = await startServer((s) => s.mapHub('/hubs/dashboard', ProbeHub));
    hub = new DashboardHubProxy(await connect(`${running.url}/hubs/dashboard`));
  });
  afterAll(async () => {
    await hub.connection.stop();
    await running.close();
  });

  // An untrusted peer can send anything; `as never` stands for a client that ignores the types.
  const bad = <T>(value: unknown) => value as T;

  it('lets valid calls through, by the contract\'s names', async () => {
    calls.length = 0;
    await hub.subscribeToMetrics('main', ['cpu.total']);
    expect((await hub.trackUserActivity('main', 'opened', 'cpu panel')).activityType).toBe('opened');
    expect(calls).toEqual(['subscribe:main', 'track']);
  });

  it.each([
    ['a wrong type', () => hub.subscribeToMetrics('main', bad(['cpu', 7])), 'SubscribeToMetrics', "Invalid argument 'metricTypes': metricTypes[1] must be a string, got number."],
    ['an over-long string', () => hub.subscribeToMetrics('x'.repeat(65), []), 'SubscribeToMetrics', "Invalid argument 'dashboardId': dashboardId must be at most 64 characters, got 65."],
    ['an over-long array', () => hub.subscribeToMetrics('main', Array(257).fill('cpu')), 'SubscribeToMetrics', "Invalid argument 'metricTypes': metricTypes must have at most 256 items, got 257."],
    ['a value outside an enum', () => hub.joinDashboard('main', 'Ann', bad('kiosk')), 'JoinDashboard', "Invalid argument 'client': client must be one of 'app', 'browser', got 'kiosk'."],
    [
      'a missing nested field',
      () => hub.saveDashboard(bad({ id: 'main', name: 'Main', baseVersion: 1, panels: [{ id: 'p', kind: 'line', title: 'CPU', series: [], window: '1m', x: 0, y: 0, w: 4 }] })),
      'SaveDashboard',
      "Invalid argument 'draft': draft.panels[0].h is required.",
    ],
    ['an extra field', () => hub.saveDashboard(bad({ id: 'main', name: 'Main', baseVersion: 1, panels: [], admin: true })), 'SaveDashboard', "Invalid argument 'draft': draft.admin is not a known field."],
    ['a fraction where a whole number goes', () => hub.listAlerts('main', 2.5), 'ListAlerts', "Invalid argument 'limit': limit must be a whole number, got 2.5."],
    [
      'a bad number deep inside',
      () => hub.saveAlertRule(bad({ id: 'r', name: 'CPU', selector: 'cpu.total', comparison: '>', threshold: 'ninety', forSeconds: 60, severity: 'warning', enabled: true })),
      'SaveAlertRule',
      "Invalid argument 'rule': rule.threshold must be a finite number, got string.",
    ],
  ])('refuses %s with the method, argument and path, and never runs the method', async (_what, call, method, problem) => {
    calls.length = 0;
    await expect(call()).rejects.toThrow(prefix(method) + problem);
    expect(calls).toEqual([]);
  });

  it('refuses hand-made frames the same way', async () => {
    calls.length = 0;
    const raw = await RawClient.connected(`${running.url}/hubs/dashboard`);
    raw.sendMessage({ type: 1, invocationId: '1', target: 'subscribetometrics', arguments: [{ $where: 'x' }, []] });
    expect(await raw.nextMessage()).toEqual({
      type: 3,
      invocationId: '1',
      error: `${prefix('subscribetometrics')}Invalid argument 'dashboardId': dashboardId must be a string, got an object.`,
    });
    raw.sendMessage({ type: 1, invocationId: '2', target: 'TrackUserActivity', arguments: ['main', '', 'x'] });
    expect((await raw.nextMessage()).error).toBe(`${prefix('TrackUserActivity')}Invalid argument 'activityType': activityType must not be empty.`);
    raw.sendMessage({ type: 1, invocationId: '3', target: 'ListAlerts', arguments: ['main', null] });
    expect((await raw.nextMessage()).error).toBe(`${prefix('ListAlerts')}Invalid argument 'limit': limit must be a finite number, got null.`);
    expect(calls).toEqual([]);
    raw.close();
  });

  it('refuses a wrong argument count before validating', async () => {
    const raw = await RawClient.connected(`${running.url}/hubs/dashboard`);
    raw.sendMessage({ type: 1, invocationId: '1', target: 'SubscribeToMetrics', arguments: ['main'] });
    expect((await raw.nextMessage()).error).toBe("Failed to invoke 'SubscribeToMetrics' due to an error on the server.");
    raw.close();
  });
});
