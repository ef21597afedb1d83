import { useShallow } from 'zustand/react/shallow';
import { formatValue } from '../../format/format-value.js';
import type { ChartLine } from '../../hooks/use-chart-lines.js';
import { useStore } from '../../store/store.js';
import { lineColor } from './SeriesChart.js';

/** Each line's colour, name and current value; follows every update, which costs little here. */
export function ChartLegend({ lines, units }: { lines: readonly ChartLine[]; units: Readonly<Record<string, string>> }) {
  const values = useStore(useShallow((s) => lines.map((line) => s.latest[line.key]?.value)));
  return (
    <ul className="chart-legend">
      {lines.map((line, i) => (
        <li key={line.key}>
          <span className="swatch" style={{ background: lineColor(i) }} aria-hidden="true" />
          <span className="legend-label">{line.label}</span>
          <span className="legend-value">{formatValue(values[i], units[line.seriesId] ?? '')}</span>
        </li>
      ))}
    </ul>
  );
}
