import { Area, AreaChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime, formatTick } from '../../format/format-time.js';
import { formatNumber, formatValue } from '../../format/format-value.js';
import type { ChartLine } from '../../hooks/use-chart-lines.js';
import { type WindowId, timeWindows } from '../../store/time-windows.js';
import { type ChartRow, lineKey } from './chart-rows.js';
import { timeTicks } from './time-ticks.js';

interface SeriesChartProps {
  readonly kind: 'line' | 'area';
  readonly lines: readonly ChartLine[];
  readonly rows: readonly ChartRow[];
  readonly window: WindowId;
  readonly units: Readonly<Record<string, string>>;
}

const palette = 8;
export const lineColor = (index: number) => `var(--series-${index % palette})`;

const margin = { top: 8, right: 12, bottom: 0, left: 0 };
const tick = { fontSize: 11, fill: 'var(--text-muted)' };

/** A live time chart of some lines over a window, ending at the newest value. */
export function SeriesChart({ kind, lines, rows, window, units }: SeriesChartProps) {
  const span = timeWindows[window];
  const newest = rows.at(-1)!.t;
  const from = newest - span.spanMs;
  const allPercent = lines.every((line) => units[line.seriesId] === '%');
  const unitOf = (dataKey: unknown) => units[lines[Number(String(dataKey).slice(1))]?.seriesId ?? ''] ?? '';

  const axes = (
    <>
      <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
      <XAxis
        type="number"
        dataKey="t"
        scale="time"
        domain={[from, newest]}
        ticks={timeTicks(from, newest, span)}
        tickFormatter={(t: number) => formatTick(t, span.spanMs)}
        allowDataOverflow
        stroke="var(--chart-axis)"
        tick={tick}
      />
      <YAxis
        width={44}
        domain={allPercent ? [0, 100] : ['auto', 'auto']}
        tickFormatter={(v: number) => formatNumber(v)}
        stroke="var(--chart-axis)"
        tick={tick}
      />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(t) => formatDateTime(Number(t))}
        formatter={(value, _name, item) => formatValue(Number(value), unitOf(item.dataKey))}
        contentStyle={{ background: 'var(--surface-raised)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--text)' }}
        labelStyle={{ color: 'var(--text-muted)' }}
      />
    </>
  );

  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height: 200 }}>
      {kind === 'area' ? (
        <AreaChart data={rows as ChartRow[]} margin={margin}>
          {axes}
          {lines.map((line, i) => (
            <Area
              key={line.key}
              dataKey={lineKey(i)}
              name={line.label}
              type="monotone"
              stroke={lineColor(i)}
              fill={lineColor(i)}
              fillOpacity={0.14}
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      ) : (
        <LineChart data={rows as ChartRow[]} margin={margin}>
          {axes}
          {lines.map((line, i) => (
            <Line
              key={line.key}
              dataKey={lineKey(i)}
              name={line.label}
              type="monotone"
              stroke={lineColor(i)}
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
