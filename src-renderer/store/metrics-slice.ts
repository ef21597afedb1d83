import type { DashboardMetrics, SeriesInfo } from '../../contracts/generated/dashboard-hub.types.js';
import { SeriesBuffers } from './series-buffers.js';
import { type SeriesKey, seriesKey } from './series-key.js';
import type { SliceCreator } from './store-types.js';
import type { WindowId } from './time-windows.js';

export interface LatestValue {
  readonly value: number;
  /** Host time of the sample (epoch ms). */
  readonly time: number;
}

/**
 * Live metrics. The buffers are mutable rings held by reference (see BucketRing); what the store
 * publishes is a revision number per ring, bumped when a ring has something new to draw, so a
 * chart re-renders when its own series moved and not on every message.
 */
export interface MetricsSlice {
  readonly buffers: SeriesBuffers;
  latest: Record<SeriesKey, LatestValue>;
  /** Units by series id, from the catalog and from live metrics. */
  units: Record<string, string>;
  /** The hosts each series comes from; one unless several hosts share a Redis. */
  hostsBySeries: Record<string, readonly string[]>;
  revisions: Record<string, number>;
  /** The host's clock at its newest message: charts and history use it, not this machine's. */
  hostNow: number | undefined;
  seriesCatalog: SeriesInfo[];
  /** Applies every message received since the last frame in one update. */
  applyMetrics(batch: readonly DashboardMetrics[]): void;
  applyHistory(window: WindowId, key: SeriesKey, times: readonly number[], values: readonly number[]): void;
  /** Empties the rings after a reconnect, so history refills the gap; the latest values stay on show. */
  clearSeries(): void;
  setSeriesCatalog(catalog: SeriesInfo[]): void;
}

export const createMetricsSlice: SliceCreator<MetricsSlice> = (set, get) => ({
  buffers: new SeriesBuffers(),
  latest: {},
  units: {},
  hostsBySeries: {},
  revisions: {},
  hostNow: undefined,
  seriesCatalog: [],

  applyMetrics: (batch) => {
    if (batch.length === 0) return;
    const state = get();
    const latest = { ...state.latest };
    const revisions = { ...state.revisions };
    let units = state.units;
    let hostsBySeries = state.hostsBySeries;
    let hostNow = state.hostNow ?? 0;
    for (const message of batch) {
      const time = Date.parse(message.timestamp);
      hostNow = Math.max(hostNow, time);
      for (const metric of message.metrics) {
        const host = metric.tags.host ?? '';
        const key = seriesKey(host, metric.name);
        latest[key] = { value: metric.value, time };
        for (const ring of state.buffers.add(key, time, metric.value)) revisions[ring] = (revisions[ring] ?? 0) + 1;
        if (units[metric.name] !== metric.unit) units = { ...units, [metric.name]: metric.unit };
        const hosts = hostsBySeries[metric.name];
        if (!hosts?.includes(host)) hostsBySeries = { ...hostsBySeries, [metric.name]: [...(hosts ?? []), host].sort() };
      }
    }
    set({ latest, revisions, units, hostsBySeries, hostNow });
  },

  applyHistory: (window, key, times, values) => {
    const ring = get().buffers.prependHistory(window, key, times, values);
    set((state) => ({ revisions: { ...state.revisions, [ring]: (state.revisions[ring] ?? 0) + 1 } }));
  },

  clearSeries: () => {
    const { buffers, revisions } = get();
    buffers.clear();
    set({ revisions: Object.fromEntries(Object.entries(revisions).map(([ring, n]) => [ring, n + 1])) });
  },

  setSeriesCatalog: (seriesCatalog) =>
    set((state) => ({ seriesCatalog, units: { ...Object.fromEntries(seriesCatalog.map((s) => [s.id, s.unit])), ...state.units } })),
});
