import type { Session, SharingState } from '../../contracts/generated/dashboard-hub.types.js';
import type { SliceCreator } from './store-types.js';

/** Who this page is on the host (WhoAmI) and, for the owner, the host's LAN sharing. */
export interface SessionSlice {
  session: Session | undefined;
  sharing: SharingState | undefined;
  setSession(session: Session): void;
  /** Undefined for anyone but the owner. */
  setSharing(sharing: SharingState | undefined): void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  session: undefined,
  sharing: undefined,
  setSession: (session) => set({ session }),
  setSharing: (sharing) => set({ sharing }),
});

/** Operators and the owner acknowledge and silence alerts and edit dashboards. */
export const selectCanOperate = (state: SessionSlice): boolean => state.session?.role === 'operator' || state.session?.role === 'owner';

/** Only the owner manages alert rules and sharing. */
export const selectIsOwner = (state: SessionSlice): boolean => state.session?.role === 'owner';
