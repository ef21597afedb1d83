/** IPC channel names shared by the main process and the preload. */
export const ipcChannels = {
  config: 'hubdeck:config',
  ownerToken: 'hubdeck:owner-token',
  popOut: 'hubdeck:pop-out',
  discoverHosts: 'hubdeck:discover-hosts',
  openHost: 'hubdeck:open-host',
} as const;
