import { expect } from '@playwright/test';
import type { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import type { Alert } from '../../contracts/generated/dashboard-hub.types.js';
import type { E2eHost } from './e2e-host.js';

/** Creates a rule that fires at once when `series` goes above `threshold`. */
export async function addRule(owner: DashboardHubProxy, id: string, series: string, threshold = 50): Promise<void> {
  await owner.saveAlertRule({ id, name: `Rule ${id}`, selector: series, comparison: '>', threshold, forSeconds: 0, severity: 'warning', enabled: true });
}

/** Pushes `series` over the rule's threshold and returns the alert once it is firing. */
export async function forceAlert(host: E2eHost, owner: DashboardHubProxy, ruleId: string, series: string, value = 99): Promise<Alert> {
  await host.setSynthetic({ [series]: value });
  let alert: Alert | undefined;
  await expect
    .poll(async () => {
      alert = (await owner.listAlerts('main', 50)).find((a) => a.ruleId === ruleId && a.state === 'firing');
      return alert !== undefined;
    })
    .toBe(true);
  return alert!;
}
