import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubUser } from '../../src-server/index.js';
import { TargetHub } from '../support/target-hub.js';
import { type RunningServer, connect, startServer, waitUntil } from '../support/hub-fixture.js';

/** TargetHub, plus the user identifier of the caller. */
class UserTargetHub extends TargetHub {
  whoAmI(): string | null {
    return this.context.userIdentifier ?? null;
  }
}

describe('client targets reach exactly the right connections', () => {
  let running: RunningServer;
  // a and b belong to user "ann"; c to "bob"; d is anonymous.
  const clients: Record<'a' | 'b' | 'c' | 'd', HubConnection> = {} as never;
  const received: Record<string, string[]> = { a: [], b: [], c: [], d: [] };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    running = await startServer((s) =>
      s.mapHub('/targets', UserTargetHub, {
        authenticate: (request): HubUser | undefined => {
          const user = request.query.get('user');
          return user ? { id: user, name: user } : undefined;
        },
      }),
    );
    const users = { a: 'ann', b: 'ann', c: 'bob', d: '' } as const;
    for (const name of ['a', 'b', 'c', 'd'] as const) {
      const client = await connect(`${running.url}/targets${users[name] ? `?user=${users[name]}` : ''}`);
      client.on('hit', (label: string) => received[name]!.push(label));
      clients[name] = client;
      ids[name] = client.connectionId!;
    }
    await clients.a.invoke('join', 'red');
    await clients.b.invoke('join', 'red');
    await clients.c.invoke('join', 'blue');
    await clients.b.invoke('join', 'blue');
  });
  afterAll(async () => {
    await Promise.all(Object.values(clients).map((c) => c.stop()));
    await running.close();
  });

  /** Invokes `method` from `from`, waits for delivery, and returns who received `label`. */
  async function hitsOf(from: HubConnection, method: string, label: string, ...args: unknown[]): Promise<string[]> {
    await from.invoke(method, label, ...args);
    // A marker sent to everyone afterwards arrives after the label on every connection (ordered socket).
    const marker = `${label}:end`;
    await from.invoke('all', marker);
    await waitUntil(() => Object.values(received).every((list) => list.includes(marker)), `every client received '${marker}'`, 3000, 5);
    return Object.entries(received)
      .flatMap(([name, list]) => list.filter((l) => l === label).map(() => name))
      .sort();
  }

  it('all', async () => expect(await hitsOf(clients.a, 'all', 't-all')).toEqual(['a', 'b', 'c', 'd']));
  it('caller', async () => expect(await hitsOf(clients.c, 'caller', 't-caller')).toEqual(['c']));
  it('others', async () => expect(await hitsOf(clients.c, 'others', 't-others')).toEqual(['a', 'b', 'd']));
  it('allExcept', async () => expect(await hitsOf(clients.a, 'allExcept', 't-allExcept', [ids.b, ids.d])).toEqual(['a', 'c']));
  it('client', async () => expect(await hitsOf(clients.a, 'client', 't-client', ids.d)).toEqual(['d']));
  it('clients', async () => expect(await hitsOf(clients.a, 'clientsOf', 't-clients', [ids.b, ids.c])).toEqual(['b', 'c']));
  it('group', async () => expect(await hitsOf(clients.d, 'group', 't-group', 'red')).toEqual(['a', 'b']));
  it('groupExcept', async () => expect(await hitsOf(clients.d, 'groupExcept', 't-groupExcept', 'red', [ids.a])).toEqual(['b']));
  it('groups, delivering once per group a connection is in (as ASP.NET Core does)', async () =>
    expect(await hitsOf(clients.d, 'groupsOf', 't-groups', ['red', 'blue'])).toEqual(['a', 'b', 'b', 'c']));
  it('othersInGroup', async () => expect(await hitsOf(clients.b, 'othersInGroup', 't-othersInGroup', 'blue')).toEqual(['c']));
  it('user: every connection of that user', async () => expect(await hitsOf(clients.d, 'user', 't-user', 'ann')).toEqual(['a', 'b']));
  it('users', async () => expect(await hitsOf(clients.d, 'usersOf', 't-users', ['ann', 'bob'])).toEqual(['a', 'b', 'c']));
  it('an empty group reaches no one', async () => expect(await hitsOf(clients.a, 'group', 't-empty', 'nobody')).toEqual([]));

  it('takes the user identifier from the authenticated user', async () => {
    expect(await clients.a.invoke('whoAmI')).toBe('ann');
    expect(await clients.d.invoke('whoAmI')).toBeNull();
  });

  it('stops delivering to a connection once it leaves a group', async () => {
    await clients.b.invoke('leave', 'red');
    expect(await hitsOf(clients.d, 'group', 't-left', 'red')).toEqual(['a']);
    await clients.b.invoke('join', 'red');
  });
});
