import type { StateCreator } from 'zustand';
import type { ActivitySlice } from './activity-slice.js';
import type { AlertsSlice } from './alerts-slice.js';
import type { ConnectionSlice } from './connection-slice.js';
import type { DashboardsSlice } from './dashboards-slice.js';
import type { EditorSlice } from './editor-slice.js';
import type { MetricsSlice } from './metrics-slice.js';
import type { PresenceSlice } from './presence-slice.js';
import type { SessionSlice } from './session-slice.js';
import type { SystemStatusSlice } from './system-status-slice.js';
import type { UiSlice } from './ui-slice.js';

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

/** A slice sees (and may set) the whole state, so actions can keep slices consistent. */
export type SliceCreator<Slice> = StateCreator<StoreState, [], [], Slice>;
