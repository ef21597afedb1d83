import { selectCurrentDashboard } from '../store/dashboards-slice.js';
import { useStore } from '../store/store.js';
import { ConnectionBanner } from './header/ConnectionBanner.js';
import { PanelView } from './panels/PanelView.js';

/** A single panel filling an app window of its own (the app's "pop out"). */
export function PopOutView({ panelId }: { panelId: string }) {
  const panel = useStore((s) => selectCurrentDashboard(s)?.panels.find((p) => p.id === panelId));
  const loaded = useStore((s) => selectCurrentDashboard(s) !== undefined);
  return (
    <div className="app app-pop-out">
      <ConnectionBanner />
      <main className="pop-out">
        {panel ? <PanelView panel={panel} /> : <p className="page-placeholder">{loaded ? 'This panel was removed from the dashboard.' : 'Loading…'}</p>}
      </main>
    </div>
  );
}
