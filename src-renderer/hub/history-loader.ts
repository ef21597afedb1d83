import type { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import { seriesKey } from '../store/series-key.js';
import type { Store } from '../store/store.js';
import { type WindowId, timeWindows } from '../store/time-windows.js';

// The contract's limits for one StreamHistory call.
const maxSeriesPerStream = 64;
const maxPointsPerStream = 10_000;

const wantKey = (window: WindowId, seriesId: string) => `${window}|${seriesId}`;

/**
 * Fills charts with stored history: panels say which series they show at which window, and the
 * loader streams each missing (window, series) once per connection, several series to a stream.
 * Live values keep arriving meanwhile; the rings put history before them.
 */
export class HistoryLoader {
  /** How many mounted panels want each (window, series). */
  private readonly wanted = new Map<string, { window: WindowId; seriesId: string; count: number }>();
  /** Loaded or loading on the current connection. */
  private readonly requested = new Set<string>();
  private ready = false;
  private scheduled = false;
  // A stream that outlives its connection must not write into the next connection's rings.
  private generation = 0;

  constructor(
    private readonly proxy: DashboardHubProxy,
    private readonly store: Store,
  ) {}

  /** Asks for history of some series at a window; the returned function withdraws the wish. */
  want(window: WindowId, seriesIds: readonly string[]): () => void {
    for (const seriesId of seriesIds) {
      const key = wantKey(window, seriesId);
      const entry = this.wanted.get(key);
      if (entry) entry.count++;
      else this.wanted.set(key, { window, seriesId, count: 1 });
    }
    this.schedule();
    return () => {
      for (const seriesId of seriesIds) {
        const key = wantKey(window, seriesId);
        const entry = this.wanted.get(key);
        if (entry && --entry.count === 0) this.wanted.delete(key);
      }
    };
  }

  /** The connection is set up (again): the rings were emptied, so load everything wanted. */
  start(): void {
    this.generation++;
    this.requested.clear();
    this.ready = true;
    this.schedule();
  }

  /** The connection is gone; wishes are kept for the next start. */
  pause(): void {
    this.generation++;
    this.ready = false;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Panels mount together: one microtask later their wishes go out as a few streams.
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.ready) this.loadMissing();
    });
  }

  private loadMissing(): void {
    const byWindow = new Map<WindowId, string[]>();
    for (const [key, { window, seriesId }] of this.wanted) {
      if (this.requested.has(key)) continue;
      this.requested.add(key);
      let list = byWindow.get(window);
      if (!list) byWindow.set(window, (list = []));
      list.push(seriesId);
    }
    for (const [window, seriesIds] of byWindow) {
      for (let i = 0; i < seriesIds.length; i += maxSeriesPerStream) this.load(window, seriesIds.slice(i, i + maxSeriesPerStream));
    }
  }

  private load(window: WindowId, seriesIds: string[]): void {
    const state = this.store.getState();
    const host = state.session?.hostName ?? '';
    const { spanMs, bucketMs } = timeWindows[window];
    // The host's clock, not this machine's: a peer's clock may be off by minutes.
    const toMs = state.hostNow ?? Date.now();
    // Up to twice the ring's buckets lets the host pick a finer stored tier; the ring averages.
    const maxPoints = Math.min(maxPointsPerStream, Math.ceil(spanMs / bucketMs) * 2);
    const generation = this.generation;
    const received = new Map<string, { times: number[]; values: number[] }>();
    this.proxy
      .streamHistory(seriesIds, toMs - spanMs, toMs, maxPoints)
      .subscribe({
        next: (chunk) => {
          const series = received.get(chunk.series) ?? { times: [], values: [] };
          series.times.push(...chunk.timestamps);
          series.values.push(...chunk.values);
          received.set(chunk.series, series);
        },
        complete: () => {
          if (generation !== this.generation) return;
          for (const [seriesId, { times, values }] of received) {
            if (times.length > 0) this.store.getState().applyHistory(window, seriesKey(host, seriesId), times, values);
          }
        },
        error: (error) => {
          if (generation !== this.generation) return;
          // Charts still show live values; a later wish or reconnect tries again.
          for (const seriesId of seriesIds) this.requested.delete(wantKey(window, seriesId));
          console.warn(`Could not load ${window} history of ${seriesIds.join(', ')}`, error);
        },
      });
  }
}
