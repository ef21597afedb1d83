// The contract between the Electron shell and its windows, shared by the main process, the
// preload and the renderer. Types only: each side builds its own values, and the compiler checks
// all three against this one description. IPC carries only what a window needs to find its hub.
import type { JoinCode } from './generated/dashboard-hub.types.js';

/** What the main process tells a window when it opens: where its hub is. */
export interface DesktopConfig {
  readonly hubUrl: string;
  readonly version: string;
}

/** A Hubdeck host found on the LAN. */
export interface DiscoveredHost {
  readonly name: string;
  readonly url: string;
  readonly tls: boolean;
}

/** What a window may ask of the shell. */
export interface WindowActions {
  /** Opens a panel in a window of its own. */
  popOut(panelId: string): void;
  /** Hubdeck hosts advertising themselves on the LAN (mDNS), found within about two seconds. */
  discoverHosts(): Promise<DiscoveredHost[]>;
  /** Opens another host's dashboard in a window of its own (it asks for a join code there). */
  openHost(url: string): void;
}

/** What the preload exposes to a page as `window.hubdeck`; absent in a browser. */
export interface HubdeckBridge extends DesktopConfig {
  /**
   * A fresh owner token for this machine's own windows, asked for at every connection since owner
   * tokens are short-lived; empty for a window on another host, which signs in with a join code.
   */
  ownerToken(): Promise<string>;
  readonly windowActions: WindowActions;
}

/** What a host grants for a valid join code: its answer to `POST /api/join`. */
export interface JoinGrant {
  readonly token: string;
  readonly role: JoinCode['role'];
  readonly hostName: string;
  readonly expiresAt: string;
}
