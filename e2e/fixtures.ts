import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type ElectronApplication, type Page, test as base, _electron } from '@playwright/test';
import type { DashboardHubProxy } from '../contracts/generated/dashboard-hub.client.js';
import { DashboardPage } from './support/dashboard-page.js';
import { E2eHost } from './support/e2e-host.js';
import { connectOwner } from './support/hub-client.js';

const root = join(import.meta.dirname, '..');

/** The Electron binary, when this machine has one (its download is lazy and may never have happened). */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export interface PeerOptions {
  /** Shown to other viewers. */
  readonly name: string;
  readonly transport?: 'websockets' | 'sse' | 'longpolling';
  /** Another browser profile (a second peer) rather than another window of the same one. */
  readonly newProfile?: boolean;
  /** Open this URL's origin instead of the host's (the LAN address). */
  readonly origin?: string;
}

interface Fixtures {
  /** The host under test: the headless host (web) or the app's embedded host (electron). */
  host: E2eHost;
  /** The owner, through the generated client, for arranging scenarios. */
  owner: DashboardHubProxy;
  /** Opens a peer; in the electron project the first peer is the app's own window. */
  openPeer: (options: PeerOptions) => Promise<DashboardPage>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      testInfo.skip(!electronBinary(), 'No Electron binary on this machine (npm never downloads it here); the electron project runs where one is installed.');
      testInfo.skip(!existsSync(join(root, 'out', 'main', 'index.js')), 'The app is not built: run npm run build first.');
    }
    const host = await E2eHost.start();
    await use(host);
    await host.dispose();
  },

  owner: async ({ host }, use) => {
    const owner = await connectOwner(host.url, host.ownerToken);
    await use(owner);
    await owner.connection.stop();
  },

  openPeer: async ({ browser, host }, use, testInfo) => {
    const contexts = [await browser.newContext()];
    let app: ElectronApplication | undefined;
    await use(async (options) => {
      const query = new URLSearchParams({ name: options.name, ...(options.transport ? { transport: options.transport } : {}) });
      if (testInfo.project.name === 'electron' && !app && !options.origin) {
        // The app joins the test's host (as "Join a dashboard" does), so both projects drive one host.
        app = await _electron.launch({
          args: [join(root, 'out', 'main', 'index.js')],
          env: { ...process.env, HUBDECK_JOIN_URL: host.url, HUBDECK_JOIN_TOKEN: host.ownerToken, HUBDECK_WINDOW_QUERY: query.toString() },
        });
        return new DashboardPage(await app.firstWindow());
      }
      if (options.newProfile) contexts.push(await browser.newContext());
      const page: Page = await contexts.at(-1)!.newPage();
      // A page on this machine opens the owner link, as its owner would; one on the LAN joins with a code.
      await page.goto(options.origin ? `${options.origin}/?${query}` : `${host.url}/?${query}#token=${host.ownerToken}`);
      return new DashboardPage(page);
    });
    await app?.close();
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect } from '@playwright/test';
