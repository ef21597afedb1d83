import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CpuSource } from './cpu.js';

describe('CpuSource', () => {
  it('reports nothing first, then total and per-core busy percentages in [0, 100]', async () => {
    const source = new CpuSource();
    expect(await source.sample(0)).toEqual([]);
    const started = Date.now();
    while (Date.now() - started < 150) Math.sqrt(Math.random());
    await new Promise((resolve) => setTimeout(resolve, 50));

    const readings = await source.sample(Date.now() - started);
    const total = readings.find((r) => r.id === 'cpu.total');
    expect(total).toMatchObject({ type: 'cpu', unit: '%' });
    expect(total!.value).toBeGreaterThan(0);
    expect(total!.value).toBeLessThanOrEqual(100);

    const cores = readings.filter((r) => r.id.startsWith('cpu.core.'));
    expect(cores.length).toBe(cpus().length);
    for (const core of cores) {
      expect(core.id).toBe(`cpu.core.${core.tags?.['core']}`);
      expect(core.value).toBeGreaterThanOrEqual(0);
      expect(core.value).toBeLessThanOrEqual(100);
    }
  });
});
