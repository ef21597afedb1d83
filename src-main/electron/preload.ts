/**
 * The only bridge between a window and the rest of the app: the hub's URL and a token (so the
 * window connects like any peer, over SignalR), and window actions. Nothing else from Node or
 * Electron reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { type HubdeckBridgeConfig, ipcChannels } from './hubdeck-bridge.js';

const config = ipcRenderer.sendSync(ipcChannels.config) as HubdeckBridgeConfig;

contextBridge.exposeInMainWorld('hubdeck', {
  hubUrl: config.hubUrl,
  token: config.token,
  version: config.version,
  windowActions: {
    popOut: (panelId: string) => ipcRenderer.send(ipcChannels.popOut, String(panelId)),
    /** Hubdeck hosts advertising themselves on the LAN (mDNS), found within about two seconds. */
    discoverHosts: () => ipcRenderer.invoke(ipcChannels.discoverHosts) as Promise<Array<{ name: string; url: string; tls: boolean }>>,
    /** Opens another host's dashboard in a window of its own (it asks for a join code there). */
    openHost: (url: string) => ipcRenderer.send(ipcChannels.openHost, String(url)),
  },
});
