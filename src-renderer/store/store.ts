import { create } from 'zustand';
import { createActivitySlice } from './activity-slice.js';
import { createAlertsSlice } from './alerts-slice.js';
import { createConnectionSlice } from './connection-slice.js';
import { createDashboardsSlice } from './dashboards-slice.js';
import { createEditorSlice } from './editor-slice.js';
import { createMetricsSlice } from './metrics-slice.js';
import { createPresenceSlice } from './presence-slice.js';
import { createSessionSlice } from './session-slice.js';
import type { StoreState } from './store-types.js';
import { createSystemStatusSlice } from './system-status-slice.js';
import { createUiSlice } from './ui-slice.js';

/** The one store of the page; components read it through narrow selectors. */
export const useStore = create<StoreState>()((...args) => ({
  ...createConnectionSlice(...args),
  ...createSessionSlice(...args),
  ...createSystemStatusSlice(...args),
  ...createMetricsSlice(...args),
  ...createAlertsSlice(...args),
  ...createPresenceSlice(...args),
  ...createDashboardsSlice(...args),
  ...createEditorSlice(...args),
  ...createActivitySlice(...args),
  ...createUiSlice(...args),
}));

export type Store = typeof useStore;
