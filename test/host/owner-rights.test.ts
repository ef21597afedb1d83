import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import { ownerTokenMinutes } from '../../src-main/core/access/access-policy.js';
import type { Clock } from '../../src-main/core/clock.js';
import { type TestHost, startTestHost } from '../support/host-fixture.js';
import { closed, connect } from '../support/hub-fixture.js';

// A second loopback address stands for the LAN: tests never leave this machine.
const lanAddress = '127.0.0.2';
const noToken = { accessTokenFactory: () => '' };

async function join(url: string, code: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/join`, { method: 'POST', body: JSON.stringify({ code, name }) });
  if (res.status !== 200) throw new Error(`The join was refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** What negotiate answers a bearer of `token` (none when undefined). */
async function negotiate(baseUrl: string, token?: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  const res = await fetch(`${baseUrl}/hubs/dashboard/negotiate?negotiateVersion=1`, { method: 'POST', headers });
  return { status: res.status, text: await res.text() };
}

describe('owner rights come from the owner token only', () => {
  let test: TestHost | undefined;
  afterEach(async () => test?.stop());

  const start = (clock?: Clock) => startTestHost({ shareAddresses: [lanAddress], advertise: false, ...(clock ? { clock } : {}) });

  it('lets a caller without a token look, on loopback, while the host is not shared, and nothing more', async () => {
    test = await start();
    const local = await test.client(noToken);
    expect(await local.whoAmI()).toMatchObject({ userId: 'local', displayName: 'Local viewer', role: 'viewer' });
    expect((await local.listDashboards()).length).toBeGreaterThan(0);
    await expect(local.startSharing(false)).rejects.toThrow("Failed to invoke 'StartSharing' because user is unauthorized");
    await expect(local.createJoinCode('owner', 5)).rejects.toThrow("Failed to invoke 'CreateJoinCode' because user is unauthorized");
    await expect(local.revokeAllTokens()).rejects.toThrow("Failed to invoke 'RevokeAllTokens' because user is unauthorized");
    await expect(local.deleteAlertRule('cpu-high')).rejects.toThrow("Failed to invoke 'DeleteAlertRule' because user is unauthorized");
    await expect(local.saveDashboard({ id: 'x', name: 'X', panels: [], baseVersion: 0 })).rejects.toThrow("Failed to invoke 'SaveDashboard' because user is unauthorized");
    await expect(local.renewOwnerToken()).rejects.toThrow("Failed to invoke 'RenewOwnerToken' because user is unauthorized");
    // The owner token, as the app's windows and the owner link carry it, is the owner.
    const owner = await test.client();
    expect(await owner.whoAmI()).toMatchObject({ userId: 'owner', role: 'owner' });
  });

  it('closes the connections without a token when sharing starts, and refuses new ones, on loopback too', async () => {
    test = await start();
    const owner = await test.client();
    const local = await test.client(noToken);
    const localGone = closed(local.connection);
    await owner.startSharing(false);
    expect((await localGone)?.message).toBe('Server returned an error on close: Connection closed with an error. HubException: This host is now shared: sign in with the owner link or a join code.');
    expect(await negotiate(test.host.url)).toEqual({ status: 401, text: 'This host is shared: sign in with the owner link or join it with a code.' });
    // The owner's own connection carries a token and stays.
    expect((await owner.whoAmI()).role).toBe('owner');
  });

  it('ends every peer token when sharing stops, so no peer comes back when it starts again', async () => {
    test = await start();
    const owner = await test.client();
    const lan = (await owner.startSharing(false)).urls[0]!;
    const viewerToken = await join(lan, (await owner.createJoinCode('viewer', 5)).code, 'Vera');
    const ownerPeerToken = await join(lan, (await owner.createJoinCode('owner', 5)).code, 'Olga');
    const unused = (await owner.createJoinCode('operator', 5)).code;
    const olga = await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => ownerPeerToken });
    const olgaGone = closed(olga);
    const stopped = await owner.stopSharing();
    // Peers with the owner role are peers all the same: their tokens end too.
    expect((await olgaGone)?.message).toContain('The host stopped sharing.');
    expect(stopped.peers.map((p) => [p.name, p.revoked]).sort()).toEqual([['Olga', true], ['Vera', true]]);
    expect(stopped.joinCodes).toEqual([]);

    const again = (await owner.startSharing(false)).urls[0]!;
    for (const token of [viewerToken, ownerPeerToken]) expect(await negotiate(again, token)).toEqual({ status: 401, text: 'This token was revoked.' });
    const refused = await fetch(`${again}/api/join`, { method: 'POST', body: JSON.stringify({ code: unused, name: 'Otto' }) });
    expect(refused.status).toBe(403);
    expect((await owner.whoAmI()).role).toBe('owner');
  });

  it('revokes every token, the owner\'s included, by changing the signing key; the app signs in again with a new one', async () => {
    test = await start();
    const keyFile = joinPath(test.dataDir, 'token-key');
    const keyBefore = readFileSync(keyFile, 'utf8');
    const oldOwnerToken = await test.host.ownerToken();
    const owner = await test.client({ accessTokenFactory: () => oldOwnerToken });
    const lan = (await owner.startSharing(false)).urls[0]!;
    const peerToken = await join(lan, (await owner.createJoinCode('operator', 5)).code, 'Otto');
    const peer = await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => peerToken });
    const [ownerGone, peerGone] = [closed(owner.connection), closed(peer)];

    const state = await owner.revokeAllTokens();
    expect(state.peers.every((p) => p.revoked)).toBe(true);
    for (const gone of [ownerGone, peerGone]) expect((await gone)?.message).toContain('Every token was revoked: sign in again.');
    expect(readFileSync(keyFile, 'utf8')).not.toBe(keyBefore);
    expect(await negotiate(test.host.url, oldOwnerToken)).toEqual({ status: 401, text: 'The token is not valid for this host.' });
    expect(await negotiate(lan, peerToken)).toEqual({ status: 401, text: 'The token is not valid for this host.' });
    // The app asks for a token at every connection, and gets one signed with the new key.
    const app = await test.client();
    expect((await app.whoAmI()).role).toBe('owner');
  });

  it('issues owner tokens that admit connections for a few minutes only, renewed over the hub by whoever holds one', async () => {
    // The host's wall clock, moved forward by hand: tokens are signed and checked against it.
    let offset = 0;
    const clock: Clock = { now: () => Date.now() + offset };
    test = await start(clock);
    const first = await test.host.ownerToken();
    const owner = await test.client({ accessTokenFactory: () => first });
    const renewed = await owner.renewOwnerToken();
    const lifetime = Date.parse(renewed.expiresAt) - clock.now();
    expect(lifetime).toBeGreaterThan((ownerTokenMinutes - 1) * 60_000);
    expect(lifetime).toBeLessThanOrEqual(ownerTokenMinutes * 60_000);

    offset = (ownerTokenMinutes + 1) * 60_000;
    expect(await negotiate(test.host.url, first)).toEqual({ status: 401, text: 'The token has expired; join again with a new code.' });
    expect(await negotiate(test.host.url, renewed.token)).toEqual({ status: 401, text: 'The token has expired; join again with a new code.' });
    // A connection the token admitted stays open; renewing from it gives a token valid from now.
    const later = await owner.renewOwnerToken();
    expect(Date.parse(later.expiresAt)).toBeGreaterThan(clock.now());
    expect((await negotiate(test.host.url, later.token)).status).toBe(200);

    // A peer with the owner role keeps the token it joined with: only the owner token is renewed.
    const lan = (await owner.startSharing(false)).urls[0]!;
    const olgaToken = await join(lan, (await owner.createJoinCode('owner', 5)).code, 'Olga');
    const olga = new DashboardHubProxy(await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => olgaToken }));
    await expect(olga.renewOwnerToken()).rejects.toThrow('HubException: Only the owner token is renewed; a peer keeps the token it joined with.');
    await olga.connection.stop();
  });
});
