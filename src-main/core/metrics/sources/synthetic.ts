import type { MetricReading, MetricSource } from '../metric-source.js';

/** How a synthetic series is labelled; `type` defaults to "synthetic", `name` to the id. */
export interface SyntheticSeriesOptions {
  readonly type?: string;
  readonly name?: string;
  readonly unit?: string;
}

/** Values set by the caller rather than measured, so tests and demos can force any reading. */
export class SyntheticSource implements MetricSource {
  readonly name = 'synthetic';
  private readonly readings = new Map<string, MetricReading>();

  /** Sets a series' value; it is reported on every tick until changed or deleted. */
  set(id: string, value: number, options: SyntheticSeriesOptions = {}): void {
    this.readings.set(id, { id, type: options.type ?? 'synthetic', name: options.name ?? id, unit: options.unit ?? '', value });
  }

  /** Stops reporting a series. */
  delete(id: string): void {
    this.readings.delete(id);
  }

  async sample(_elapsedMs: number): Promise<readonly MetricReading[]> {
    return [...this.readings.values()];
  }
}
