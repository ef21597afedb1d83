import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Panel } from '../../contracts/generated/dashboard-hub.types.js';
import { type TestHost, startTestHost } from '../support/host-fixture.js';
import { waitUntil } from '../support/hub-fixture.js';

// A panel whose title and series take most of what the contract allows: about 1.5 KB as JSON.
const bigPanel = (i: number): Panel => ({
  id: `p${i}`,
  kind: 'line',
  title: 't'.repeat(200),
  series: Array.from({ length: 6 }, (_, s) => `series.${s}.${'s'.repeat(180)}`),
  window: '15m',
  x: 0,
  y: i,
  w: 6,
  h: 4,
});

describe('quotas on what a peer can create', () => {
  let test: TestHost | undefined;
  afterEach(async () => test?.stop());

  it('refuses dashboards past the host quota with an error naming the limit, and keeps lists small', async () => {
    test = await startTestHost({ quotas: { dashboards: 5, dashboardsPerPeer: 5 } });
    const owner = await test.client();
    const panels = Array.from({ length: 12 }, (_, i) => bigPanel(i));
    // "main" exists already: four more fill the quota of five.
    for (let i = 0; i < 4; i++) await owner.saveDashboard({ id: `d${i}`, name: `D${i}`, panels, baseVersion: 0 });
    await expect(owner.saveDashboard({ id: 'one-too-many', name: 'X', panels: [], baseVersion: 0 })).rejects.toThrow(
      "HubException: Quota 'dashboards' reached: this host keeps at most 5 dashboards; delete one first.",
    );
    // Updating an existing dashboard is not creating one.
    const d0 = await owner.getDashboard('d0');
    expect((await owner.saveDashboard({ id: 'd0', name: 'D0 again', panels: [], baseVersion: d0.version })).version).toBe(d0.version + 1);

    // The list is a summary: it stays small however large the dashboards are.
    const list = await owner.listDashboards();
    expect(list.map((d) => d.id).sort()).toEqual(['d0', 'd1', 'd2', 'd3', 'main']);
    expect(Object.keys(list[0]!).sort()).toEqual(['id', 'name', 'updatedAt', 'updatedBy', 'version']);
    expect(JSON.stringify(list).length).toBeLessThan(2000);
  });

  it('refuses a dashboard larger than the byte quota, and a peer past its own count', async () => {
    test = await startTestHost({ quotas: { dashboardBytes: 4096, dashboardsPerPeer: 2 } });
    const owner = await test.client();
    await expect(owner.saveDashboard({ id: 'big', name: 'Big', panels: Array.from({ length: 4 }, (_, i) => bigPanel(i)), baseVersion: 0 })).rejects.toThrow(
      "HubException: Quota 'dashboardBytes' reached: a dashboard may take at most 4096 bytes; remove panels or series.",
    );
    await owner.saveDashboard({ id: 'a', name: 'A', panels: [], baseVersion: 0 });
    await owner.saveDashboard({ id: 'b', name: 'B', panels: [], baseVersion: 0 });
    await expect(owner.saveDashboard({ id: 'c', name: 'C', panels: [], baseVersion: 0 })).rejects.toThrow(
      "HubException: Quota 'dashboardsPerPeer' reached: one person may create at most 2 dashboards; delete one of yours first.",
    );
    expect((await owner.listDashboards()).map((d) => d.id).sort()).toEqual(['a', 'b', 'main']);
  });

  it('refuses alert rules past the quota', async () => {
    test = await startTestHost({ quotas: { alertRules: 3 } });
    const owner = await test.client();
    const rule = (id: string) => ({ id, name: id, selector: 'syn.*', comparison: '>' as const, threshold: 1, forSeconds: 0, severity: 'info' as const, enabled: true });
    const existing = (await owner.listAlertRules()).length;
    for (let i = existing; i < 3; i++) await owner.saveAlertRule(rule(`r${i}`));
    await expect(owner.saveAlertRule(rule('extra'))).rejects.toThrow("HubException: Quota 'alertRules' reached: this host keeps at most 3 alert rules; delete one first.");
    // Replacing a rule is allowed at the limit.
    const first = (await owner.listAlertRules())[0]!;
    await owner.saveAlertRule({ ...first, threshold: 2 });
  });

  it('refuses activity past the quota per person and hour, and activity on dashboards that do not exist', async () => {
    test = await startTestHost({ quotas: { activityPerHour: 3 } });
    const owner = await test.client();
    for (let i = 0; i < 3; i++) await owner.trackUserActivity('main', 'opened-panel', `p${i}`);
    await expect(owner.trackUserActivity('main', 'opened-panel', 'p4')).rejects.toThrow(
      "HubException: Quota 'activityPerHour' reached: one person may record at most 3 activity events an hour; try again later.",
    );
    await expect(owner.trackUserActivity('invented', 'opened-panel', 'x')).rejects.toThrow("HubException: There is no dashboard 'invented'.");
    expect(await owner.listActivity('main', 10)).toHaveLength(3);
  });

  it('reads no storage on the per-tick path, however many dashboards are stored', async () => {
    test = await startTestHost();
    const owner = await test.client();
    for (let i = 0; i < 20; i++) await owner.saveDashboard({ id: `d${i}`, name: `D${i}`, panels: [], baseVersion: 0 });
    await owner.subscribeToMetrics('d3', []);
    test.host.synthetic!.set('syn.x', 1);
    await waitUntil(() => test!.host.services.sampler.latest().some((r) => r.id === 'syn.x'), 'the sampler read syn.x');
    // Count statements that return rows while only the sampler runs.
    const reads: string[] = [];
    const db = new Database(':memory:');
    const statement = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<'all' | 'get' | 'iterate', (...args: unknown[]) => unknown>;
    db.close();
    const originals = { all: statement.all, get: statement.get, iterate: statement.iterate };
    for (const name of ['all', 'get', 'iterate'] as const) {
      statement[name] = function (this: { source: string }, ...args: unknown[]) {
        reads.push(this.source);
        return originals[name].apply(this, args);
      };
    }
    try {
      // Ordered marker: ticks that began after the counting did, each one through the whole pipeline.
      const sampler = test.host.services.sampler;
      const from = sampler.stats.ticks;
      await waitUntil(() => sampler.stats.ticks >= from + 5, 'five more ticks ran');
    } finally {
      Object.assign(statement, originals);
    }
    expect(reads).toEqual([]);
  });
});

describe('validate, then change', () => {
  let test: TestHost | undefined;
  afterEach(async () => test?.stop());

  it('answers "There is no dashboard" in every method that takes a dashboard id, and records nothing', async () => {
    test = await startTestHost();
    const owner = await test.client();
    const missing = "HubException: There is no dashboard 'invented'.";
    await expect(owner.joinDashboard('invented', 'Ann', 'browser')).rejects.toThrow(missing);
    await expect(owner.subscribeToMetrics('invented', [])).rejects.toThrow(missing);
    await expect(owner.listActivity('invented', 10)).rejects.toThrow(missing);
    await expect(owner.listAlerts('invented', 10)).rejects.toThrow(missing);
    await expect(owner.getDashboard('invented')).rejects.toThrow(missing);
    await expect(owner.deleteDashboard('invented')).rejects.toThrow(missing);
    await expect(owner.leaveDashboard('invented')).rejects.toThrow(missing);
    await expect(owner.unsubscribeFromMetrics('invented')).rejects.toThrow(missing);
    expect(test.host.services.presence.viewers('invented')).toEqual([]);
  });

  it('records no presence when the group cap refuses a join', async () => {
    test = await startTestHost({ hubOptions: { maximumGroupsPerConnection: 2 } });
    const owner = await test.client();
    await owner.saveDashboard({ id: 'second', name: 'Second', panels: [], baseVersion: 0 });
    // The owners group and the alerts group fill the cap of two; the dashboard's group does not fit.
    await expect(owner.joinDashboard('second', 'Ann', 'browser')).rejects.toThrow('HubException: A connection can be in at most 2 groups.');
    expect(test.host.services.presence.viewers('second')).toEqual([]);
    await expect(owner.subscribeToMetrics('second', ['a', 'b', 'c'])).rejects.toThrow('HubException: A connection can be in at most 2 groups.');
  });
});
