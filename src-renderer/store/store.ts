import { create } from 'zustand';
import { type ActivitySlice, createActivitySlice } from './activity-slice.js';
import { type AlertsSlice, createAlertsSlice } from './alerts-slice.js';
import { type ConnectionSlice, createConnectionSlice } from './connection-slice.js';
import { type DashboardsSlice, createDashboardsSlice } from './dashboards-slice.js';
import { type EditorSlice, createEditorSlice } from './editor-slice.js';
import { type MetricsSlice, createMetricsSlice } from './metrics-slice.js';
import { type PresenceSlice, createPresenceSlice } from './presence-slice.js';
import { type SessionSlice, createSessionSlice } from './session-slice.js';
import { type SystemStatusSlice, createSystemStatusSlice } from './system-status-slice.js';
import { type UiSlice, createUiSlice } from './ui-slice.js';

/** The whole client state: one store, one slice per concern. */
export type StoreState = ConnectionSlice &
  SessionSlice &
  SystemStatusSlice &
  MetricsSlice &
  AlertsSlice &
  PresenceSlice &
  DashboardsSlice &
  EditorSlice &
  ActivitySlice &
  UiSlice;

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
