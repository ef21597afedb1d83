import { expect, test } from '../fixtures.js';
import { addRule, forceAlert } from '../support/scenario.js';

test('the host restarts and peers reconnect by themselves with the alert log intact', async ({ host, owner, openPeer }) => {
  await addRule(owner, 'e2e-restart', 'syn.restart');
  const ann = await openPeer({ name: 'Ann' });
  await ann.expectLive();
  const alert = await forceAlert(host, owner, 'e2e-restart', 'syn.restart');
  await ann.expectAlert(alert.id, 'firing');

  await host.restart();
  await expect(ann.banner).toBeVisible();
  await ann.expectConnected();
  await ann.expectLive();
  await ann.expectAlert(alert.id, 'firing');
});

test('the offline banner appears when the host stops', async ({ host, openPeer }) => {
  const ann = await openPeer({ name: 'Ann' });
  await ann.expectLive();
  await host.stop();
  await expect(ann.banner).toBeVisible();
  await expect(ann.banner).toHaveAttribute('data-state', /reconnecting|offline/);
});
