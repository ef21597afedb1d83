import type { Viewer } from '../../contracts/generated/dashboard-hub.types.js';
import type { CurrentDashboard, SliceCreator } from './store-types.js';

/** Who views the open dashboard. */
export interface PresenceSlice {
  viewers: Viewer[];
  setViewers(dashboardId: string, viewers: Viewer[]): void;
}

export const createPresenceSlice: SliceCreator<PresenceSlice, CurrentDashboard> = (set, get) => ({
  viewers: [],
  setViewers: (dashboardId, viewers) => {
    if (dashboardId === get().currentDashboardId) set({ viewers });
  },
});
