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
  };
}

declare global {
  interface Window {
    hubdeck?: HubdeckBridge;
  }
}

export function desktopBridge(): HubdeckBridge | undefined {
  return window.hubdeck;
}
