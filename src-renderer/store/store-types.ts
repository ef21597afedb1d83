import type { StateCreator } from 'zustand';

/**
 * Creates one slice of the store. `Reads` names what the slice reads of other slices, so each
 * slice states its dependencies and none needs the type of the whole store (which would tie
 * every slice to every other).
 */
export type SliceCreator<Slice, Reads = unknown> = StateCreator<Slice & Reads, [], [], Slice>;

/** What the slices that follow the open dashboard read of the dashboards slice. */
export interface CurrentDashboard {
  readonly currentDashboardId: string;
}
