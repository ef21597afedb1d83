import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, for testing the shell's own logic where no Electron
 * binary can be had. It keeps what the shell does (windows opened and their URLs, IPC handlers,
 * the tray, notifications, quitting) for the test to read, and lets the test play the part of
 * Electron and of the windows (a second instance, an IPC message from a window, quitting).
 */
export function createElectronStandIn(options: { singleInstance: boolean; userData: string }) {
  let nextWebContentsId = 1;
  const windows: StandInWindow[] = [];
  const notifications: Array<{ title: string; body: string }> = [];
  const trays: StandInTray[] = [];
  const listeners = new Map<string, (event: IpcEvent, ...args: unknown[]) => void>();
  const handlers = new Map<string, (event: IpcEvent, ...args: unknown[]) => unknown>();
  const state = { quit: false, quitRequests: 0, applicationMenu: undefined as unknown };

  class App extends EventEmitter {
    requestSingleInstanceLock(): boolean {
      return options.singleInstance;
    }
    whenReady(): Promise<void> {
      return Promise.resolve();
    }
    getVersion(): string {
      return '9.9.9';
    }
    getPath(name: string): string {
      if (name !== 'userData') throw new Error(`The stand-in knows no path '${name}'.`);
      return options.userData;
    }
    /** As Electron does: 'before-quit' may be prevented; otherwise the app quits. */
    quit(): void {
      state.quitRequests++;
      let prevented = false;
      this.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) state.quit = true;
    }
  }
  const app = new App();

  class StandInWindow extends EventEmitter {
    url: string | undefined;
    focused = 0;
    destroyed = false;
    readonly webContents: { id: number; openHandler?: (details: { url: string }) => unknown; setWindowOpenHandler(handler: (details: { url: string }) => unknown): void; on(): void };
    constructor(readonly options: { title: string; width: number; height: number; webPreferences: Record<string, unknown> }) {
      super();
      const webContents = {
        id: nextWebContentsId++,
        openHandler: undefined as ((details: { url: string }) => unknown) | undefined,
        setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
          webContents.openHandler = handler;
        },
        on() {},
      };
      this.webContents = webContents;
      windows.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.url = url;
      return Promise.resolve();
    }
    show(): void {}
    focus(): void {
      this.focused++;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    /** The user closes the window. */
    close(): void {
      this.destroyed = true;
      this.emit('closed');
    }
  }

  class StandInTray extends EventEmitter {
    image: unknown;
    toolTip = '';
    menu: { template: Array<{ label?: string }> } | undefined;
    constructor(image: unknown) {
      super();
      this.image = image;
      trays.push(this);
    }
    setImage(image: unknown): void {
      this.image = image;
    }
    setToolTip(text: string): void {
      this.toolTip = text;
    }
    setContextMenu(menu: { template: Array<{ label?: string }> }): void {
      this.menu = menu;
    }
  }

  class Notification {
    static isSupported(): boolean {
      return true;
    }
    constructor(private readonly content: { title: string; body: string }) {}
    show(): void {
      notifications.push(this.content);
    }
  }

  const module = {
    app,
    BrowserWindow: StandInWindow,
    Notification,
    Tray: StandInTray,
    Menu: {
      buildFromTemplate: (template: Array<{ label?: string }>) => ({ template }),
      setApplicationMenu: (menu: unknown) => (state.applicationMenu = menu),
    },
    nativeImage: { createFromDataURL: (dataUrl: string) => ({ dataUrl }) },
    session: { defaultSession: { setPermissionRequestHandler: () => undefined } },
    shell: { openExternal: () => Promise.resolve() },
    ipcMain: {
      on: (channel: string, listener: (event: IpcEvent, ...args: unknown[]) => void) => listeners.set(channel, listener),
      handle: (channel: string, handler: (event: IpcEvent, ...args: unknown[]) => unknown) => handlers.set(channel, handler),
    },
  };

  return {
    /** What `import ... from 'electron'` gives the shell. */
    module,
    app,
    windows,
    notifications,
    trays,
    state,
    /** A window sends a synchronous IPC message; returns what the shell answered. */
    sendSync(channel: string, from: StandInWindow, ...args: unknown[]): unknown {
      const event: IpcEvent = { sender: { id: from.webContents.id }, returnValue: undefined };
      listeners.get(channel)!(event, ...args);
      return event.returnValue;
    },
    /** A window invokes a handler (ipcRenderer.invoke); resolves to what the shell answered. */
    async invoke(channel: string, from: StandInWindow, ...args: unknown[]): Promise<unknown> {
      return handlers.get(channel)!({ sender: { id: from.webContents.id }, returnValue: undefined }, ...args);
    },
    /** A window sends an IPC message. */
    send(channel: string, from: StandInWindow, ...args: unknown[]): void {
      listeners.get(channel)!({ sender: { id: from.webContents.id }, returnValue: undefined }, ...args);
    },
    /** Whether the shell listens on `channel` at all. */
    listens(channel: string): boolean {
      return listeners.has(channel) || handlers.has(channel);
    },
  };
}

interface IpcEvent {
  readonly sender: { readonly id: number };
  returnValue: unknown;
}
