import { defaultDashboardId } from '../env/launch-options.js';
import { useHub } from '../hub/hub-context.js';
import { selectCurrentDashboard } from '../store/dashboards-slice.js';
import { overlappingPanels, readingOrder } from '../store/panel-layout.js';
import { selectCanOperate } from '../store/session-slice.js';
import { useStore } from '../store/store.js';
import { EditablePanel } from './editor/EditablePanel.js';
import { gridPlacement } from './panels/grid-placement.js';
import { PanelView } from './panels/PanelView.js';

/** The open dashboard's panels on a 12-column grid; the editor's draft while editing. */
export function DashboardGrid() {
  const editor = useStore((s) => s.editor);
  const dashboard = useStore(selectCurrentDashboard);
  const phase = useStore((s) => s.connection.phase);
  const connected = phase === 'connected';
  const canOperate = useStore(selectCanOperate);
  const currentId = useStore((s) => s.currentDashboardId);
  const { session } = useHub();
  const panels = editor?.draft.panels ?? dashboard?.panels;

  if (!panels) {
    if (!connected) return <p className="page-placeholder">{phase === 'offline' ? 'The dashboard appears once the host can be reached.' : 'Loading the dashboard…'}</p>;
    return (
      <div className="page-placeholder">
        <p>There is no dashboard “{currentId}” on this host; it may have been deleted.</p>
        {currentId !== defaultDashboardId && (
          <button type="button" className="button" onClick={() => void session.openDashboard(defaultDashboardId)}>
            Open the main dashboard
          </button>
        )}
      </div>
    );
  }
  if (panels.length === 0) {
    return (
      <p className="page-placeholder">
        This dashboard has no panels yet.{editor ? ' Add one from the editor.' : canOperate ? ' Edit it to add some.' : ''}
      </p>
    );
  }
  const overlapping = editor ? overlappingPanels(panels) : new Set<string>();
  return (
    <div className={`grid${editor ? ' grid-editing' : ''}`} data-testid="dashboard-grid">
      {readingOrder(panels).map((panel) => (
        <div key={panel.id} className="grid-cell" style={gridPlacement(panel)}>
          {editor ? (
            <EditablePanel panel={panel} selected={editor.selectedPanelId === panel.id} overlapping={overlapping.has(panel.id)} />
          ) : (
            <PanelView panel={panel} />
          )}
        </div>
      ))}
    </div>
  );
}
