import { useHub } from '../../hub/hub-context.js';
import { selectCurrentDashboard } from '../../store/dashboards-slice.js';
import { useStore } from '../../store/store.js';

/** The open dashboard's name, and a choice of the others when the host has several. */
export function DashboardPicker() {
  const dashboards = useStore((s) => s.dashboardList);
  const current = useStore(selectCurrentDashboard);
  const currentId = useStore((s) => s.currentDashboardId);
  const { session } = useHub();
  const all = Object.values(dashboards).sort((a, b) => a.name.localeCompare(b.name));
  if (all.length <= 1) return <h1 className="dashboard-name" data-testid="dashboard-name">{current?.name ?? 'Dashboard'}</h1>;
  return (
    <label className="dashboard-picker">
      <span className="visually-hidden">Dashboard</span>
      <select value={currentId} onChange={(event) => void session.openDashboard(event.target.value)} data-testid="dashboard-select">
        {all.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}
