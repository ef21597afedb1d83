import type { UserActivityEvent } from '../../contracts/generated/dashboard-hub.types.js';
import type { CurrentDashboard, SliceCreator } from './store-types.js';

const keep = 100;

/** What viewers of the open dashboard did, newest first. */
export interface ActivitySlice {
  activity: UserActivityEvent[];
  /** Replaces the feed with what the host recorded (on opening a dashboard). */
  setActivity(events: UserActivityEvent[]): void;
  addActivity(event: UserActivityEvent): void;
}

/** How many past events a page asks the host for when it opens a dashboard. */
export const activityOnOpen = keep;

export const createActivitySlice: SliceCreator<ActivitySlice, CurrentDashboard> = (set, get) => ({
  activity: [],
  setActivity: (events) => set({ activity: events.slice(0, keep) }),
  addActivity: (event) => {
    if (event.dashboardId !== get().currentDashboardId) return;
    set((state) => ({ activity: [event, ...state.activity].slice(0, keep) }));
  },
});
