import { setTimeout as sleep } from 'node:timers/promises';

/** Latency percentiles of a set of samples, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** Nearest-rank percentiles: p99 of 200 samples is the second largest, never an interpolation. */
export function summarize(samples: readonly number[]): LatencySummary {
  const count = samples.length;
  if (count === 0) return { count, p50: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * count) - 1)]!;
  let sum = 0;
  for (const sample of sorted) sum += sample;
  return { count, p50: at(50), p99: at(99), mean: sum / count, max: sorted[count - 1]! };
}

/**
 * Collects latencies only inside the measurement window, so warm-up traffic (JIT, connection
 * set-up, first GCs) does not count.
 */
export class LatencyRecorder {
  private samples: number[] = [];
  private measuring = false;

  record(ms: number): void {
    if (this.measuring) this.samples.push(ms);
  }

  /** Lets the load run `warmupMs` unrecorded, then records for `durationMs`; resolves with the seconds recorded. */
  async measure(warmupMs: number, durationMs: number): Promise<number> {
    await sleep(warmupMs);
    this.measuring = true;
    const started = performance.now();
    await sleep(durationMs);
    this.measuring = false;
    return (performance.now() - started) / 1000;
  }

  summary(): LatencySummary {
    return summarize(this.samples);
  }
}

/**
 * Measures every row `rounds` times, the rows interleaved within each round, and keeps for each
 * row its median run by `key`: load from other work on a shared machine comes in bursts, and a
 * whole run (not a mix of runs) keeps its figures consistent with one another.
 */
export async function inRounds<R extends object, F extends object>(
  rows: readonly R[],
  rounds: number,
  measure: (row: R, round: number) => Promise<F>,
  key: (figures: F) => number,
): Promise<{ median: Array<R & F>; runs: Array<Array<R & F>> }> {
  const runs: Array<Array<R & F>> = rows.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    for (const [i, row] of rows.entries()) runs[i]!.push({ ...row, ...(await measure(row, round)) });
  }
  const median = runs.map((rowRuns) => [...rowRuns].sort((a, b) => key(a) - key(b))[Math.floor((rowRuns.length - 1) / 2)]!);
  return { median, runs };
}
