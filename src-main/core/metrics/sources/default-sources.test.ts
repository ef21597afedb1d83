import { afterEach, describe, expect, it } from 'vitest';
import { Hub, createHubServer } from '../../../../src-server/index.js';
import type { MetricSource } from '../metric-source.js';
import { createDefaultSources } from './default-sources.js';

describe('createDefaultSources', () => {
  let sources: MetricSource[] = [];
  afterEach(() => sources.forEach((source) => source.close?.()));

  it('gives every measuring source once, each producing finite readings with unique ids', async () => {
    const snapshot = { ...createHubServer().mapHub('/counted', class extends Hub {}).getHubStats('/counted'), connections: 1 };
    sources = createDefaultSources(() => snapshot);
    expect(sources.map((s) => s.name).sort()).toEqual(['cpu', 'disk', 'event-loop', 'hub', 'load', 'memory', 'network', 'processes']);

    await Promise.all(sources.map((s) => s.sample(0)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const readings = (await Promise.all(sources.map((s) => s.sample(200)))).flat();
    const ids = readings.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const reading of readings) {
      expect(Number.isFinite(reading.value), reading.id).toBe(true);
      expect(reading.type).toBeTruthy();
      expect(reading.name).toBeTruthy();
    }
    for (const id of ['cpu.total', 'memory.used_percent', 'load.1m', 'net.lo.rx', 'fs./.used_percent', 'process.count', 'node.rss', 'hub.connections']) {
      expect(ids).toContain(id);
    }
  });
});
