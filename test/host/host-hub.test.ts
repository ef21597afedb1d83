import { afterEach, describe, expect, it } from 'vitest';
import { dashboardHubMethods } from '../../contracts/generated/dashboard-hub.server.js';
import { delay, waitUntil } from '../support/hub-fixture.js';
import { type TestHost, recorder, startTestHost } from '../support/host-fixture.js';


describe('the host core through the real client', () => {
  let test: TestHost | undefined;
  afterEach(async () => test?.stop());

  it('gives a late joiner the current values at once, then live updates', async () => {
    test = await startTestHost();
    test.host.synthetic!.set('syn.temp', 42, { type: 'temp', unit: '°C' });
    await waitUntil(() => test!.host.services.sampler.latest().length > 0, 'the sampler has readings');
    const proxy = await test.client();
    const calls = recorder(proxy);
    await proxy.subscribeToMetrics('main', ['temp']);
    // The snapshot arrives before the invocation completes.
    expect(calls.metrics[0]!.metrics).toEqual([{ type: 'temp', name: 'syn.temp', value: 42, unit: '°C', tags: { host: test.host.services.hostName } }]);
    test.host.synthetic!.set('syn.temp', 43, { type: 'temp', unit: '°C' });
    await waitUntil(() => calls.metrics.some((m) => m.metrics.some((x) => x.value === 43)), 'the new synthetic value arrived');
    expect(calls.metrics.every((m) => m.dashboardId === 'main')).toBe(true);
  });

  it('sends only the subscribed types, and everything for an empty list', async () => {
    test = await startTestHost();
    test.host.synthetic!.set('syn.a', 1, { type: 'a' });
    test.host.synthetic!.set('syn.b', 2, { type: 'b' });
    const onlyA = await test.client();
    const all = await test.client();
    const a = recorder(onlyA);
    const everything = recorder(all);
    await onlyA.subscribeToMetrics('main', ['a']);
    await all.subscribeToMetrics('main', []);
    await waitUntil(() => a.metrics.length > 3 && everything.metrics.length > 3, 'both subscribers received metrics');
    expect(new Set(a.metrics.flatMap((m) => m.metrics.map((x) => x.type)))).toEqual(new Set(['a']));
    expect(new Set(everything.metrics.at(-1)!.metrics.map((x) => x.type))).toEqual(new Set(['a', 'b']));
    await onlyA.unsubscribeFromMetrics('main');
    const count = a.metrics.length;
    // Two more ticks reach the other subscriber; a reply to onlyA sent after them would arrive
    // after any metrics the host still sent onlyA in those ticks (one connection, in order).
    const seen = everything.metrics.length;
    await waitUntil(() => everything.metrics.length >= seen + 2, 'two more ticks were published');
    await onlyA.whoAmI();
    expect(a.metrics.length).toBe(count);
  });

  it('raises an alert from a synthetic value and records who acknowledged it', async () => {
    test = await startTestHost();
    const proxy = await test.client();
    const calls = recorder(proxy);
    await proxy.saveAlertRule({ id: 'syn-hot', name: 'Synthetic hot', selector: 'syn.*', comparison: '>', threshold: 90, forSeconds: 0, severity: 'error', enabled: true });
    await proxy.subscribeToMetrics('main', []);
    test.host.synthetic!.set('syn.temp', 95);
    await waitUntil(() => calls.alerts.some((a) => a.state === 'firing'), 'an alert fired');
    const firing = calls.alerts.find((a) => a.state === 'firing')!;
    expect(firing).toMatchObject({ type: 'error', series: 'syn.temp', ruleId: 'syn-hot' });
    const acked = await proxy.acknowledgeAlert(firing.id);
    // Signed in with the owner token, which names the host.
    const ownerName = test.host.services.hostName;
    expect(acked.acknowledgedBy).toEqual({ id: 'owner', name: ownerName, role: 'owner' });
    await waitUntil(() => calls.alerts.some((a) => a.acknowledgedBy?.name === ownerName), 'the acknowledgement was broadcast');
    expect((await proxy.listAlerts('main', 10))[0]!.acknowledgedBy?.name).toBe(ownerName);
    await expect(proxy.acknowledgeAlert('missing')).rejects.toThrow("HubException: There is no alert 'missing'.");
  });

  it('streams stored history so a chart fills at once', async () => {
    test = await startTestHost();
    for (let i = 0; i < 15; i++) {
      test.host.synthetic!.set('syn.wave', i);
      await delay(110);
    }
    const proxy = await test.client();
    const chunks = await new Promise<unknown[]>((resolve, reject) => {
      const items: unknown[] = [];
      proxy.streamHistory(['syn.wave'], Date.now() - 60_000, Date.now(), 500).subscribe({ next: (c) => items.push(c), complete: () => resolve(items), error: reject });
    });
    expect(chunks).toHaveLength(1);
    const chunk = chunks[0] as { series: string; resolutionMs: number; timestamps: number[]; values: number[] };
    expect(chunk.series).toBe('syn.wave');
    expect(chunk.resolutionMs).toBe(1000);
    expect(chunk.values.length).toBeGreaterThanOrEqual(1);
    expect(chunk.timestamps.every((t, i) => i === 0 || t > chunk.timestamps[i - 1]!)).toBe(true);
  });

  it('shows who views a dashboard, and tells the others when someone joins, acts and leaves', async () => {
    test = await startTestHost();
    const ann = await test.client();
    const bob = await test.client();
    const annCalls = recorder(ann);
    // This machine's own windows name themselves; peers are named by their tokens (see sharing tests).
    expect((await ann.joinDashboard('main', 'Ann', 'app')).map((v) => v.displayName)).toEqual(['Ann']);
    const viewers = await bob.joinDashboard('main', 'Bob', 'browser');
    expect(viewers.map((v) => [v.displayName, v.client]).sort()).toEqual([['Ann', 'app'], ['Bob', 'browser']]);
    await waitUntil(() => annCalls.presence.at(-1)?.viewers.length === 2, 'Ann sees two viewers');
    await bob.trackUserActivity('main', 'opened-panel', 'cpu');
    await waitUntil(() => annCalls.other.includes('activity:opened-panel'), 'Ann heard Bob\'s activity');
    expect((await ann.listActivity('main', 10))[0]).toMatchObject({ by: { id: 'owner', name: 'Bob', role: 'owner' }, activityType: 'opened-panel', details: 'cpu' });
    await bob.connection.stop();
    await waitUntil(() => annCalls.presence.at(-1)?.viewers.length === 1, 'Ann sees one viewer');
  });

  it('detects a concurrent dashboard edit and tells the loser the current version', async () => {
    test = await startTestHost();
    const ann = await test.client();
    const bob = await test.client();
    const bobCalls = recorder(bob);
    const main = await ann.getDashboard('main');
    const base = { id: main.id, name: main.name, panels: main.panels, baseVersion: main.version };
    const saved = await ann.saveDashboard({ ...base, name: 'Renamed by Ann' });
    expect(saved.version).toBe(main.version + 1);
    await expect(bob.saveDashboard({ ...base, name: 'Renamed by Bob' })).rejects.toThrow(
      `HubException: Dashboard 'Renamed by Ann' was saved by ${test.host.services.hostName} (owner) as version ${saved.version} after your version ${main.version}`,
    );
    await waitUntil(() => bobCalls.other.includes(`dashboard:main:${saved.version}`), 'Bob heard of the saved dashboard');
  });

  it('reports the status of its components', async () => {
    test = await startTestHost();
    const proxy = await test.client();
    await waitUntil(() => test!.host.services.status.list().length >= 4, 'every component reported its status');
    const status = await proxy.getSystemStatus();
    expect(status.map((s) => s.component).sort()).toEqual(['hub', 'sampler', 'sharing', 'storage']);
    expect(status.every((s) => s.status === 'healthy')).toBe(true);
    expect((await proxy.whoAmI()).role).toBe('owner');
  });

  it('conflates metrics for a viewer that falls behind, counting it per connection', async () => {
    test = await startTestHost({ hubOptions: { slowConsumerBufferSize: 8 * 1024 } });
    // Big ticks (about 150 KB each at 10 Hz) fill the paused socket's kernel buffers within seconds.
    for (let i = 0; i < 2000; i++) test.host.synthetic!.set(`syn.series.${i}`, i);
    const { RawClient } = await import('../support/raw-client.js');
    const slow = await RawClient.connected(test.host.hubUrl);
    slow.sendMessage({ type: 1, invocationId: '1', target: dashboardHubMethods.whoAmI.name, arguments: [] });
    const { connectionId } = (await slow.nextMessage()).result as { connectionId: string };
    // Stop reading: the socket's buffers fill and the host must not queue every tick behind them.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    slow.sendMessage({ type: 1, invocationId: '2', target: dashboardHubMethods.subscribeToMetrics.name, arguments: ['main', []] });
    const stats = () => test!.host.server.getConnectionStats('/hubs/dashboard', connectionId)!;
    await waitUntil(() => stats().conflations > 5, 'metrics were conflated', 20_000);
    expect(stats().pendingLatest).toBeLessThanOrEqual(1);
    expect(test.host.server.getHubStats('/hubs/dashboard').conflations).toBeGreaterThanOrEqual(stats().conflations);
    slow.close();
  });
});
