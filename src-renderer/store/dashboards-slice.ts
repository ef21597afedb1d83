import type { Dashboard, DashboardSummary } from '../../contracts/generated/dashboard-hub.types.js';
import { defaultDashboardId } from '../env/launch-options.js';
import type { ActivitySlice } from './activity-slice.js';
import type { PresenceSlice } from './presence-slice.js';
import type { SliceCreator } from './store-types.js';

export interface DashboardsSlice {
  /** Every dashboard on the host, in summary (for the picker). */
  dashboardList: Record<string, DashboardSummary>;
  /** The dashboards loaded whole: the open one, and any saved while this page watched. */
  dashboards: Record<string, Dashboard>;
  currentDashboardId: string;
  setDashboardList(summaries: readonly DashboardSummary[]): void;
  /** A saved or loaded dashboard; version 0 means it was deleted. */
  upsertDashboard(dashboard: Dashboard): void;
  setCurrentDashboard(id: string): void;
}

const summaryOf = ({ id, name, version, updatedBy, updatedAt }: Dashboard): DashboardSummary => ({ id, name, version, updatedBy, updatedAt });

export const createDashboardsSlice: SliceCreator<DashboardsSlice, Pick<PresenceSlice, 'viewers'> & Pick<ActivitySlice, 'activity'>> = (set) => ({
  dashboardList: {},
  dashboards: {},
  currentDashboardId: defaultDashboardId,
  setDashboardList: (summaries) => set({ dashboardList: Object.fromEntries(summaries.map((d) => [d.id, d])) }),
  upsertDashboard: (dashboard) =>
    set((state) => {
      const { [dashboard.id]: previous, ...others } = state.dashboards;
      const { [dashboard.id]: listed, ...otherSummaries } = state.dashboardList;
      // A late echo of an older save must not undo a newer one.
      const newest = Math.max(previous?.version ?? 0, listed?.version ?? 0);
      if (dashboard.version !== 0 && newest > dashboard.version) return {};
      if (dashboard.version === 0) return { dashboards: others, dashboardList: otherSummaries };
      return { dashboards: { ...others, [dashboard.id]: dashboard }, dashboardList: { ...otherSummaries, [dashboard.id]: summaryOf(dashboard) } };
    }),
  // Viewers and activity belong to the dashboard being left.
  setCurrentDashboard: (currentDashboardId) => set({ currentDashboardId, viewers: [], activity: [] }),
});

export const selectCurrentDashboard = (state: DashboardsSlice): Dashboard | undefined => state.dashboards[state.currentDashboardId];
