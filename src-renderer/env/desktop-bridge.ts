/**
 * What the Electron preload exposes as `window.hubdeck`: the hub's URL, an owner token and window
 * actions. Absent in a browser, where the page finds the hub at its own origin.
 */
export interface HubdeckBridge {
  readonly hubUrl: string;
  readonly token: string;
  readonly version?: string;
  readonly windowActions?: {
    /** Opens a panel in a window of its own. */
    readonly popOut?: (panelId: string) => void;
    /** Hubdeck hosts advertising themselves on the LAN. */
    readonly discoverHosts?: () => Promise<DiscoveredHost[]>;
    /** Opens another host's dashboard in a window of its own. */
    readonly openHost?: (url: string) => void;
  };
}

/** A host found on the LAN by the app. */
export interface DiscoveredHost {
  readonly name: string;
  readonly url: string;
  readonly tls: boolean;
}

declare global {
  interface Window {
    hubdeck?: HubdeckBridge;
  }
}

export function desktopBridge(): HubdeckBridge | undefined {
  return window.hubdeck;
}
