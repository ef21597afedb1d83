import { describe, expect, it } from 'vitest';
import { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import { openDatabase } from '../../src-main/core/storage/database.js';
import { startHostProcess } from '../support/headless-process.js';
import { recorder } from '../support/host-fixture.js';
import { connect, delay, waitUntil } from '../support/hub-fixture.js';
import { tempDir } from '../support/temp-dir.js';

async function setSynthetic(url: string, values: Record<string, number>): Promise<void> {
  const res = await fetch(`${url}/api/synthetic`, { method: 'POST', body: JSON.stringify(values) });
  expect(res.status).toBe(204);
}

describe('npm run host', () => {
  it('serves the hub with the machine\'s real metrics and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const host = await startHostProcess(['--port', '0', '--data-dir', dir.path]);
    expect(host.output()).toContain(`hub:  ${host.url}/hubs/dashboard`);
    const client = await connect(`${host.url}/hubs/dashboard`, { configure: (b) => b.withAutomaticReconnect([60_000]) });
    const proxy = new DashboardHubProxy(client);
    let series: string[] = [];
    await waitUntil(async () => (series = (await proxy.listSeries()).map((s) => s.id)).includes('cpu.total'), 'the host lists cpu.total', 10_000, 200);
    expect(series).toEqual(expect.arrayContaining(['cpu.total', 'memory.used_percent', 'node.event_loop_lag', 'hub.connections']));
    const reconnecting = new Promise<void>((resolve) => client.onreconnecting(() => resolve()));
    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
    // The Close message invited the client to reconnect.
    await reconnecting;
    expect(host.output()).toContain('SIGTERM: draining');
    await client.stop();
    dir.remove();
  });

  it('survives kill -9: the pushed alert and all but the last seconds of samples are there after a restart', async () => {
    const dir = tempDir();
    const first = await startHostProcess(['--port', '0', '--data-dir', dir.path, '--synthetic', '--hz', '10']);
    const client = await connect(`${first.url}/hubs/dashboard`, { accessTokenFactory: first.ownerToken });
    const proxy = new DashboardHubProxy(client);
    await proxy.saveAlertRule({ id: 'crash', name: 'Crash test', selector: 'syn.crash', comparison: '>', threshold: 50, forSeconds: 0, severity: 'error', enabled: true });
    const { alerts } = recorder(proxy);
    await proxy.subscribeToMetrics('main', []);
    await setSynthetic(first.url, { 'syn.crash': 10 });
    await delay(1500);
    await setSynthetic(first.url, { 'syn.crash': 99 });
    await waitUntil(() => alerts.some((a) => a.state === 'firing'), 'the alert fired');
    const pushed = alerts.find((a) => a.state === 'firing')!;
    expect(pushed).toBeDefined();
    await delay(1200);
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await client.stop();

    const db = openDatabase(dir.path);
    const newest = db.prepare("SELECT max(t) AS t FROM samples_1s s JOIN series ON series.id = s.series WHERE series.key = 'syn.crash'").get() as { t: number };
    db.close();
    expect(killedAt - newest.t).toBeLessThan(3000);

    const second = await startHostProcess(['--port', '0', '--data-dir', dir.path, '--synthetic']);
    const after = new DashboardHubProxy(await connect(`${second.url}/hubs/dashboard`, { accessTokenFactory: second.ownerToken }));
    const log = await after.listAlerts('main', 10);
    expect(log.find((a) => a.id === pushed.id)?.state).toBe('firing');
    expect((await after.listAlertRules()).some((r) => r.id === 'crash')).toBe(true);
    await after.connection.stop();
    second.child.kill('SIGTERM');
    await second.exited;
    dir.remove();
  });
});
