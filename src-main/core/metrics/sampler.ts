import type { MetricReading, MetricSource } from './metric-source.js';

/** What one tick produced. */
export interface Tick {
  readonly timestamp: number;
  readonly readings: readonly MetricReading[];
  /** Sources whose read failed this tick, with the reason. */
  readonly failures: ReadonlyArray<{ source: string; error: unknown }>;
  /** How long reading the sources took, in milliseconds. */
  readonly costMs: number;
}

/** The sampler's own cost, for the benchmark and the sampler's status. */
export interface SamplerStats {
  ticks: number;
  /** Ticks skipped because the previous one was still reading. */
  skipped: number;
  lastTickMs: number;
  totalTickMs: number;
}

export const minHz = 0.1;
export const maxHz = 10;

/**
 * Reads every source once per interval, all at once and without blocking the event loop, and
 * hands the tick on. A tick that is still running when the next is due makes that one skip.
 */
export class Sampler {
  readonly stats: SamplerStats = { ticks: 0, skipped: 0, lastTickMs: 0, totalTickMs: 0 };
  private readonly latestById = new Map<string, MetricReading>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private lastTick: number | undefined;
  /** Time between ticks, in milliseconds. */
  readonly intervalMs: number;

  constructor(
    private readonly sources: readonly MetricSource[],
    hz: number,
    private readonly now: () => number,
    private readonly onTick: (tick: Tick) => void,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    if (!(hz >= minHz && hz <= maxHz)) throw new RangeError(`The sample rate must be between ${minHz} and ${maxHz} Hz, got ${hz}.`);
    this.intervalMs = 1000 / hz;
  }

  /** When the latest tick started (by the sampler's clock); undefined before the first. */
  get lastTickAt(): number | undefined {
    return this.lastTick;
  }

  /** The newest reading of every series seen so far. */
  latest(): MetricReading[] {
    return [...this.latestById.values()];
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    void this.tick();
  }

  /**
   * Stops sampling. Resolves once a tick still reading its sources has been handed on, so what it
   * read is not lost and nothing runs after the caller goes on to close what the ticks use.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    for (const source of this.sources) source.close?.();
  }

  /** Runs one tick now; resolves when it has been handed on. */
  tick(): Promise<void> {
    if (this.inFlight) {
      this.stats.skipped++;
      return this.inFlight;
    }
    this.inFlight = this.read().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async read(): Promise<void> {
    const started = performance.now();
    const timestamp = this.now();
    const elapsedMs = this.lastTick === undefined ? 0 : timestamp - this.lastTick;
    this.lastTick = timestamp;
    try {
      const results = await Promise.allSettled(this.sources.map((source) => source.sample(elapsedMs)));
      const readings: MetricReading[] = [];
      const failures: Array<{ source: string; error: unknown }> = [];
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') readings.push(...result.value);
        else failures.push({ source: this.sources[i]!.name, error: result.reason });
      });
      for (const reading of readings) this.latestById.set(reading.id, reading);
      const cost = performance.now() - started;
      this.stats.ticks++;
      this.stats.lastTickMs = cost;
      this.stats.totalTickMs += cost;
      this.onTick({ timestamp, readings, failures, costMs: cost });
    } catch (error) {
      // A tick's consumer failing must not stop sampling (nor surface as an unhandled rejection).
      this.onError(error);
    }
  }
}
