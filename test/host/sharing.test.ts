import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import { TokenIssuer } from '../../src-main/core/access/token-issuer.js';
import { systemClock } from '../../src-main/core/clock.js';
import { type TestHost, recorder, startTestHost } from '../support/host-fixture.js';
import { closed, connect, delay, waitUntil } from '../support/hub-fixture.js';

// A second loopback address stands for the LAN: tests never leave this machine.
const lanAddress = '127.0.0.2';

async function join(url: string, code: string, name: string): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${url}/api/join`, { method: 'POST', body: JSON.stringify({ code, name }) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('LAN sharing', () => {
  let test: TestHost | undefined;
  afterEach(async () => test?.stop());

  const start = () => startTestHost({ shareAddresses: [lanAddress], advertise: false });

  it('lets only this machine in until sharing is on, then peers with a join code, each with its role', async () => {
    test = await start();
    const owner = await test.client();
    expect((await owner.whoAmI()).role).toBe('owner');
    expect((await owner.getSharing()).enabled).toBe(false);

    const sharing = await owner.startSharing(false);
    expect(sharing.enabled).toBe(true);
    const lan = sharing.urls[0]!;
    expect(new URL(lan).hostname).toBe(lanAddress);

    // Without a token the LAN endpoint refuses the hub.
    const anonymous = await fetch(`${lan}/hubs/dashboard/negotiate?negotiateVersion=1`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toBe('This host is shared: sign in with the owner link or join it with a code.');

    const viewerCode = await owner.createJoinCode('viewer', 10);
    expect(viewerCode.code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    const viewerGrant = await join(lan, viewerCode.code.toLowerCase(), 'Vera');
    expect(viewerGrant.status).toBe(200);
    expect(viewerGrant.body.role).toBe('viewer');
    expect((await join(lan, viewerCode.code, 'Again')).status).toBe(403);
    expect((await join(lan, 'AAAAA-BBBBB', 'Guess')).body.error).toBe('That code is not valid: it may be mistyped, used already or expired.');

    const viewer = new DashboardHubProxy(await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => viewerGrant.body.token! }));
    expect(await viewer.whoAmI()).toMatchObject({ displayName: 'Vera', role: 'viewer' });
    // Sharing changes carry join codes: owners hear of them, peers do not.
    const ownerHeard = recorder(owner).other;
    const viewerHeard = recorder(viewer).other;
    await owner.createJoinCode('viewer', 1);
    await waitUntil(() => ownerHeard.includes('sharing:true'), 'the owner heard of the new code');
    // A reply to the viewer comes after anything the host sent it before (one connection, in order).
    await viewer.whoAmI();
    expect(viewerHeard.filter((call) => call.startsWith('sharing:'))).toEqual([]);
    expect((await viewer.listDashboards()).length).toBeGreaterThan(0);
    await expect(viewer.acknowledgeAlert('any')).rejects.toThrow("Failed to invoke 'AcknowledgeAlert' because user is unauthorized");
    await expect(viewer.createJoinCode('owner', 5)).rejects.toThrow("Failed to invoke 'CreateJoinCode' because user is unauthorized");

    const operatorCode = await owner.createJoinCode('operator', 10);
    const operatorGrant = await join(lan, operatorCode.code, 'Otto');
    const operator = new DashboardHubProxy(await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => operatorGrant.body.token! }));
    await expect(operator.acknowledgeAlert('missing')).rejects.toThrow("HubException: There is no alert 'missing'.");
    await expect(operator.saveAlertRule({ id: 'x', name: 'x', selector: 'x', comparison: '>', threshold: 1, forSeconds: 0, severity: 'info', enabled: true })).rejects.toThrow(
      'because user is unauthorized',
    );

    const peers = (await owner.getSharing()).peers;
    expect(peers.map((p) => [p.name, p.role]).sort()).toEqual([['Otto', 'operator'], ['Vera', 'viewer']]);
    await Promise.all([viewer.connection.stop(), operator.connection.stop()]);
  });

  it("keeps names unique per host with the owner's reserved, and records each peer by id and role", async () => {
    test = await start();
    const owner = await test.client();
    const lan = (await owner.startSharing(false)).urls[0]!;
    const hostName = test.host.services.hostName;
    const code = (await owner.createJoinCode('operator', 5)).code;
    for (const impostor of [`${hostName} (owner)`, hostName.toUpperCase(), 'Local viewer', 'Vera (owner)']) {
      const refused = await join(lan, code, impostor);
      expect(refused.status, impostor).toBe(409);
      expect(refused.body.error).toBe(`The name '${impostor}' is reserved for the host's owner; choose another.`);
    }
    // Refused names did not use up the code.
    const vera = await join(lan, code, 'Vera');
    expect(vera.status).toBe(200);
    const again = await join(lan, (await owner.createJoinCode('viewer', 5)).code, ' vera ');
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("The name 'vera' is taken on this host; choose another.");

    const peer = new DashboardHubProxy(await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => vera.body.token! }));
    const peerId = (await peer.whoAmI()).userId;
    expect(peerId).toMatch(/^peer-/);
    const event = await peer.trackUserActivity('main', 'opened-panel', 'cpu');
    expect(event.by).toEqual({ id: peerId, name: 'Vera', role: 'operator' });
    const main = await peer.getDashboard('main');
    const saved = await peer.saveDashboard({ id: 'main', name: main.name, panels: main.panels, baseVersion: main.version });
    expect(saved.updatedBy).toEqual({ id: peerId, name: 'Vera', role: 'operator' });
    expect((await owner.listDashboards()).find((d) => d.id === 'main')!.updatedBy).toEqual(saved.updatedBy);
    expect((await peer.joinDashboard('main', 'ignored', 'browser')).find((v) => v.userId === peerId)).toMatchObject({ displayName: 'Vera', role: 'operator' });
    await peer.connection.stop();
  });

  it('holds join attempts to a total across addresses, beside the limit per address', async () => {
    test = await start();
    const owner = await test.client();
    const lan = (await owner.startSharing(false)).urls[0]!;
    const { request } = await import('node:http');
    const attempt = (localAddress: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${lan}/api/join`, { method: 'POST', localAddress }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(JSON.stringify({ code: 'AAAAA-BBBBB', name: 'Guess' }));
      });
    // Ten wrong guesses from each of six addresses use up the sixty allowed in all.
    for (let a = 1; a <= 6; a++) {
      for (let i = 0; i < 10; i++) expect(await attempt(`127.0.3.${a}`)).toBe(403);
      expect(await attempt(`127.0.3.${a}`)).toBe(429);
    }
    // A seventh address could make ten attempts on its own; the total (refilling at one a second) stops it first.
    const seventh: number[] = [];
    for (let i = 0; i < 10; i++) seventh.push(await attempt('127.0.3.7'));
    expect(seventh).toContain(429);
  });

  it('revokes a peer: its connection is closed and its token refused', async () => {
    test = await start();
    const owner = await test.client();
    const lan = (await owner.startSharing(false)).urls[0]!;
    const grant = await join(lan, (await owner.createJoinCode('operator', 5)).code, 'Mallory');
    const connection = await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => grant.body.token! });
    const peerId = (await owner.getSharing()).peers[0]!.id;
    const gone = closed(connection);
    const after = await owner.revokePeer(peerId);
    expect(after.peers[0]!.revoked).toBe(true);
    expect((await gone)?.message).toBe('Server returned an error on close: Connection closed with an error. HubException: Your access to this host was revoked.');
    const retry = await fetch(`${lan}/hubs/dashboard/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${grant.body.token}` } });
    expect(retry.status).toBe(401);
    expect(await retry.text()).toBe('This token was revoked.');
  });

  it('refuses forged and expired tokens with a reason', async () => {
    test = await start();
    const owner = await test.client();
    const lan = (await owner.startSharing(false)).urls[0]!;
    const forged = await new TokenIssuer((await import('../support/temp-dir.js')).tempDir().path, systemClock).sign({ sub: 'owner', name: 'Eve', role: 'owner', expiresAt: Date.now() + 60_000 });
    const forgedRes = await fetch(`${lan}/hubs/dashboard/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${forged}` } });
    expect(forgedRes.status).toBe(401);
    expect(await forgedRes.text()).toBe('The token is not valid for this host.');
    const expired = await new TokenIssuer(test.dataDir, systemClock).sign({ sub: 'owner', name: 'Old', role: 'owner', expiresAt: Date.now() - 60_000 });
    const expiredRes = await fetch(`${lan}/hubs/dashboard/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${expired}` } });
    expect(await expiredRes.text()).toBe('The token has expired; join again with a new code.');
    // The app's own windows use the owner token, which works on any endpoint.
    const app = new DashboardHubProxy(await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => test!.host.ownerToken() }));
    expect((await app.whoAmI()).role).toBe('owner');
    await app.connection.stop();
  });

  it('stops sharing: peers are disconnected and the LAN endpoint closes', async () => {
    test = await start();
    const owner = await test.client();
    const lan = (await owner.startSharing(false)).urls[0]!;
    const grant = await join(lan, (await owner.createJoinCode('viewer', 5)).code, 'Pat');
    const peer = await connect(`${lan}/hubs/dashboard`, { accessTokenFactory: () => grant.body.token! });
    const gone = closed(peer);
    expect((await owner.stopSharing()).enabled).toBe(false);
    expect((await gone)?.message).toContain('The host stopped sharing.');
    await expect(fetch(`${lan}/hubs/dashboard/negotiate`, { method: 'POST' })).rejects.toThrow();
    // The local owner is still connected.
    expect((await owner.whoAmI()).role).toBe('owner');
  });

  it('shares over TLS with a certificate whose fingerprint peers can pin, kept across restarts', async () => {
    test = await start();
    const owner = await test.client();
    const state = await owner.startSharing(true);
    expect(state.urls[0]).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/);
    expect(state.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const seen = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${state.urls[0]}/hubs/dashboard/negotiate`, { method: 'POST', rejectUnauthorized: false }, (res) => {
        resolve((res.socket as TLSSocket).getPeerCertificate().fingerprint256);
        res.resume();
      });
      req.on('error', reject);
      req.end();
    });
    expect(seen).toBe(state.fingerprint);
    await owner.stopSharing();
    expect((await owner.startSharing(true)).fingerprint).toBe(state.fingerprint);
  });

  it('refuses requests whose Host header names another site (DNS rebinding)', async () => {
    test = await start();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(`${test!.host.url}/`, { headers: { Host: 'rebind.attacker.example' } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      req.end();
    });
    expect(status).toBe(400);
    await delay(1);
  });
});
