/**
 * The only bridge between a window and the rest of the app: the hub's URL and owner tokens (so the
 * window connects like any peer, over SignalR), and window actions. Nothing else from Node or
 * Electron reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopConfig, DiscoveredHost, HubdeckBridge } from '../../contracts/desktop-bridge.js';
import { ipcChannels } from './ipc-channels.js';

const config = ipcRenderer.sendSync(ipcChannels.config) as DesktopConfig;

const bridge: HubdeckBridge = {
  hubUrl: config.hubUrl,
  version: config.version,
  ownerToken: () => ipcRenderer.invoke(ipcChannels.ownerToken) as Promise<string>,
  windowActions: {
    popOut: (panelId) => ipcRenderer.send(ipcChannels.popOut, String(panelId)),
    discoverHosts: () => ipcRenderer.invoke(ipcChannels.discoverHosts) as Promise<DiscoveredHost[]>,
    openHost: (url) => ipcRenderer.send(ipcChannels.openHost, String(url)),
  },
};

contextBridge.exposeInMainWorld('hubdeck', bridge);
