import { useHub } from '../../hub/hub-context.js';
import { selectCurrentDashboard } from '../../store/dashboards-slice.js';
import { selectCanOperate, selectIsOwner } from '../../store/session-slice.js';
import { useStore } from '../../store/store.js';
import { AlertsButton } from './AlertsButton.js';
import { DashboardPicker } from './DashboardPicker.js';
import { PresenceBar } from './PresenceBar.js';
import { SystemStatusIndicators } from './SystemStatusIndicators.js';
import { actorText } from '../common/ActorName.js';
import { ThemeToggle } from './ThemeToggle.js';

/** The bar above the dashboard: where and who you are, what you may do, and who else is here. */
export function TopBar() {
  const session = useStore((s) => s.session);
  const dashboard = useStore(selectCurrentDashboard);
  const editing = useStore((s) => s.editor !== undefined);
  const canOperate = useStore(selectCanOperate);
  const isOwner = useStore(selectIsOwner);
  const shared = useStore((s) => s.sharing?.enabled ?? false);
  const activityOpen = useStore((s) => s.activityOpen);
  const setActivityOpen = useStore((s) => s.setActivityOpen);
  const openDialog = useStore((s) => s.openDialog);
  const { commands } = useHub();

  return (
    <header className="topbar">
      <div className="topbar-row">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          <span className="brand-name">Hubdeck</span>
          {session && <span className="host-name">{session.hostName}</span>}
        </div>
        <DashboardPicker />
        {dashboard && (
          <span className="dashboard-version" title={`Saved by ${actorText(dashboard.updatedBy)}`}>
            v{dashboard.version}
          </span>
        )}
        <div className="spacer" />
        <div className="toolbar" role="toolbar" aria-label="Dashboard actions">
          <AlertsButton />
          {canOperate && !editing && dashboard && (
            <button type="button" className="button" onClick={() => commands.editDashboard(dashboard)} data-testid="edit-dashboard">
              Edit
            </button>
          )}
          {canOperate && !editing && (
            <button type="button" className="button button-quiet" onClick={() => commands.newDashboard()} data-testid="new-dashboard">
              New dashboard
            </button>
          )}
          {isOwner && (
            <button type="button" className="button button-quiet" onClick={() => openDialog('alert-rules')} data-testid="open-alert-rules">
              Alert rules
            </button>
          )}
          {isOwner && (
            <button type="button" className={`button button-quiet${shared ? ' button-on' : ''}`} onClick={() => openDialog('sharing')} data-testid="open-sharing">
              {shared ? 'Shared' : 'Share'}
            </button>
          )}
          <button type="button" className="button button-quiet" onClick={() => openDialog('join-another')} data-testid="open-join-another">
            Join another
          </button>
          <button
            type="button"
            className="button button-quiet"
            aria-pressed={activityOpen}
            onClick={() => setActivityOpen(!activityOpen)}
            data-testid="toggle-activity"
          >
            Activity
          </button>
          <ThemeToggle />
          {session && (
            <span className="whoami" data-testid="whoami" data-role={session.role} title={`Signed in as ${session.displayName}`}>
              <span className="whoami-name">{session.displayName}</span>
              <span className={`badge badge-role-${session.role}`}>{session.role}</span>
            </span>
          )}
        </div>
      </div>
      <div className="topbar-row subbar">
        <PresenceBar />
        <SystemStatusIndicators />
      </div>
    </header>
  );
}
