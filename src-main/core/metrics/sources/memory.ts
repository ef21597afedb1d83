import { readFile } from 'node:fs/promises';
import { freemem, platform, totalmem } from 'node:os';
import type { MetricReading, MetricSource } from '../metric-source.js';
import { fieldsOf, linesOf } from './source-helpers.js';

/** The fields of /proc/meminfo in bytes, by name (the file states them in KiB). */
export function parseMeminfo(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const line of linesOf(text)) {
    const [label, amount, unit] = fieldsOf(line);
    if (!label?.endsWith(':') || amount === undefined) continue;
    fields.set(label.slice(0, -1), Number(amount) * (unit === 'kB' ? 1024 : 1));
  }
  return fields;
}

function percent(part: number, whole: number): number {
  return whole > 0 ? (part * 100) / whole : 0;
}

/** Memory and swap readings from /proc/meminfo fields. */
export function meminfoReadings(fields: ReadonlyMap<string, number>): MetricReading[] {
  const total = fields.get('MemTotal');
  if (total === undefined) throw new Error('/proc/meminfo has no MemTotal.');
  // Kernels before 3.14 lack MemAvailable; free + buffers + page cache is what it approximates.
  const available = fields.get('MemAvailable') ?? (fields.get('MemFree') ?? 0) + (fields.get('Buffers') ?? 0) + (fields.get('Cached') ?? 0);
  const readings = memoryReadings(total, total - available);
  const swapTotal = fields.get('SwapTotal') ?? 0;
  if (swapTotal > 0) {
    const swapUsed = swapTotal - (fields.get('SwapFree') ?? 0);
    readings.push(
      { id: 'swap.used_percent', type: 'swap', name: 'Swap used', unit: '%', value: percent(swapUsed, swapTotal) },
      { id: 'swap.used', type: 'swap', name: 'Swap used', unit: 'B', value: swapUsed },
    );
  }
  return readings;
}

function memoryReadings(total: number, used: number): MetricReading[] {
  return [
    { id: 'memory.used_percent', type: 'memory', name: 'Memory used', unit: '%', value: percent(used, total) },
    { id: 'memory.used', type: 'memory', name: 'Memory used', unit: 'B', value: used },
    { id: 'memory.total', type: 'memory', name: 'Memory total', unit: 'B', value: total },
  ];
}

/**
 * Memory use, and swap when there is any. On Linux "used" excludes reclaimable cache
 * (MemAvailable), which is what people mean; elsewhere it is total minus free.
 */
export class MemorySource implements MetricSource {
  readonly name = 'memory';

  async sample(_elapsedMs: number): Promise<readonly MetricReading[]> {
    if (platform() !== 'linux') return memoryReadings(totalmem(), totalmem() - freemem());
    return meminfoReadings(parseMeminfo(await readFile('/proc/meminfo', 'utf8')));
  }
}
