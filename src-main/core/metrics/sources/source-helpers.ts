import { type FileHandle, open } from 'node:fs/promises';
import type { MetricReading } from '../metric-source.js';

/** Splits one line of /proc text into its whitespace-separated fields. */
export function fieldsOf(line: string): string[] {
  return line.trim().split(/\s+/);
}

/** The non-empty lines of a text. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Whether an error only says that a file or process went away, which is normal in /proc. */
export function isVanished(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ESRCH';
}

// Big enough for any /proc/<pid>/stat line (52 fields of at most 20 digits and a 16-byte name),
// and small enough for Buffer.allocUnsafe to slice it from its shared pool.
const recordBufferSize = 2048;

/**
 * Reads a one-record /proc file such as /proc/<pid>/stat with a single read: the kernel renders
 * the record whole, and open-read-close costs about half of readFile's open-stat-read-read-close,
 * which matters when it runs for every process every second. Undefined when it has vanished.
 */
export async function readProcRecord(path: string): Promise<string | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.allocUnsafe(recordBufferSize);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('latin1', 0, bytesRead);
  } catch (error) {
    if (isVanished(error)) return undefined;
    throw error;
  } finally {
    await handle?.close();
  }
}

/** Runs `task` over `items` with at most `limit` in flight, keeping the results in order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Turns monotonically increasing counters into per-second rates between calls. It keeps the
 * previous values itself; a counter seen for the first time, or one that went backwards (a
 * reset, a re-created interface), yields no rate on that call.
 */
export class CounterRates {
  private previous = new Map<string, number>();

  /** The rate of every counter that has a usable previous value; counters not passed are forgotten. */
  update(counters: ReadonlyMap<string, number>, elapsedMs: number): Map<string, number> {
    const rates = new Map<string, number>();
    for (const [key, value] of counters) {
      const before = this.previous.get(key);
      if (before === undefined || elapsedMs <= 0 || value < before) continue;
      rates.set(key, ((value - before) * 1000) / elapsedMs);
    }
    this.previous = new Map(counters);
    return rates;
  }

  /** Rate readings for counters keyed by their series id, as `update` decides which have one. */
  readings(counters: readonly CounterSeries[], elapsedMs: number): MetricReading[] {
    const rates = this.update(new Map(counters.map(({ series, total }) => [series.id, total])), elapsedMs);
    return counters.flatMap(({ series }) => {
      const value = rates.get(series.id);
      return value === undefined ? [] : [{ ...series, value }];
    });
  }
}

/** A counter's running total, with the series its per-second rate is reported as. */
export interface CounterSeries {
  readonly series: Omit<MetricReading, 'value'>;
  readonly total: number;
}
