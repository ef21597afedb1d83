import { readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MemorySource, meminfoReadings, parseMeminfo } from './memory.js';

const valueOf = (readings: readonly { id: string; value: number }[], id: string) => readings.find((r) => r.id === id)?.value;

describe('MemorySource', () => {
  it('reports total, used and used percent consistent with the OS', async () => {
    const readings = await new MemorySource().sample(0);
    const total = valueOf(readings, 'memory.total')!;
    const used = valueOf(readings, 'memory.used')!;
    expect(Math.abs(total - totalmem()) / totalmem()).toBeLessThan(0.01);
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(total);
    const percent = valueOf(readings, 'memory.used_percent')!;
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThanOrEqual(100);
    expect(readings.filter((r) => r.id.startsWith('memory.')).every((r) => r.type === 'memory')).toBe(true);

    // Swap series appear exactly when the machine has swap.
    const hasSwap = (parseMeminfo(await readFile('/proc/meminfo', 'utf8')).get('SwapTotal') ?? 0) > 0;
    expect(readings.some((r) => r.id === 'swap.used_percent')).toBe(hasSwap);
  });
});

describe('meminfoReadings', () => {
  const meminfo = (lines: string[]) => parseMeminfo(lines.join('\n'));

  it('uses MemAvailable for used memory and reports swap when there is some', () => {
    const readings = meminfoReadings(meminfo(['MemTotal: 1000 kB', 'MemFree: 100 kB', 'MemAvailable: 400 kB', 'SwapTotal: 200 kB', 'SwapFree: 150 kB']));
    expect(valueOf(readings, 'memory.total')).toBe(1000 * 1024);
    expect(valueOf(readings, 'memory.used')).toBe(600 * 1024);
    expect(valueOf(readings, 'memory.used_percent')).toBeCloseTo(60);
    expect(valueOf(readings, 'swap.used')).toBe(50 * 1024);
    expect(valueOf(readings, 'swap.used_percent')).toBeCloseTo(25);
    expect(readings.find((r) => r.id === 'swap.used')?.type).toBe('swap');
  });

  it('leaves swap out when there is none and falls back without MemAvailable', () => {
    const readings = meminfoReadings(meminfo(['MemTotal: 1000 kB', 'MemFree: 100 kB', 'Buffers: 50 kB', 'Cached: 250 kB', 'SwapTotal: 0 kB', 'SwapFree: 0 kB']));
    expect(valueOf(readings, 'memory.used')).toBe(600 * 1024);
    expect(readings.some((r) => r.id.startsWith('swap.'))).toBe(false);
  });

  it('refuses a meminfo without MemTotal', () => {
    expect(() => meminfoReadings(meminfo(['MemFree: 1 kB']))).toThrow(/MemTotal/);
  });
});
