import type { Dashboard } from '../../contracts/generated/dashboard-hub.types.js';
import { defaultDashboardId } from '../env/launch-options.js';
import type { SliceCreator, StoreState } from './store-types.js';

export interface DashboardsSlice {
  dashboards: Record<string, Dashboard>;
  currentDashboardId: string;
  setDashboards(dashboards: readonly Dashboard[]): void;
  /** A saved dashboard; version 0 means it was deleted. */
  upsertDashboard(dashboard: Dashboard): void;
  setCurrentDashboard(id: string): void;
}

export const createDashboardsSlice: SliceCreator<DashboardsSlice> = (set) => ({
  dashboards: {},
  currentDashboardId: defaultDashboardId,
  setDashboards: (dashboards) => set({ dashboards: Object.fromEntries(dashboards.map((d) => [d.id, d])) }),
  upsertDashboard: (dashboard) =>
    set((state) => {
      const { [dashboard.id]: previous, ...others } = state.dashboards;
      // A late echo of an older save must not undo a newer one.
      if (previous && dashboard.version !== 0 && previous.version > dashboard.version) return {};
      return { dashboards: dashboard.version === 0 ? others : { ...others, [dashboard.id]: dashboard } };
    }),
  // Viewers and activity belong to the dashboard being left.
  setCurrentDashboard: (currentDashboardId) => set({ currentDashboardId, viewers: [], activity: [] }),
});

export const selectCurrentDashboard = (state: StoreState): Dashboard | undefined => state.dashboards[state.currentDashboardId];
