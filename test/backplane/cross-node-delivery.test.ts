import { randomUUID } from 'node:crypto';
import type { HubConnection } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackplaneNode, eventually } from '../support/backplane-cluster.js';
import { connect } from '../support/hub-fixture.js';
import { RedisServer } from '../support/redis-server.js';

type Name = 'a1' | 'a2' | 'b1' | 'b2' | 'c1' | 'c2';

// Three nodes, two clients on each, JSON and MessagePack mixed. ann has a connection on a and
// one on b; bob has one on b and one on c; a2 and c2 are anonymous.
const layout: Record<Name, { node: 'a' | 'b' | 'c'; user?: string; protocol: 'json' | 'messagepack' }> = {
  a1: { node: 'a', user: 'ann', protocol: 'json' },
  a2: { node: 'a', protocol: 'messagepack' },
  b1: { node: 'b', user: 'ann', protocol: 'messagepack' },
  b2: { node: 'b', user: 'bob', protocol: 'json' },
  c1: { node: 'c', user: 'bob', protocol: 'messagepack' },
  c2: { node: 'c', protocol: 'json' },
};
const names = Object.keys(layout) as Name[];

describe('three hub servers on one Redis behave as one', () => {
  let redis: RedisServer;
  const nodes = {} as Record<'a' | 'b' | 'c', BackplaneNode>;
  const clients = {} as Record<Name, HubConnection>;
  const ids = {} as Record<Name, string>;
  const received = Object.fromEntries(names.map((name) => [name, [] as string[]])) as Record<Name, string[]>;

  beforeAll(async () => {
    redis = await RedisServer.start();
    const prefix = `cross-${randomUUID()}`;
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => BackplaneNode.start(name, redis.url, prefix)));
    Object.assign(nodes, { a, b, c });
    await Promise.all(Object.values(nodes).map((node) => node.whenStatus('healthy')));
    await Promise.all(
      names.map(async (name) => {
        const { node, user, protocol } = layout[name];
        const client = await connect(nodes[node].hubUrl(user ? `?user=${user}` : ''), {
          configure: (builder) => (protocol === 'messagepack' ? builder.withHubProtocol(new MessagePackHubProtocol()) : builder),
        });
        client.on('hit', (label: string) => received[name].push(label));
        client.on('getAnswer', (question: string) => {
          if (question === 'fail') throw new Error(`${name} cannot answer`);
          return `${name} answers ${question}`;
        });
        clients[name] = client;
        // The first invocation runs after onConnected, so the node has subscribed for this connection.
        ids[name] = (await client.invoke<{ connectionId: string }>('whoAmI')).connectionId;
      }),
    );
    await clients.a1.invoke('join', 'red');
    await clients.b1.invoke('join', 'red');
    await clients.c1.invoke('join', 'blue');
    await clients.b1.invoke('join', 'blue');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(Object.values(clients).map((client) => client.stop()));
    await Promise.all(Object.values(nodes).map((node) => node.stop()));
    await redis?.stop();
  });

  /** Waits until every client has received `label` (or, with `only`, those clients). */
  async function everyoneGot(label: string, only: readonly Name[] = names): Promise<void> {
    await eventually(`'${label}' at ${only.join(', ')}`, () => only.every((name) => received[name].includes(label)));
  }

  /**
   * Calls `method` on `from`'s node and returns who received `label`, once per delivery. A marker
   * sent to everyone afterwards from the same node arrives after the label everywhere: one node
   * publishes in order and each node delivers in order.
   */
  async function hitsOf(from: Name, method: string, label: string, ...args: unknown[]): Promise<string[]> {
    await clients[from].invoke(method, label, ...args);
    await clients[from].invoke('all', `${label}:end`);
    await everyoneGot(`${label}:end`);
    return names.flatMap((name) => received[name].filter((l) => l === label).map(() => name)).sort();
  }

  it('all, from any node', async () => {
    expect(await hitsOf('a1', 'all', 't-all-a')).toEqual(names);
    expect(await hitsOf('c2', 'all', 't-all-c')).toEqual(names);
  });
  it('others', async () => expect(await hitsOf('c2', 'others', 't-others')).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']));
  it('allExcept, excluding connections on other nodes', async () =>
    expect(await hitsOf('a1', 'allExcept', 't-allExcept', [ids.b1, ids.c2, ids.a2])).toEqual(['a1', 'b2', 'c1']));
  it('client on another node', async () => expect(await hitsOf('a1', 'client', 't-client', ids.c1)).toEqual(['c1']));
  it('clients spread over nodes, local ones included', async () =>
    expect(await hitsOf('b2', 'clientsOf', 't-clients', [ids.a2, ids.b1, ids.c2])).toEqual(['a2', 'b1', 'c2']));
  it('group with members on two nodes', async () => expect(await hitsOf('c2', 'group', 't-group', 'red')).toEqual(['a1', 'b1']));
  it('groupExcept, excluding a member on another node', async () =>
    expect(await hitsOf('c2', 'groupExcept', 't-groupExcept', 'red', [ids.a1])).toEqual(['b1']));
  it('groups, once per group a connection is in (as ASP.NET Core does)', async () =>
    expect(await hitsOf('a2', 'groupsOf', 't-groups', ['red', 'blue'])).toEqual(['a1', 'b1', 'b1', 'c1']));
  it('othersInGroup', async () => expect(await hitsOf('b1', 'othersInGroup', 't-othersInGroup', 'blue')).toEqual(['c1']));
  it('user with connections on two nodes', async () => expect(await hitsOf('c2', 'user', 't-user', 'ann')).toEqual(['a1', 'b1']));
  it('users', async () => expect(await hitsOf('a2', 'usersOf', 't-users', ['ann', 'bob'])).toEqual(['a1', 'b1', 'b2', 'c1']));
  it('an empty group reaches no one', async () => expect(await hitsOf('a1', 'group', 't-nobody', 'nobody')).toEqual([]));

  it('a hub context on any node reaches every connection', async () => {
    await nodes.b.contextAll('t-context');
    await everyoneGot('t-context');
    expect(names.filter((name) => received[name].filter((l) => l === 't-context').length === 1)).toEqual(names);
  });

  it('carries text exactly to JSON and MessagePack clients alike', async () => {
    const label = `ünïcødé ✓ 🚀 ${'x'.repeat(20_000)}`;
    await clients.b1.invoke('all', label);
    await everyoneGot(label);
  });

  it('adds a connection on another node to a group, and removes it', async () => {
    await clients.a1.invoke('addOther', ids.c2, 'green');
    expect(await hitsOf('b2', 'group', 't-green-in', 'green')).toEqual(['c2']);
    await clients.a1.invoke('removeOther', ids.c2, 'green');
    expect(await hitsOf('b2', 'group', 't-green-out', 'green')).toEqual([]);
  });

  it('leaving a group on one node leaves the other members in place', async () => {
    await clients.b1.invoke('leave', 'red');
    expect(await hitsOf('c1', 'group', 't-red-after-leave', 'red')).toEqual(['a1']);
    await clients.b1.invoke('join', 'red');
    expect(await hitsOf('c1', 'group', 't-red-rejoined', 'red')).toEqual(['a1', 'b1']);
  });

  it('client results from a connection on another node, in either protocol', async () => {
    expect(await clients.a1.invoke('ask', ids.b2, 'json?')).toBe('b2 answers json?');
    expect(await clients.a2.invoke('ask', ids.c1, 'msgpack?')).toBe('c1 answers msgpack?');
    expect(await clients.c2.invoke('ask', ids.c1, 'local?')).toBe('c1 answers local?');
    await expect(clients.a1.invoke('ask', ids.b1, 'fail')).rejects.toThrow(/An unexpected error occurred invoking 'ask'/);
  });

  it('a client result from a connection that exists nowhere fails at once', async () => {
    const started = Date.now();
    await expect(clients.a1.invoke('ask', 'no-such-connection', 'anyone?')).rejects.toThrow(/ask/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a client result fails when the connection on the other node ends before answering', async () => {
    const quiet = await connect(nodes.b.hubUrl());
    let asked = false;
    quiet.on('getAnswer', () => {
      asked = true;
      return new Promise(() => undefined);
    });
    const { connectionId } = await quiet.invoke<{ connectionId: string }>('whoAmI');
    const asking = clients.a1.invoke('ask', connectionId, 'still there?');
    await eventually('the question to arrive', () => asked);
    await quiet.stop();
    await expect(asking).rejects.toThrow(/ask/);
  });

  it('counts traffic on every node and stores nothing in Redis', async () => {
    for (const node of Object.values(nodes)) {
      const { status, stats } = await node.report();
      expect(status).toBe('healthy');
      expect(stats.published).toBeGreaterThan(0);
      expect(stats.received).toBeGreaterThan(0);
      expect(stats.publishFailures).toBe(0);
    }
    expect(await redis.command('DBSIZE')).toBe(':0');
  });

  it('a crashed node leaves nothing behind that blocks the others', async () => {
    // c1 (in group blue, user bob) and c2 are still connected when their node dies.
    await nodes.c.stop('SIGKILL');
    const alive: Name[] = ['a1', 'a2', 'b1', 'b2'];
    await clients.a2.invoke('groupsOf', 't-after-crash', ['red', 'blue']);
    await clients.a2.invoke('all', 't-after-crash:end');
    await everyoneGot('t-after-crash:end', alive);
    expect(alive.flatMap((name) => received[name].filter((l) => l === 't-after-crash').map(() => name)).sort()).toEqual(['a1', 'b1', 'b1']);
    await clients.b2.invoke('user', 't-bob-after-crash', 'bob');
    await everyoneGot('t-bob-after-crash', ['b2']);
    expect((await nodes.a.report()).status).toBe('healthy');
    expect(await redis.command('DBSIZE')).toBe(':0');
  });
});
