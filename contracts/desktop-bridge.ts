// The contract between the Electron shell and its windows, shared by the main process, the
// preload and the renderer. Types only: each side builds its own values, and the compiler checks
// all three against this one description. IPC carries only what a window needs to find its hub.
import type { JoinCode } from './generated/dashboard-hub.types.js';

/** What the main process tells a window: where its hub is and how to sign in. */
export interface DesktopConfig {
  readonly hubUrl: string;
  /** The owner token for this machine's own windows; empty for a window on another host. */
  readonly token: string;
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
  readonly windowActions: WindowActions;
}

/** What a host grants for a valid join code: its answer to `POST /api/join`. */
export interface JoinGrant {
  readonly token: string;
  readonly role: JoinCode['role'];
  readonly hostName: string;
  readonly expiresAt: string;
}
