import { useMemo } from 'react';
import { type ChartRow, buildChartRows } from '../components/charts/chart-rows.js';
import { ringKey } from '../store/series-buffers.js';
import { type SeriesKey, seriesKey } from '../store/series-key.js';
import { useStore } from '../store/store.js';
import type { WindowId } from '../store/time-windows.js';
import { useSeriesLabels } from './use-series-labels.js';

export interface ChartLine {
  readonly key: SeriesKey;
  readonly seriesId: string;
  readonly label: string;
}

/** The lines of some series: one per series and host, named for people. */
export function useChartLines(seriesIds: readonly string[]): ChartLine[] {
  const hostsBySeries = useStore((s) => s.hostsBySeries);
  const labels = useSeriesLabels();
  const idsKey = seriesIds.join('\n');
  return useMemo(() => {
    const ids = idsKey ? idsKey.split('\n') : [];
    return ids.flatMap((seriesId) => {
      const hosts = hostsBySeries[seriesId] ?? [];
      const label = labels[seriesId] ?? seriesId;
      return hosts.map((host) => ({ key: seriesKey(host, seriesId), seriesId, label: hosts.length > 1 ? `${label} · ${host}` : label }));
    });
  }, [idsKey, hostsBySeries, labels]);
}

/**
 * The rows of some lines at a window. Re-renders only when one of these lines' rings has
 * something new to draw, not on every message.
 */
export function useChartRows(lines: readonly ChartLine[], window: WindowId): ChartRow[] {
  // Revisions only grow, so their sum changes exactly when one of them does.
  const revision = useStore((s) => lines.reduce((sum, line) => sum + (s.revisions[ringKey(window, line.key)] ?? 0), 0));
  const buffers = useStore((s) => s.buffers);
  return useMemo(
    () => buildChartRows(lines.map((line) => buffers.ring(window, line.key)), window),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the rings are mutable: `revision` is what says they changed
    [lines, window, buffers, revision],
  );
}
