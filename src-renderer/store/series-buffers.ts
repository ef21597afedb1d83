import { BucketRing } from './bucket-ring.js';
import type { SeriesKey } from './series-key.js';
import { type WindowId, timeWindows, windowIds } from './time-windows.js';

// A little more than the span, so a chart's left edge never runs short while the newest bucket fills.
const headroom = 1.1;

/** The key of one series' ring at one window, also the key of its revision in the store. */
export function ringKey(window: WindowId, key: SeriesKey): string {
  return `${window}|${key}`;
}

/**
 * Every series' recent values at every window's resolution. Each sample goes into all windows
 * (a few additions), so switching a panel's window shows the live part at once while history
 * loads, and memory is bounded by the windows' spans, the longest being 24 h.
 */
export class SeriesBuffers {
  private readonly rings = new Map<string, BucketRing>();

  /** Adds a sample to every window; returns the ring keys that opened a new bucket. */
  add(key: SeriesKey, time: number, value: number): string[] {
    const changed: string[] = [];
    for (const window of windowIds) {
      const id = ringKey(window, key);
      if (this.ringFor(window, id).add(time, value)) changed.push(id);
    }
    return changed;
  }

  prependHistory(window: WindowId, key: SeriesKey, times: readonly number[], values: readonly number[]): string {
    const id = ringKey(window, key);
    this.ringFor(window, id).prependHistory(times, values);
    return id;
  }

  ring(window: WindowId, key: SeriesKey): BucketRing | undefined {
    return this.rings.get(ringKey(window, key));
  }

  clear(): void {
    for (const ring of this.rings.values()) ring.clear();
  }

  private ringFor(window: WindowId, id: string): BucketRing {
    let ring = this.rings.get(id);
    if (!ring) {
      const { spanMs, bucketMs } = timeWindows[window];
      this.rings.set(id, (ring = new BucketRing(bucketMs, Math.ceil((spanMs / bucketMs) * headroom))));
    }
    return ring;
  }
}
