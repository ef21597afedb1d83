import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';
import { AlertsPanel } from './AlertsPanel.js';
import { ChartPanel } from './ChartPanel.js';
import { StatPanel } from './StatPanel.js';

/** A panel as its kind shows it. */
export function PanelView({ panel }: { panel: Panel }) {
  switch (panel.kind) {
    case 'line':
    case 'area':
      return <ChartPanel panel={panel} kind={panel.kind} />;
    case 'stat':
      return <StatPanel panel={panel} />;
    case 'alerts':
      return <AlertsPanel panel={panel} />;
  }
}
