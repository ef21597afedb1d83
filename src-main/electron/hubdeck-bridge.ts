/** What the preload hands the renderer: where the hub is, how to sign in, and window actions. */
export interface HubdeckBridgeConfig {
  readonly hubUrl: string;
  readonly token: string;
  readonly version: string;
}

/** IPC channel names shared by the main process and the preload. */
export const ipcChannels = {
  config: 'hubdeck:config',
  popOut: 'hubdeck:pop-out',
  discoverHosts: 'hubdeck:discover-hosts',
  openHost: 'hubdeck:open-host',
} as const;
