/**
 * The Electron shell, kept thin: it starts the host core in this process and opens windows on
 * the UI the host serves. Every window is a hub client of its own, like any LAN peer.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Notification, app, ipcMain } from 'electron';
import type { Alert } from '../../contracts/generated/dashboard-hub.types.js';
import { type RunningHost, startHost } from '../core/host.js';
import { type HubdeckBridgeConfig, ipcChannels } from './hubdeck-bridge.js';
import { createTray, setAppMenu, type ShellActions } from './tray-and-menu.js';
import { denyPermissions, openWindow, preloadPath } from './windows.js';

const mainDir = dirname(fileURLToPath(import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let host: RunningHost;
  let mainWindow: BrowserWindow | undefined;
  let tray: ReturnType<typeof createTray> | undefined;
  const firing = new Map<string, Alert>();

  // In development electron-vite serves the renderer; the hub is always the host's.
  const uiUrl = (query = '') => `${process.env.ELECTRON_RENDERER_URL ?? host.url}/${query}`;
  const window = (query: string, title: string, size: { width: number; height: number }) =>
    openWindow(uiUrl(query), preloadPath(mainDir), { title, ...size });

  const onAlert = (alert: Alert, silenced: boolean) => {
    if (alert.state === 'firing') firing.set(alert.id, alert);
    else firing.delete(alert.id);
    tray?.setStatus(firing.size, host?.services.sharing.enabled ?? false);
    if (alert.state === 'firing' && !silenced && !alert.acknowledgedBy && Notification.isSupported()) {
      new Notification({ title: `Hubdeck: ${alert.type}`, body: alert.message }).show();
    }
  };

  const actions: ShellActions = {
    openMain: () => {
      if (!mainWindow || mainWindow.isDestroyed()) mainWindow = window('', 'Hubdeck', { width: 1440, height: 900 });
      else mainWindow.focus();
    },
    newWindow: () => void window('', 'Hubdeck', { width: 1280, height: 800 }),
    isSharing: () => host.services.sharing.enabled,
    toggleSharing: async () => {
      if (host.services.sharing.enabled) await host.services.sharing.stop();
      else await host.services.sharing.start(false);
      tray?.setStatus(firing.size, host.services.sharing.enabled);
    },
  };

  app.on('second-instance', () => actions.openMain());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => actions.openMain());
  app.on('before-quit', (event) => {
    if (!host) return;
    event.preventDefault();
    const closing = host;
    host = undefined as unknown as RunningHost;
    void closing.close().finally(() => app.quit());
  });

  ipcMain.on(ipcChannels.config, (event) => {
    const config: HubdeckBridgeConfig = { hubUrl: host.hubUrl, token: host.ownerToken, version: app.getVersion() };
    event.returnValue = config;
  });
  ipcMain.on(ipcChannels.popOut, (_event, panelId: string) => {
    void window(`?panel=${encodeURIComponent(panelId)}`, `Hubdeck — ${panelId}`, { width: 720, height: 480 });
  });

  void app.whenReady().then(async () => {
    denyPermissions();
    // End-to-end tests run the app against a throwaway data directory and a synthetic source they drive.
    host = await startHost({
      dataDir: process.env.HUBDECK_DATA_DIR ?? app.getPath('userData'),
      port: process.env.HUBDECK_PORT === undefined ? undefined : Number(process.env.HUBDECK_PORT),
      synthetic: process.env.HUBDECK_SYNTHETIC === '1',
      sampleHz: process.env.HUBDECK_HZ === undefined ? undefined : Number(process.env.HUBDECK_HZ),
      uiDir: join(mainDir, '..', 'renderer'),
      // In development the renderer comes from electron-vite's dev server, another origin.
      allowedOrigins: process.env.ELECTRON_RENDERER_URL ? [new URL(process.env.ELECTRON_RENDERER_URL).origin] : undefined,
      onAlert,
    });
    setAppMenu(actions);
    tray = createTray(actions);
    actions.openMain();
  });
}
