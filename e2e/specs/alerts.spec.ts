import { expect, test } from '../fixtures.js';
import { addRule, forceAlert } from '../support/scenario.js';

test('a forced threshold raises an alert in two windows and at a second peer; the second peer acknowledges and the first sees who', async ({
  host,
  owner,
  openPeer,
}) => {
  await addRule(owner, 'e2e-hot', 'syn.hot');
  const annMain = await openPeer({ name: 'Ann' });
  const annSecond = await openPeer({ name: 'Ann' });
  const bob = await openPeer({ name: 'Bob', newProfile: true });
  for (const page of [annMain, annSecond, bob]) await page.expectLive();

  const alert = await forceAlert(host, owner, 'e2e-hot', 'syn.hot');
  for (const page of [annMain, annSecond, bob]) await page.expectAlert(alert.id, 'firing');

  await bob.acknowledge(alert.id);
  await expect(annMain.byTestId(`acknowledged-by-${alert.id}`).first()).toContainText('Bob');
  await expect(annSecond.byTestId(`acknowledged-by-${alert.id}`).first()).toContainText('Bob');
});
