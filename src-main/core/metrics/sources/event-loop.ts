import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { MetricReading, MetricSource } from '../metric-source.js';

const resolutionMs = 10;
const nsPerMs = 1e6;

/**
 * This process's own health: event loop lag (mean and p99 since the last call) and memory.
 *
 * Lag is how late a 10 ms timer fires. perf_hooks.monitorEventLoopDelay measures the same, but
 * its reset() also forgets when its timer last fired, so a stall that spans a reset is never
 * recorded, and the sampler's own work right after each read is exactly such a stall. This
 * timer keeps its last firing time across resets.
 */
export class EventLoopSource implements MetricSource {
  readonly name = 'event-loop';
  private readonly lateness: RecordableHistogram = createHistogram();
  private lastFiredAt = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.recordLateness(), resolutionMs);
    // The measurement must not keep a host that is shutting down alive.
    this.timer.unref();
  }

  async sample(_elapsedMs: number): Promise<readonly MetricReading[]> {
    const { heapUsed, rss } = process.memoryUsage();
    const readings: MetricReading[] = [];
    // No firing since the last call means no measurement; 0 would claim a calm loop.
    if (this.lateness.count > 0) {
      readings.push(
        { id: 'node.event_loop_lag', type: 'node', name: 'Event loop lag', unit: 'ms', value: this.lateness.mean / nsPerMs },
        { id: 'node.event_loop_lag_p99', type: 'node', name: 'Event loop lag p99', unit: 'ms', value: this.lateness.percentile(99) / nsPerMs },
      );
    }
    this.lateness.reset();
    readings.push(
      { id: 'node.heap_used', type: 'node', name: 'Heap used', unit: 'B', value: heapUsed },
      { id: 'node.rss', type: 'node', name: 'Resident memory', unit: 'B', value: rss },
    );
    return readings;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private recordLateness(): void {
    const now = performance.now();
    const lateNs = Math.round((now - this.lastFiredAt - resolutionMs) * nsPerMs);
    this.lastFiredAt = now;
    // The histogram only takes values from 1 up; on time is as good as 1 ns late.
    this.lateness.record(Math.max(1, lateNs));
  }
}
