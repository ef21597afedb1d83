import { expect, test } from '../fixtures.js';

test('presence: a peer appears when it joins and disappears when it leaves', async ({ openPeer }) => {
  const ann = await openPeer({ name: 'Ann' });
  await ann.expectLive();
  const bob = await openPeer({ name: 'Bob', newProfile: true });
  await expect(ann.viewer('Bob')).toBeVisible();
  await expect(bob.viewer('Ann')).toBeVisible();
  await bob.page.close();
  await expect(ann.viewer('Bob')).toHaveCount(0);
});

test('a dashboard edit by one peer appears at the other, and a concurrent edit shows the conflict', async ({ openPeer }) => {
  const ann = await openPeer({ name: 'Ann' });
  const bob = await openPeer({ name: 'Bob', newProfile: true });
  await ann.expectLive();
  await bob.expectLive();

  await ann.rename('Ops room');
  await expect(bob.byTestId('dashboard-name')).toContainText('Ops room');

  // Both open the editor on the same version; Ann saves first, Bob's save must be refused.
  await ann.rename('Ann was here', false);
  await bob.rename('Bob was here', false);
  await ann.byTestId('editor-save').click();
  await expect(ann.byTestId('editor')).toHaveCount(0);
  await bob.byTestId('editor-save').click();
  await expect(bob.byTestId('conflict')).toContainText('was saved by Ann');
  await bob.byTestId('conflict-reload').click();
  await expect(bob.byTestId('dashboard-name')).toContainText('Ann was here');
});
