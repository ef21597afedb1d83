import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';
import { selectFiringCount } from '../../store/alerts-slice.js';
import { selectCanOperate } from '../../store/session-slice.js';
import { useStore } from '../../store/store.js';
import { AlertList } from '../alerts/AlertList.js';
import { PanelFrame } from './PanelFrame.js';

/** The alert feed as a dashboard panel. */
export function AlertsPanel({ panel }: { panel: Panel }) {
  const firing = useStore(selectFiringCount);
  const canOperate = useStore(selectCanOperate);
  const tools = (
    <>
      {!canOperate && <span className="hint">View only</span>}
      <span className={`count${firing > 0 ? ' count-firing' : ''}`}>{firing} firing</span>
    </>
  );
  return (
    <PanelFrame panel={panel} tools={tools}>
      <AlertList />
    </PanelFrame>
  );
}
