import type { SliceCreator } from './store-types.js';

/**
 * Where the hub connection is: `unauthorized` means the host wants a join code (it is shared and
 * this page has no valid token), which the UI answers with the join screen rather than a banner.
 */
export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'unauthorized';

export interface ConnectionStatus {
  readonly phase: ConnectionPhase;
  /** Why the connection is not up, in the host's words where it gave some. */
  readonly message: string | undefined;
  /** When an offline page tries again by itself (epoch ms). */
  readonly retryAt: number | undefined;
}

export interface ConnectionSlice {
  connection: ConnectionStatus;
  setConnection(phase: ConnectionPhase, message?: string, retryAt?: number): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  connection: { phase: 'connecting', message: undefined, retryAt: undefined },
  setConnection: (phase, message, retryAt) => set({ connection: { phase, message, retryAt } }),
});
