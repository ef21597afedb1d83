import { type Table, times } from './table.js';

/** What the benchmark was asked to do; quick mode keeps the whole run under a minute. */
export interface BenchSettings {
  readonly quick: boolean;
  /** Load runs this long before anything is recorded. */
  readonly warmupMs: number;
  /** Then figures are recorded for this long. */
  readonly measureMs: number;
  /**
   * Throughput scenarios measure every row this many times, interleaved, and report each row's
   * median run: load from other work on a shared machine comes in bursts.
   */
  readonly rounds: number;
  readonly idleConnections: number;
  readonly samplerTicks: number;
  readonly frameCountMs: number;
  /** Where Hubdeck servers write CPU profiles; undefined when not profiling. */
  readonly profileDir: string | undefined;
}

/** One of Hubdeck's performance targets, checked against this run. */
export interface TargetResult {
  readonly target: string;
  /** The measured value, formatted, e.g. "0.84x". */
  readonly measured: string;
  readonly pass: boolean;
}

/** What a scenario hands back: tables to print, figures for --json, targets, and notes such as skips. */
export interface ScenarioReport {
  readonly tables: readonly Table[];
  readonly figures: unknown;
  readonly targets: readonly TargetResult[];
  readonly notes: readonly string[];
}

export interface Scenario {
  readonly name: string;
  readonly title: string;
  run(settings: BenchSettings, progress: (line: string) => void): Promise<ScenarioReport>;
}

/** `value` must be at least `minimum`. */
export function atLeast(target: string, value: number, minimum: number): TargetResult {
  return { target, measured: times(value), pass: value >= minimum };
}

/** `value` must be at most `maximum`. */
export function atMost(target: string, value: number, maximum: number): TargetResult {
  return { target, measured: times(value), pass: value <= maximum };
}

/** Hubdeck must beat Socket.IO on this figure; `higherIsBetter` says which way beating goes. */
export function aheadOfSocketIo(figure: string, hubdeck: number, socketIo: number, higherIsBetter: boolean): TargetResult {
  return {
    target: `Hubdeck ahead of Socket.IO: ${figure}`,
    measured: `${times(hubdeck / socketIo)} of Socket.IO`,
    pass: higherIsBetter ? hubdeck > socketIo : hubdeck < socketIo,
  };
}
