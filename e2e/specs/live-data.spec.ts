import { expect, test } from '../fixtures.js';
import { addRule, forceAlert } from '../support/scenario.js';

test('the first paint shows live data', async ({ openPeer }) => {
  const started = Date.now();
  const ann = await openPeer({ name: 'Ann' });
  await ann.expectLive('cpu');
  await expect(ann.byTestId('stat-value-cpu-now')).toHaveText(/\d/);
  // Live charts are meant to show within 2 s of opening; a loaded CI machine gets some slack.
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('browser peers forced onto Server-Sent Events and long polling still work', async ({ host, owner, openPeer }) => {
  await addRule(owner, 'e2e-transport', 'syn.transport');
  const sse = await openPeer({ name: 'Sse', transport: 'sse', newProfile: true });
  const polling = await openPeer({ name: 'Poll', transport: 'longpolling', newProfile: true });
  await sse.expectLive();
  await polling.expectLive();
  const alert = await forceAlert(host, owner, 'e2e-transport', 'syn.transport');
  await sse.expectAlert(alert.id, 'firing');
  await polling.expectAlert(alert.id, 'firing');
  await expect(sse.viewer('Poll')).toBeVisible();
});
