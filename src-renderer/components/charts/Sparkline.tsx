import { type ChartRow, lineKey } from './chart-rows.js';
import { lineColor } from './SeriesChart.js';

const width = 100;
const height = 30;

/**
 * A small line of recent values under a stat, for the trend: a bare SVG path, since it redraws
 * with every value and needs no axes or tooltip. Gaps (null) break the line.
 */
export function Sparkline({ rows }: { rows: readonly ChartRow[] }) {
  const key = lineKey(0);
  const values = rows.map((row) => row[key]).filter((v): v is number => typeof v === 'number');
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const range = Math.max(...values) - min || 1;
  const first = rows[0]!.t;
  const span = rows.at(-1)!.t - first || 1;
  let path = '';
  let pen = 'M';
  for (const row of rows) {
    const value = row[key];
    if (typeof value !== 'number') {
      pen = 'M';
      continue;
    }
    path += `${pen}${(((row.t - first) / span) * width).toFixed(2)},${(height - ((value - min) / range) * height).toFixed(2)}`;
    pen = 'L';
  }
  return (
    <svg className="sparkline-svg" viewBox={`0 -1 ${width} ${height + 2}`} preserveAspectRatio="none" aria-hidden="true">
      <path d={path} fill="none" stroke={lineColor(0)} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
