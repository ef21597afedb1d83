import { request } from 'node:http';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestHost, startTestHost } from '../support/host-fixture.js';
import { RedisServer } from '../support/redis-server.js';

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly contentType: string | undefined;
}

/** A GET from `localAddress` (another loopback address stands in for a LAN machine). */
function get(url: string, options: { localAddress?: string; token?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: options.localAddress, headers: options.token ? { Authorization: `Bearer ${options.token}` } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, contentType: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface ReadinessBody {
  readonly status: string;
  readonly components: ReadonlyArray<{ component: string; ready: boolean; message: string }>;
}

/** Polls /readyz until `ready` is what it says; fails with the last answer after the deadline. */
async function readinessBecomes(url: string, ready: boolean, timeoutMs = 20_000): Promise<ReadinessBody> {
  const deadline = Date.now() + timeoutMs;
  let last: Answer | undefined;
  while (Date.now() < deadline) {
    last = await get(`${url}/readyz`);
    if ((last.status === 200) === ready) return JSON.parse(last.body) as ReadinessBody;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/readyz did not become ${ready ? 'ready' : 'not ready'} within ${timeoutMs} ms; last answer ${last?.status}: ${last?.body}`);
}

describe('the host for operators', () => {
  let running: TestHost | undefined;
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await redis?.stop();
    redis = undefined;
  });

  it('answers /healthz and /readyz with each component named', async () => {
    running = await startTestHost();
    const health = await get(`${running.host.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'alive', components: [{ component: 'process', ready: true }] });
    const ready = await readinessBecomes(running.host.url, true);
    expect(ready.status).toBe('ready');
    expect(ready.components.map((c) => c.component)).toEqual(['storage', 'sampler']);
  });

  it('serves its operational routes to this machine and the owner token only', async () => {
    running = await startTestHost();
    const { url } = running.host;
    const ownerToken = await running.host.ownerToken();
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      expect((await get(`${url}${path}`, { localAddress: '127.0.0.2' })).status).toBe(403);
      expect((await get(`${url}${path}`, { localAddress: '127.0.0.2', token: 'not-a-token' })).status).toBe(403);
      expect((await get(`${url}${path}`, { localAddress: '127.0.0.2', token: ownerToken })).status).not.toBe(403);
    }
  });

  it('exposes Prometheus metrics of the work a client does', async () => {
    running = await startTestHost();
    const proxy = await running.client();
    await proxy.listSeries();
    await proxy.listDashboards();
    await expect(proxy.acknowledgeAlert('no-such-alert')).rejects.toThrow();
    running.host.synthetic!.set('cpu.total', 42);
    await readinessBecomes(running.host.url, true);

    const scrape = await get(`${running.host.url}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = new Map(parsePrometheusTextFormat(scrape.body).map((f) => [f.name, f]));
    const sample = (name: string, labels: Record<string, string> = {}) =>
      families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
    const value = (name: string, labels: Record<string, string> = {}) => Number(sample(name, labels)?.value);

    const hub = { hub: '/hubs/dashboard' };
    expect(families.get('hubdeck_hub_connections')?.type).toBe('GAUGE');
    expect(value('hubdeck_hub_connections', { ...hub, transport: 'WebSockets', protocol: 'json' })).toBe(1);
    expect(value('hubdeck_hub_invocations_total', { ...hub, method: 'ListSeries' })).toBe(1);
    expect(value('hubdeck_hub_invocations_total', { ...hub, method: 'ListDashboards' })).toBe(1);
    expect(value('hubdeck_hub_invocation_errors_total', { ...hub, method: 'AcknowledgeAlert' })).toBe(1);
    expect(value('hubdeck_hub_invocation_errors_total', { ...hub, method: 'ListSeries' })).toBe(0);
    expect(value('hubdeck_hub_messages_received_total', hub)).toBeGreaterThanOrEqual(3);
    expect(value('hubdeck_hub_messages_sent_total', hub)).toBeGreaterThanOrEqual(3);
    expect(value('hubdeck_hub_received_bytes_total', hub)).toBeGreaterThan(0);
    expect(value('hubdeck_hub_sent_bytes_total', hub)).toBeGreaterThan(0);
    for (const name of ['hubdeck_hub_conflated_messages_total', 'hubdeck_hub_dropped_messages_total', 'hubdeck_hub_stateful_reconnects_total']) {
      expect(families.get(name)?.type, name).toBe('COUNTER');
    }
    const ticks = sample('hubdeck_sampler_tick_seconds');
    expect(families.get('hubdeck_sampler_tick_seconds')?.type).toBe('HISTOGRAM');
    expect(Number(ticks?.count)).toBeGreaterThan(0);
    expect(Number(sample('hubdeck_storage_write_seconds')?.count)).toBeGreaterThan(0);
    expect(value('hubdeck_alerts', { state: 'firing' })).toBe(0);
    expect(families.has('hubdeck_process_resident_memory_bytes')).toBe(true);
    expect(families.has('hubdeck_backplane_healthy')).toBe(false);
  });

  it('turns not ready while the database is locked by another process, and ready again after', async () => {
    running = await startTestHost();
    running.host.synthetic!.set('syn.load', 1); // so every tick writes a sample
    const url = running.host.url;
    await readinessBecomes(url, true);
    // Another writer holding the database (a backup tool, a second host on the same data
    // directory) leaves this host unable to write, as a full or read-only disk would.
    const other = new Database(join(running.dataDir, 'hubdeck.sqlite'));
    try {
      other.exec('BEGIN EXCLUSIVE');
      const down = await readinessBecomes(url, false);
      expect(down.status).toBe('not ready');
      expect(down.components.find((c) => c.component === 'storage')).toMatchObject({ ready: false, message: expect.stringMatching(/locked/) });
      other.exec('COMMIT');
      const up = await readinessBecomes(url, true);
      expect(up.components.find((c) => c.component === 'storage')?.ready).toBe(true);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  }, 60_000);

  it('turns not ready while the backplane is away, and ready again when Redis is back', async () => {
    redis = await RedisServer.start();
    running = await startTestHost({ redis: redis.url });
    const url = running.host.url;
    const up = await readinessBecomes(url, true);
    expect(up.components.map((c) => c.component)).toEqual(['storage', 'sampler', 'backplane']);
    const scrape = parsePrometheusTextFormat((await get(`${url}/metrics`)).body);
    expect(scrape.find((f) => f.name === 'hubdeck_backplane_healthy')?.metrics[0]?.value).toBe('1');

    await redis.stop();
    const down = await readinessBecomes(url, false);
    expect(down.components.find((c) => c.component === 'backplane')?.ready).toBe(false);
    expect(down.components.find((c) => c.component === 'storage')?.ready).toBe(true);
    const degraded = parsePrometheusTextFormat((await get(`${url}/metrics`)).body);
    expect(degraded.find((f) => f.name === 'hubdeck_backplane_healthy')?.metrics[0]?.value).toBe('0');

    await redis.restart();
    await readinessBecomes(url, true);
  }, 60_000);
});
