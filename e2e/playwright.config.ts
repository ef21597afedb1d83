import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright cannot download its own browsers here. */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Flaky tests are bugs to fix, not to retry.
  retries: 0,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: '../test-results/e2e',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', viewport: { width: 1440, height: 900 } },
  projects: [
    { name: 'web', use: { browserName: 'chromium', launchOptions: chromiumLaunch } },
    { name: 'electron', use: { browserName: 'chromium', launchOptions: chromiumLaunch } },
  ],
});
