import type { HubdeckBridge } from '../../contracts/desktop-bridge.js';

declare global {
  interface Window {
    hubdeck?: HubdeckBridge;
  }
}

/** What the Electron preload exposes; undefined in a browser, where the page finds the hub at its own origin. */
export function desktopBridge(): HubdeckBridge | undefined {
  return window.hubdeck;
}
