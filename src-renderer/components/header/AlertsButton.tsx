import { selectFiringCount } from '../../store/alerts-slice.js';
import { selectCurrentDashboard } from '../../store/dashboards-slice.js';
import { useStore } from '../../store/store.js';

/**
 * How many alerts fire, always in sight. It leads to the dashboard's alerts panel, or to an
 * alerts dialog when the dashboard has none, so the feed is reachable from any dashboard.
 */
export function AlertsButton() {
  const firing = useStore(selectFiringCount);
  const panelId = useStore((s) => selectCurrentDashboard(s)?.panels.find((p) => p.kind === 'alerts')?.id);
  const openDialog = useStore((s) => s.openDialog);
  const show = () => {
    const panel = panelId && document.querySelector<HTMLElement>(`[data-testid="panel-${panelId}"]`);
    if (!panel) return openDialog('alerts');
    panel.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    panel.focus();
  };
  return (
    <button type="button" className={`button button-quiet${firing > 0 ? ' button-alarm' : ''}`} onClick={show} data-testid="alerts-button" data-firing={firing}>
      <span className="alerts-dot" aria-hidden="true">
        ●
      </span>{' '}
      {firing === 0 ? 'No alerts firing' : `${firing} firing`}
    </button>
  );
}
