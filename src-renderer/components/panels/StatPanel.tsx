import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';
import { formatValue } from '../../format/format-value.js';
import { useChartLines, useChartRows } from '../../hooks/use-chart-lines.js';
import { useHistory } from '../../hooks/use-history.js';
import { useStore } from '../../store/store.js';
import { selectPanelWindow } from '../../store/ui-slice.js';
import { Sparkline } from '../charts/Sparkline.js';
import { PanelFrame } from './PanelFrame.js';

/**
 * The current value of a panel's first series, large, with its trend underneath. Further series
 * (or the same series from other hosts) are listed small. Coloured while an alert fires on it.
 */
export function StatPanel({ panel }: { panel: Panel }) {
  const seriesId = panel.series[0];
  const shown = seriesId === undefined ? [] : [seriesId];
  const window = useStore(selectPanelWindow(panel.id, panel.window));
  const units = useStore((s) => s.units);
  useHistory(window, shown);
  const lines = useChartLines(panel.series);
  const mainLine = useMemo(() => lines.slice(0, 1), [lines]);
  const trend = useChartRows(mainLine, window);
  const values = useStore(useShallow((s) => lines.map((line) => s.latest[line.key]?.value)));
  const firing = useStore((s) => Object.values(s.alerts).find((a) => a.state === 'firing' && a.series === seriesId)?.type);
  const [main, ...others] = lines;

  return (
    <PanelFrame panel={panel}>
      <div className={`stat${firing ? ` stat-${firing}` : ''}`}>
        <div className="stat-figures">
          <p className="stat-value" data-testid={`stat-value-${panel.id}`} aria-live="off">
            {formatValue(values[0], units[main?.seriesId ?? seriesId ?? ''] ?? '')}
          </p>
          <p className="stat-label">{main?.label ?? (seriesId ? 'Waiting for data…' : 'No series chosen')}</p>
          {others.length > 0 && (
            <ul className="stat-others">
              {others.map((line, i) => (
                <li key={line.key}>
                  <span>{line.label}</span> <span className="legend-value">{formatValue(values[i + 1], units[line.seriesId] ?? '')}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        {trend.length > 1 && (
          <div className="sparkline" aria-hidden="true">
            <Sparkline rows={trend} />
          </div>
        )}
      </div>
    </PanelFrame>
  );
}
