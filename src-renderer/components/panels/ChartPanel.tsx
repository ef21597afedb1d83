import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';
import { useChartLines, useChartRows } from '../../hooks/use-chart-lines.js';
import { useHistory } from '../../hooks/use-history.js';
import { useStore } from '../../store/store.js';
import { timeWindows } from '../../store/time-windows.js';
import { selectPanelWindow } from '../../store/ui-slice.js';
import { ChartLegend } from '../charts/ChartLegend.js';
import { SeriesChart } from '../charts/SeriesChart.js';
import { PanelFrame } from './PanelFrame.js';
import { WindowSelector } from './WindowSelector.js';

/** A line or area chart of a panel's series: history first, then live values as they come. */
export function ChartPanel({ panel, kind }: { panel: Panel; kind: 'line' | 'area' }) {
  const window = useStore(selectPanelWindow(panel.id, panel.window));
  const dashboardId = useStore((s) => s.currentDashboardId);
  const setPanelWindow = useStore((s) => s.setPanelWindow);
  const units = useStore((s) => s.units);
  useHistory(window, panel.series);
  const lines = useChartLines(panel.series);
  const rows = useChartRows(lines, window);
  const description = `${panel.title}: ${kind} chart of ${lines.map((l) => l.label).join(', ') || 'no series'} over the last ${timeWindows[window].label}`;

  return (
    <PanelFrame panel={panel} tools={<WindowSelector panelId={panel.id} value={window} onChange={(w) => setPanelWindow(dashboardId, panel.id, w)} />}>
      <div className="chart" role="figure" aria-label={description} data-testid={`chart-${panel.id}`} data-points={rows.length} data-window={window}>
        {rows.length > 0 ? (
          <SeriesChart kind={kind} lines={lines} rows={rows} window={window} units={units} />
        ) : (
          <p className="placeholder">{panel.series.length === 0 ? 'No series chosen for this panel.' : 'Waiting for data…'}</p>
        )}
      </div>
      {lines.length > 0 && <ChartLegend lines={lines} units={units} />}
    </PanelFrame>
  );
}
