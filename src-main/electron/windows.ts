import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';

/** Opens a window on the host's UI, locked down: isolated, sandboxed, no Node, no navigation away. */
export function openWindow(uiUrl: string, preloadPath: string, options: { title: string; width: number; height: number }): BrowserWindow {
  const window = new BrowserWindow({
    title: options.title,
    width: options.width,
    height: options.height,
    show: false,
    backgroundColor: '#101418',
    webPreferences: { preload: preloadPath, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  const origin = new URL(uiUrl).origin;
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://') || url.startsWith('http://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== origin) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(uiUrl);
  return window;
}

/** Refuses every permission a page might ask for (camera, notifications, ...): the app shows its own. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
}

/** Where the compiled preload lives next to the compiled main process. */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}
