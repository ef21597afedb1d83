/**
 * The Electron shell, kept thin: it starts the host core in this process (or joins another
 * host) and opens windows on the UI the host serves. Every window is a hub client of its own,
 * like any LAN peer.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Notification, app, ipcMain } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Alert } from '../../contracts/generated/dashboard-hub.types.js';
import { dashboardHubPath, type RunningHost, startHost } from '../core/host.js';
import { onShutdownSignals } from '../core/ops/shutdown-signals.js';
import { discoverHosts } from '../core/sharing/lan-discovery.js';
import type { DesktopConfig } from '../../contracts/desktop-bridge.js';
import { ipcChannels } from './ipc-channels.js';
import { createTray, setAppMenu, type ShellActions } from './tray-and-menu.js';
import { denyPermissions, openWindow, preloadPath } from './windows.js';

const mainDir = dirname(fileURLToPath(import.meta.url));

/** Where the windows point: this app's own host, or a host it joined. */
interface Target {
  readonly hostUrl: string;
  /** A token for this app's windows: a fresh owner token from its own host, or the one it joined with. */
  readonly signIn: () => Promise<string>;
  readonly host: RunningHost | undefined;
}

/** Starts the embedded host, or joins a remote one when HUBDECK_JOIN_URL says so (its token in HUBDECK_JOIN_TOKEN). */
async function startTarget(onAlert: (alert: Alert, silenced: boolean) => void): Promise<Target> {
  const joinUrl = process.env.HUBDECK_JOIN_URL;
  if (joinUrl) {
    const token = process.env.HUBDECK_JOIN_TOKEN ?? '';
    return { hostUrl: joinUrl.replace(/\/$/, ''), signIn: () => Promise.resolve(token), host: undefined };
  }
  const host = await startHost({
    // End-to-end tests and kiosks may point the app at another data directory or port.
    dataDir: process.env.HUBDECK_DATA_DIR ?? app.getPath('userData'),
    port: process.env.HUBDECK_PORT === undefined ? undefined : Number(process.env.HUBDECK_PORT),
    uiDir: join(mainDir, '..', 'renderer'),
    // In development the renderer comes from electron-vite's dev server, another origin.
    allowedOrigins: process.env.ELECTRON_RENDERER_URL ? [new URL(process.env.ELECTRON_RENDERER_URL).origin] : undefined,
    onAlert,
  });
  return { hostUrl: host.url, signIn: () => host.ownerToken(), host };
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let target: Target | undefined;
  let mainWindow: BrowserWindow | undefined;
  let tray: ReturnType<typeof createTray> | undefined;
  const firing = new Map<string, Alert>();
  // Extra query for every window (e2e tests name their peers with it).
  const windowQuery = process.env.HUBDECK_WINDOW_QUERY ?? '';

  // A window on another host (joined from "Join another") gets that host's hub and no token: it
  // signs in with a join code like any browser peer.
  const remoteWindows = new Map<number, string>();
  const window = (query: Record<string, string>, title: string, size: { width: number; height: number }) => {
    const search = new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(windowQuery)), ...query }).toString();
    const base = process.env.ELECTRON_RENDERER_URL ?? target!.hostUrl;
    return openWindow(`${base}/${search ? `?${search}` : ''}`, preloadPath(mainDir), { title, ...size });
  };
  const openRemote = (url: string) => {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return;
    const remote = openWindow(parsed.toString(), preloadPath(mainDir), { title: `Hubdeck — ${parsed.host}`, width: 1440, height: 900 });
    const id = remote.webContents.id;
    remoteWindows.set(id, parsed.origin);
    remote.once('closed', () => remoteWindows.delete(id));
  };
  const sharing = () => target?.host?.services.sharing;

  const onAlert = (alert: Alert, silenced: boolean) => {
    if (alert.state === 'firing') firing.set(alert.id, alert);
    else firing.delete(alert.id);
    tray?.setStatus(firing.size, sharing()?.enabled ?? false);
    if (alert.state === 'firing' && !silenced && !alert.acknowledgedBy && Notification.isSupported()) {
      new Notification({ title: `Hubdeck: ${alert.type}`, body: alert.message }).show();
    }
  };

  const actions: ShellActions = {
    openMain: () => {
      if (!mainWindow || mainWindow.isDestroyed()) mainWindow = window({}, 'Hubdeck', { width: 1440, height: 900 });
      else mainWindow.focus();
    },
    newWindow: () => void window({}, 'Hubdeck', { width: 1280, height: 800 }),
    isSharing: () => sharing()?.enabled ?? false,
    toggleSharing: async () => {
      const current = sharing();
      if (!current) return;
      if (current.enabled) await current.stop();
      else await current.start(false);
      tray?.setStatus(firing.size, current.enabled);
    },
  };

  app.on('second-instance', () => actions.openMain());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => actions.openMain());
  // A service manager's SIGTERM quits like the menu does: the host drains on before-quit.
  onShutdownSignals(() => app.quit());
  app.on('before-quit', (event) => {
    const host = target?.host;
    if (!host) return;
    event.preventDefault();
    target = { ...target!, host: undefined };
    void host.close().finally(() => app.quit());
  });

  ipcMain.on(ipcChannels.config, (event) => {
    const remote = remoteWindows.get(event.sender.id);
    const config: DesktopConfig = remote
      ? { hubUrl: `${remote}${dashboardHubPath}`, version: app.getVersion() }
      : { hubUrl: `${target!.hostUrl}${dashboardHubPath}`, version: app.getVersion() };
    event.returnValue = config;
  });
  // A window on another host gets no token of this one.
  ipcMain.handle(ipcChannels.ownerToken, (event) => (remoteWindows.has(event.sender.id) ? '' : target!.signIn()));
  ipcMain.handle(ipcChannels.discoverHosts, () => discoverHosts());
  ipcMain.on(ipcChannels.openHost, (_event, url: string) => {
    try {
      openRemote(url);
    } catch {
      // Not a URL: the renderer validates what people type, so there is nothing to tell them here.
    }
  });
  ipcMain.on(ipcChannels.popOut, (_event, panelId: string) => {
    void window({ panel: String(panelId) }, `Hubdeck — ${panelId}`, { width: 720, height: 480 });
  });

  void app.whenReady().then(async () => {
    denyPermissions();
    target = await startTarget(onAlert);
    setAppMenu(actions);
    tray = createTray(actions);
    actions.openMain();
  });
}
