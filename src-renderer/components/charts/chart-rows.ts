import type { BucketRing } from '../../store/bucket-ring.js';
import { type WindowId, timeWindows } from '../../store/time-windows.js';

/** One x position of a chart: `t` and a value (or null for a break) per line, keyed `s0`, `s1`, ... */
export type ChartRow = { t: number } & Record<string, number | null>;

export const lineKey = (index: number) => `s${index}`;

/** A missing stretch longer than this is drawn as a break, not bridged by a straight line. */
function gapMs(window: WindowId): number {
  return Math.max(timeWindows[window].bucketMs * 5, 15_000);
}

/**
 * Merges rings (one per line) into chart rows over the window's span, ending at the newest
 * bucket. Lines from different hosts rarely share a bucket, so a line's last value carries to
 * rows where only others have one; across a real gap it is null, so the line breaks there.
 */
export function buildChartRows(rings: ReadonlyArray<BucketRing | undefined>, window: WindowId): ChartRow[] {
  const newest = Math.max(...rings.map((r) => r?.newestTime ?? -Infinity));
  if (!Number.isFinite(newest)) return [];
  const from = newest - timeWindows[window].spanMs;
  const byTime = new Map<number, ChartRow>();
  rings.forEach((ring, line) =>
    ring?.forEach(from, (t, value) => {
      let row = byTime.get(t);
      if (!row) byTime.set(t, (row = { t } as ChartRow));
      row[lineKey(line)] = value;
    }),
  );
  const gap = gapMs(window);
  const last: Array<{ t: number; value: number } | undefined> = rings.map(() => undefined);
  const rows: ChartRow[] = [];
  let previous: number | undefined;
  for (const row of [...byTime.values()].sort((a, b) => a.t - b.t)) {
    if (previous !== undefined && row.t - previous > gap) rows.push(breakRow(previous + timeWindows[window].bucketMs, rings.length));
    for (let line = 0; line < rings.length; line++) {
      const key = lineKey(line);
      const value = row[key];
      if (typeof value === 'number') last[line] = { t: row.t, value };
      else {
        const carried = last[line];
        row[key] = carried && row.t - carried.t <= gap ? carried.value : null;
      }
    }
    rows.push(row);
    previous = row.t;
  }
  return rows;
}

function breakRow(t: number, lines: number): ChartRow {
  const row = { t } as ChartRow;
  for (let line = 0; line < lines; line++) row[lineKey(line)] = null;
  return row;
}
