/** One value of one series at one tick. */
export interface MetricReading {
  /** Stable series id, e.g. "cpu.total", "net.eth0.rx", "fs./.used_percent". */
  readonly id: string;
  /** The category clients subscribe by, e.g. "cpu", "memory", "network". */
  readonly type: string;
  /** A label for people, e.g. "CPU total". */
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A source of metrics, read once per sampler tick. Sources that report rates keep the previous
 * counters themselves. A source must not block the event loop: read files asynchronously.
 */
export interface MetricSource {
  /** Names the source in status messages, e.g. "cpu". */
  readonly name: string;
  /**
   * Reads the current values. `elapsedMs` is the time since the previous call (0 on the first),
   * for turning counters into rates; a rate source returns nothing on its first call.
   */
  sample(elapsedMs: number): Promise<readonly MetricReading[]>;
  /** Releases timers or handles, if the source holds any. */
  close?(): void;
}
