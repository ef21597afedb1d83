import { expect, test } from '../fixtures.js';
import { addRule, forceAlert } from '../support/scenario.js';

test('the LAN join flow with a code: a viewer cannot acknowledge, an operator can', async ({ host, owner, openPeer }) => {
  await addRule(owner, 'e2e-lan', 'syn.lan');
  const sharing = await owner.startSharing(false);
  const lan = sharing.urls[0]!;
  const alert = await forceAlert(host, owner, 'e2e-lan', 'syn.lan');

  const joinAs = async (name: string, role: 'viewer' | 'operator') => {
    const { code } = await owner.createJoinCode(role, 10);
    const peer = await openPeer({ name, newProfile: true, origin: lan });
    await expect(peer.byTestId('join-screen')).toBeVisible();
    await peer.byTestId('join-code').fill(code);
    await peer.byTestId('join-name').fill(name);
    await peer.byTestId('join-submit').click();
    await peer.expectLive();
    return peer;
  };

  const viewer = await joinAs('Vera', 'viewer');
  await viewer.expectAlert(alert.id, 'firing');
  await expect(viewer.byTestId(`acknowledge-${alert.id}`).first()).toBeDisabled();

  const operator = await joinAs('Otto', 'operator');
  await operator.acknowledge(alert.id);
  await expect(viewer.byTestId(`acknowledged-by-${alert.id}`).first()).toContainText('Otto');
  // Every name is shown with its role: a peer cannot pass for someone with more rights.
  await expect(viewer.byTestId(`acknowledged-by-${alert.id}`).first()).toContainText('operator');
  await expect(operator.byTestId('viewer-role-Vera')).toHaveText('viewer');
});
