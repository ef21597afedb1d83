import type { JoinCode, SharingState } from '../../../contracts/generated/dashboard-hub.types.js';
import type { HubUser } from '../../../src-server/index.js';
import { type AccessPolicy, isPeer, localViewer } from '../access/access-policy.js';
import type { Role } from '../access/roles.js';
import type { LanSharing } from './lan-sharing.js';

export interface SharingOptions {
  readonly access: AccessPolicy;
  readonly lan: LanSharing;
  /** Told of every change: sharing on or off, codes created or used, peers joined or revoked. */
  readonly onChange: (state: SharingState) => void;
  /** Disconnects the connections of the users `select` picks, telling them `reason`. */
  readonly disconnect: (select: (user: HubUser | undefined) => boolean, reason: string) => void;
}

/**
 * The owner's sharing controls: turns LAN sharing on and off, creates join codes and revokes
 * peers, keeping the access policy in step with the LAN endpoints and announcing each change.
 */
export class Sharing {
  constructor(private readonly options: SharingOptions) {
    options.access.onChange(() => this.changed());
  }

  /** Whether the host is shared on the LAN now. */
  get enabled(): boolean {
    return this.options.lan.listening;
  }

  state(): SharingState {
    const { access, lan } = this.options;
    const fingerprint = lan.fingerprint;
    return {
      enabled: lan.listening,
      urls: lan.urls,
      tls: fingerprint !== undefined,
      ...(fingerprint === undefined ? {} : { fingerprint }),
      joinCodes: access.pendingCodes(),
      peers: access.currentPeers(),
    };
  }

  /** Shares the host on the LAN; when it is shared already, anew (say, now with TLS). */
  async start(tls: boolean): Promise<SharingState> {
    const { access, lan } = this.options;
    if (lan.listening) {
      await lan.close();
      access.closed();
    }
    access.opened(await lan.start(tls));
    // Callers without a token were let in to look because only this machine could reach the
    // host; from now on every caller needs one, so those already in leave too.
    this.options.disconnect((user) => user?.id === localViewer.id, 'This host is now shared: sign in with the owner link or a join code.');
    return this.changed();
  }

  async stop(): Promise<SharingState> {
    const { access, lan, disconnect } = this.options;
    access.endPeerTokens();
    disconnect(isPeer, 'The host stopped sharing.');
    await lan.close();
    access.closed();
    return this.changed();
  }

  createJoinCode(role: Role, minutes: number): JoinCode {
    return this.options.access.createJoinCode(role, minutes);
  }

  revoke(peerId: string): SharingState {
    this.options.access.revoke(peerId);
    this.options.disconnect((user) => user?.id === peerId, 'Your access to this host was revoked.');
    return this.state();
  }

  /**
   * Ends every token by changing the signing key, and disconnects everyone who signed in with
   * one (the caller too): peers must join again, the app's windows sign in again by themselves.
   */
  revokeAll(): SharingState {
    this.options.access.revokeAll();
    // After this turn, so the owner who asked still gets the answer before being signed out too.
    setImmediate(() => this.options.disconnect((user) => user !== undefined && user.id !== localViewer.id, 'Every token was revoked: sign in again.'));
    return this.state();
  }

  /** Stops listening on the LAN, for shutdown. */
  close(): Promise<void> {
    return this.options.lan.close();
  }

  private changed(): SharingState {
    const state = this.state();
    this.options.onChange(state);
    return state;
  }
}
