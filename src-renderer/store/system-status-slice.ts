import type { SystemStatus } from '../../contracts/generated/dashboard-hub.types.js';
import type { SliceCreator } from './store-types.js';

export type Component = SystemStatus['component'];

export interface SystemStatusSlice {
  systemStatus: Partial<Record<Component, SystemStatus>>;
  setSystemStatus(statuses: readonly SystemStatus[]): void;
  updateSystemStatus(status: SystemStatus): void;
}

export const createSystemStatusSlice: SliceCreator<SystemStatusSlice> = (set) => ({
  systemStatus: {},
  setSystemStatus: (statuses) => set({ systemStatus: Object.fromEntries(statuses.map((s) => [s.component, s])) }),
  updateSystemStatus: (status) => set((state) => ({ systemStatus: { ...state.systemStatus, [status.component]: status } })),
});
