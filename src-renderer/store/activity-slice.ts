import type { UserActivityEvent } from '../../contracts/generated/dashboard-hub.types.js';
import type { SliceCreator } from './store-types.js';

const keep = 100;

/** What viewers of the open dashboard did, newest first. */
export interface ActivitySlice {
  activity: UserActivityEvent[];
  addActivity(event: UserActivityEvent): void;
}

export const createActivitySlice: SliceCreator<ActivitySlice> = (set, get) => ({
  activity: [],
  addActivity: (event) => {
    if (event.dashboardId !== get().currentDashboardId) return;
    set((state) => ({ activity: [event, ...state.activity].slice(0, keep) }));
  },
});
