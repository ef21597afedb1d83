import type { HubConnection } from '@microsoft/signalr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopConfig } from '../../contracts/desktop-bridge.js';
import { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import { connect, waitUntil } from '../../test/support/hub-fixture.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { createElectronStandIn } from './electron-stand-in.js';
import { ipcChannels } from './ipc-channels.js';

// The shell's own logic, run for real (with a real host core on loopback) against a stand-in for
// the `electron` module: no Electron binary can be had here. The electron e2e project runs the
// app itself wherever one exists.

type StandIn = ReturnType<typeof createElectronStandIn>;

const environment = ['HUBDECK_PORT', 'HUBDECK_DATA_DIR', 'HUBDECK_JOIN_URL', 'HUBDECK_WINDOW_QUERY', 'ELECTRON_RENDERER_URL'];
const saved = Object.fromEntries(environment.map((name) => [name, process.env[name]]));

let running: { electron: StandIn; dir: { remove(): void }; clients: HubConnection[] } | undefined;

/** Runs the shell's entry module once, as Electron would start it, with `env` on top of a clean environment. */
async function startShell(singleInstance: boolean, env: Record<string, string> = {}): Promise<StandIn> {
  const dir = tempDir('hubdeck-shell-');
  const electron = createElectronStandIn({ singleInstance, userData: dir.path });
  for (const name of environment) delete process.env[name];
  Object.assign(process.env, { HUBDECK_PORT: '0' }, env);
  running = { electron, dir, clients: [] };
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  await import('./main.js');
  return electron;
}

/** Waits for the main window and reads the config the shell gives it, and how it signs in. */
async function mainWindow(electron: StandIn) {
  await waitUntil(() => electron.windows.length > 0, 'the shell opened its main window', 15_000);
  const window = electron.windows[0]!;
  const ownerToken = () => electron.invoke(ipcChannels.ownerToken, window) as Promise<string>;
  return { window, config: electron.sendSync(ipcChannels.config, window) as DesktopConfig, ownerToken };
}

afterEach(async () => {
  const current = running;
  running = undefined;
  if (!current) return;
  await Promise.all(current.clients.map((client) => client.stop()));
  if (!current.electron.state.quit) {
    current.electron.app.quit();
    await waitUntil(() => current.electron.state.quit, 'the shell quit', 10_000);
  }
  vi.doUnmock('electron');
  for (const name of environment) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  current.dir.remove();
});

describe('the Electron shell', () => {
  it('quits at once, starting nothing, when another instance already runs', async () => {
    const electron = await startShell(false);
    expect(electron.state.quit).toBe(true);
    expect(electron.windows).toEqual([]);
    expect(electron.listens(ipcChannels.config)).toBe(false);
  });

  it('starts the host and opens the main window on its UI, with the owner token; a second instance focuses it', async () => {
    const electron = await startShell(true, { HUBDECK_WINDOW_QUERY: 'name=Ann' });
    const { window, config, ownerToken } = await mainWindow(electron);
    const origin = new URL(config.hubUrl).origin;
    expect(config).toEqual({ hubUrl: `${origin}/hubs/dashboard`, version: '9.9.9' });
    expect(window.url).toBe(`${origin}/?name=Ann`);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    // The window asks for a token at every connection; it is the owner's, the hub says so.
    expect(await ownerToken()).toMatch(/^ey/);
    const client = await connect(config.hubUrl, { accessTokenFactory: ownerToken });
    running!.clients.push(client);
    expect(await new DashboardHubProxy(client).whoAmI()).toMatchObject({ role: 'owner' });

    electron.app.emit('second-instance');
    expect(window.focused).toBe(1);
    expect(electron.windows).toHaveLength(1);
    window.close();
    electron.app.emit('activate');
    expect(electron.windows).toHaveLength(2);
  });

  it('pops panels out on the same host, and opens another host in a window that signs in there without a token', async () => {
    const electron = await startShell(true);
    const { window, config } = await mainWindow(electron);
    const origin = new URL(config.hubUrl).origin;

    electron.send(ipcChannels.popOut, window, 'cpu');
    expect(electron.windows[1]!.url).toBe(`${origin}/?panel=cpu`);
    expect(electron.sendSync(ipcChannels.config, electron.windows[1]!)).toEqual(config);

    electron.send(ipcChannels.openHost, window, 'http://192.0.2.7:5150/?peer=1');
    const remote = electron.windows[2]!;
    expect(remote.url).toBe('http://192.0.2.7:5150/?peer=1');
    expect(remote.options.title).toBe('Hubdeck — 192.0.2.7:5150');
    expect(electron.sendSync(ipcChannels.config, remote)).toEqual({ hubUrl: 'http://192.0.2.7:5150/hubs/dashboard', version: '9.9.9' });
    expect(await electron.invoke(ipcChannels.ownerToken, remote)).toBe('');
    expect(await electron.invoke(ipcChannels.ownerToken, electron.windows[1]!)).toMatch(/^ey/);

    // Only web addresses open a window; anything else is ignored.
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url']) electron.send(ipcChannels.openHost, window, url);
    expect(electron.windows).toHaveLength(3);
  });

  it('shows firing alerts in the tray and as a notification', async () => {
    const electron = await startShell(true);
    const { config, ownerToken } = await mainWindow(electron);
    const tray = electron.trays[0]!;
    expect(tray.toolTip).toBe('Hubdeck — all calm');
    expect(tray.menu!.template.map((item) => item.label)).toEqual(['Open Hubdeck', 'Share on LAN', undefined, 'Quit']);

    const client = await connect(config.hubUrl, { accessTokenFactory: ownerToken });
    running!.clients.push(client);
    await new DashboardHubProxy(client).saveAlertRule({
      id: 'always', name: 'Always', selector: 'process.count', comparison: '>', threshold: 0, forSeconds: 0, severity: 'error', enabled: true,
    });
    await waitUntil(() => tray.toolTip === 'Hubdeck — 1 alert(s) firing', 'the tray shows the firing alert', 10_000);
    expect(electron.notifications).toEqual([{ title: 'Hubdeck: error', body: expect.stringContaining('Always') }]);
  });

  it('closes the host before it quits', async () => {
    const electron = await startShell(true);
    const { config } = await mainWindow(electron);
    const negotiate = () => fetch(`${config.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST' }).then((res) => res.status);
    expect(await negotiate()).toBe(200);
    electron.app.quit();
    expect(electron.state.quit).toBe(false);
    await waitUntil(() => electron.state.quit, 'the shell quit once the host closed', 10_000);
    await expect(negotiate()).rejects.toThrow();
  });
});
