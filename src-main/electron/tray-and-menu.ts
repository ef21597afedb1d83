import { Menu, Tray, app, nativeImage } from 'electron';

export interface ShellActions {
  openMain(): void;
  newWindow(): void;
  toggleSharing(): Promise<void>;
  isSharing(): boolean;
}

// A 16×16 dot drawn in code, so the tray needs no image file: green when calm, red while alerts fire.
function dot(colour: string): Electron.NativeImage {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="6" fill="${colour}"/></svg>`;
  return nativeImage.createFromDataURL(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

/** The tray icon with the host's status, and its menu. */
export function createTray(actions: ShellActions): { setStatus(firing: number, sharing: boolean): void } {
  const tray = new Tray(dot('#2e9e5b'));
  const refresh = (firing: number, sharing: boolean) => {
    tray.setImage(dot(firing > 0 ? '#d64545' : '#2e9e5b'));
    tray.setToolTip(`Hubdeck — ${firing > 0 ? `${firing} alert(s) firing` : 'all calm'}${sharing ? ' — shared on the LAN' : ''}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Hubdeck', click: () => actions.openMain() },
        { label: sharing ? 'Stop sharing on LAN' : 'Share on LAN', click: () => void actions.toggleSharing() },
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
  };
  refresh(0, false);
  tray.on('click', () => actions.openMain());
  return { setStatus: refresh };
}

/** The application menu. */
export function setAppMenu(actions: ShellActions): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      { label: 'File', submenu: [{ label: 'New Window', accelerator: 'CmdOrCtrl+N', click: () => actions.newWindow() }, { type: 'separator' }, { role: 'quit' }] },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { label: 'Share', submenu: [{ label: 'Share on LAN / Stop sharing', click: () => void actions.toggleSharing() }] },
      { role: 'windowMenu' },
    ]),
  );
}
