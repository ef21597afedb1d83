import { HttpTransportType } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, Hub, type HubUser, bearerToken } from '../../src-server/index.js';
import { type RunningServer, closed, connect, startServer } from '../support/hub-fixture.js';

const tokens: Record<string, HubUser> = {
  'token-ann': { id: 'ann', name: 'Ann', roles: ['operator'] },
  'token-bob': { id: 'bob', name: 'Bob', roles: ['viewer'] },
};

class SecureHub extends Hub {
  static override readonly methods = { adminOnly: { authorize: ({ user }: { user?: HubUser }) => user?.roles?.includes('operator') === true } };
  whoAmI(): string | null {
    return this.context.user?.name ?? null;
  }
  adminOnly(): string {
    return 'secret';
  }
}

const authenticate = (request: Parameters<typeof bearerToken>[0]): HubUser | undefined => {
  const token = bearerToken(request);
  if (token === undefined) return undefined;
  const user = tokens[token];
  if (!user) throw new AuthenticationError('The token is not valid.');
  return user;
};

describe('authentication and authorization', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  const start = (extra: Record<string, unknown> = {}) =>
    startServer((s) => s.mapHub('/secure', SecureHub, { authenticate, requireAuthentication: true, ...extra }));

  it('answers negotiate with 401 when a hub requires authentication and none is given', async () => {
    running = await start();
    const res = await fetch(`${running.url}/secure/negotiate?negotiateVersion=1`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.text()).toBe('Authentication is required.');
    const bad = await fetch(`${running.url}/secure/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: 'Bearer forged' } });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toBe('The token is not valid.');
  });

  it('refuses a direct WebSocket without a token, and the official client fails to start', async () => {
    running = await start();
    await expect(connect(`${running.url}/secure`, { skipNegotiation: true })).rejects.toThrow();
    await expect(connect(`${running.url}/secure`, { accessTokenFactory: () => 'forged' })).rejects.toThrow(/401/);
  });

  it.each([
    ['WebSockets (token in the query)', HttpTransportType.WebSockets],
    ['Server-Sent Events (token in the query)', HttpTransportType.ServerSentEvents],
    ['long polling (Authorization header)', HttpTransportType.LongPolling],
  ])('takes the bearer token the client sends over %s', async (_name, transport) => {
    running = await start();
    const client = await connect(`${running.url}/secure`, { transport, accessTokenFactory: () => 'token-ann' });
    expect(await client.invoke('whoAmI')).toBe('Ann');
    await client.stop();
  });

  it('refuses a method to a user its policy excludes, with ASP.NET Core\'s text', async () => {
    running = await start();
    const bob = await connect(`${running.url}/secure`, { accessTokenFactory: () => 'token-bob' });
    await expect(bob.invoke('adminOnly')).rejects.toThrow(/^Failed to invoke 'adminOnly' because user is unauthorized$/);
    const ann = await connect(`${running.url}/secure`, { accessTokenFactory: () => 'token-ann' });
    expect(await ann.invoke('adminOnly')).toBe('secret');
    await Promise.all([ann.stop(), bob.stop()]);
  });

  it('applies a hub-wide policy to every method', async () => {
    running = await start({ authorize: ({ user }: { user?: HubUser }) => user?.id === 'ann' });
    const bob = await connect(`${running.url}/secure`, { accessTokenFactory: () => 'token-bob' });
    await expect(bob.invoke('whoAmI')).rejects.toThrow("Failed to invoke 'whoAmI' because user is unauthorized");
    await bob.stop();
  });

  it('refuses transport requests from another user than the one who negotiated', async () => {
    running = await start();
    const negotiated = (await (
      await fetch(`${running.url}/secure/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: 'Bearer token-ann' } })
    ).json()) as { connectionToken: string };
    const poll = await fetch(`${running.url}/secure?id=${negotiated.connectionToken}`, { headers: { Authorization: 'Bearer token-bob' } });
    expect(poll.status).toBe(403);
    const stolen = await fetch(`${running.url}/secure?id=${negotiated.connectionToken}`);
    expect(stolen.status).toBe(401);
  });

  it('closes a connection when its credentials expire', async () => {
    const expiring: HubUser = { id: 'eve', name: 'Eve', expiresAt: Date.now() + 600 };
    running = await startServer((s) =>
      s.mapHub('/secure', SecureHub, { authenticate: () => expiring, requireAuthentication: true, options: { keepAliveInterval: 100 } }),
    );
    const client = await connect(`${running.url}/secure`);
    expect(await client.invoke('whoAmI')).toBe('Eve');
    const error = await closed(client, 5000);
    expect(error?.message).toBe('Server returned an error on close: Connection closed with an error. HubException: The authentication has expired; sign in again.');
  });
});
