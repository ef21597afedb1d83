import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LanAgent, startLanAgent } from '../support/lan-agent.js';
import { type TestLan, createLan, lanUnavailableReason } from '../support/lan-namespaces.js';

// CI makes namespaces (it runs as root); elsewhere these tests say why they cannot run.
const unavailable = lanUnavailableReason();
const required = process.env.HUBDECK_REQUIRE_NETNS === '1';

describe('sharing on a real LAN of network namespaces: a host and two peer machines', () => {
  if (unavailable && required) {
    it('can make network namespaces, as this run requires (HUBDECK_REQUIRE_NETNS=1)', () => {
      throw new Error(unavailable);
    });
    return;
  }
  const title = (name: string) => (unavailable ? `${name} (skipped: ${unavailable})` : name);
  let lan: TestLan | undefined;
  let host: LanAgent;
  let vera: LanAgent;
  let otto: LanAgent;

  beforeAll(async () => {
    if (unavailable) return;
    lan = createLan(3);
    [host, vera, otto] = lan.machines.map((m) => startLanAgent(m.namespace)) as [LanAgent, LanAgent, LanAgent];
    await host.call('startHost', { shareAddress: lan.machines[0]!.address, hostName: 'lanhost' });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([host, vera, otto].filter(Boolean).map((agent) => agent.stop()));
    lan?.destroy();
  }, 30_000);

  it.skipIf(unavailable !== undefined)(title('a peer finds the host over mDNS, joins with a code over plain HTTP, keeps to its role, and is cut off when sharing stops'), async () => {
    const sharing = (await host.call('owner', { method: 'startSharing', args: [false] })) as { urls: string[] };
    const url = `http://${lan!.machines[0]!.address}:5150`;
    expect(sharing.urls).toEqual([url]);

    const found = await vera.call('discover', { timeoutMs: 3000 });
    expect(found).toContainEqual({ name: 'Hubdeck on lanhost', url, tls: false });

    // Without a code, the LAN endpoint refuses the hub.
    expect((await vera.call('negotiate', { url, token: 'none' })).status).toBe(401);
    const { code } = (await host.call('owner', { method: 'createJoinCode', args: ['viewer', 5] })) as { code: string };
    const grant = await vera.call('join', { url, code, name: 'Vera' });
    expect(grant.status).toBe(200);
    await vera.call('connectPeer', { url, token: grant.body.token! });
    expect(await vera.call('peer', { method: 'whoAmI', args: [] })).toMatchObject({ displayName: 'Vera', role: 'viewer' });
    await expect(vera.call('peer', { method: 'acknowledgeAlert', args: ['any'] })).rejects.toThrow("Failed to invoke 'AcknowledgeAlert' because user is unauthorized");

    await host.call('owner', { method: 'stopSharing', args: [] });
    expect(await vera.call('peerClosed')).toContain('The host stopped sharing.');
    await expect(vera.call('negotiate', { url, token: grant.body.token! })).rejects.toThrow();
  });

  it.skipIf(unavailable !== undefined)(title('a peer joins over TLS after pinning the fingerprint the owner sees, as an operator'), async () => {
    const sharing = (await host.call('owner', { method: 'startSharing', args: [true] })) as { urls: string[]; fingerprint: string };
    const url = `https://${lan!.machines[0]!.address}:5150`;
    expect(sharing.urls).toEqual([url]);
    expect((await otto.call('discover', { timeoutMs: 3000 })).find((h) => h.url === url)?.tls).toBe(true);
    expect(await otto.call('fingerprint', { url })).toBe(sharing.fingerprint);
    await otto.call('trustPinned');
    const { code } = (await host.call('owner', { method: 'createJoinCode', args: ['operator', 5] })) as { code: string };
    const grant = await otto.call('join', { url, code, name: 'Otto' });
    expect(grant.status).toBe(200);
    await otto.call('connectPeer', { url, token: grant.body.token! });
    expect(await otto.call('peer', { method: 'whoAmI', args: [] })).toMatchObject({ displayName: 'Otto', role: 'operator' });
    await expect(otto.call('peer', { method: 'acknowledgeAlert', args: ['missing'] })).rejects.toThrow("There is no alert 'missing'.");
    await expect(otto.call('peer', { method: 'createJoinCode', args: ['owner', 5] })).rejects.toThrow('because user is unauthorized');
    await host.call('owner', { method: 'stopSharing', args: [] });
    expect(await otto.call('peerClosed')).toContain('The host stopped sharing.');
  });
});
