import { type HubConnection, HttpTransportType } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackplaneNode, eventually } from '../support/backplane-cluster.js';
import { buildClient } from '../support/hub-fixture.js';
import { RedisServer } from '../support/redis-server.js';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { type DotnetProcess, buildDotnet, dotnetAvailability, projects, startDotnet } from './dotnet.js';

const availability = dotnetAvailability();

// The hub's channels are named after its .NET type on the ASP.NET Core node; the Hubdeck node
// is told that name, so both nodes' connections are one hub's.
const hubName = 'Hubdeck.Interop.Server.BackplaneHub';
const prefix = 'mixed-fleet:';

/** The labels of hit(label) one connection received, in order. */
class Hits {
  readonly labels: string[] = [];
  constructor(readonly connection: HubConnection) {
    connection.on('hit', (label: string) => void this.labels.push(label));
  }
  /** The labels received since `from`, up to and without `marker`, once `marker` arrived. */
  async until(marker: string, from: number, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.labels.indexOf(marker, from);
      if (at >= 0) return this.labels.slice(from, at);
      if (Date.now() > deadline) throw new Error(`marker ${marker} did not arrive; got ${JSON.stringify(this.labels.slice(from))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe.skipIf(!availability.run)('a mixed fleet: ASP.NET Core and Hubdeck on one Redis', () => {
  let redis: RedisServer;
  let aspnetcore: DotnetProcess;
  let hubdeck: BackplaneNode;

  beforeAll(async () => {
    await buildDotnet(projects.server);
    redis = await RedisServer.start();
    [aspnetcore, hubdeck] = await Promise.all([
      startDotnet(projects.server, ['--redis', `127.0.0.1:${redis.port}`, '--prefix', prefix, '--name', 'aspnetcore']),
      BackplaneNode.start('hubdeck', redis.url, prefix, hubName),
    ]);
  }, 15 * 60_000);

  afterAll(async () => {
    await aspnetcore?.stop();
    await hubdeck?.stop();
    await redis?.stop();
  });

  for (const protocol of ['json', 'messagepack'] as const) {
    describe(`in ${protocol}`, () => {
      // h1, h2 on Hubdeck and a1, a2 on ASP.NET Core; h1 and a1 are the same user.
      const nodes = ['h1', 'h2', 'a1', 'a2'] as const;
      type Name = (typeof nodes)[number];
      const clients = {} as Record<Name, Hits>;
      const ids = {} as Record<Name, string>;
      const user = `${protocol}-u1`;
      let marks = 0;

      beforeAll(async () => {
        const open = async (name: Name): Promise<Hits> => {
          const onHubdeck = name.startsWith('h');
          const url = onHubdeck ? hubdeck.hubUrl(name.endsWith('1') ? `?user=${user}` : '') : `${aspnetcore.url}/hubs/backplane`;
          const connection = buildClient(url, {
            transport: HttpTransportType.WebSockets,
            ...(!onHubdeck && name.endsWith('1') ? { accessTokenFactory: () => `user-${user}` } : {}),
            configure: (builder) => (protocol === 'messagepack' ? builder.withHubProtocol(new MessagePackHubProtocol()) : builder),
          });
          const hits = new Hits(connection);
          connection.on('getAnswer', (question: string) => `${name} answers ${question}`);
          await connection.start();
          ids[name] = connection.connectionId!;
          const who = (await connection.invoke('whoAmI')) as { server: string };
          expect(who.server).toBe(onHubdeck ? 'hubdeck' : 'aspnetcore');
          return hits;
        };
        for (const name of nodes) clients[name] = await open(name);
      });

      afterAll(async () => {
        await Promise.all(Object.values(clients).map((c) => c.connection.stop()));
      });

      /**
       * Sends with `send` from `from`, waits for `label` where it must arrive, then for a marker sent
       * to all, and checks that exactly `expected` got `label`. ASP.NET Core reads each Redis channel
       * in a queue of its own, so it keeps no order between channels: the marker alone would not do.
       */
      async function expectDelivery(from: Name, label: string, send: (c: HubConnection) => Promise<unknown>, expected: Name[]): Promise<void> {
        const starts = Object.fromEntries(nodes.map((n) => [n, clients[n].labels.length])) as Record<Name, number>;
        await send(clients[from].connection);
        for (const name of expected) await eventually(`${label} to reach ${name}`, () => clients[name].labels.indexOf(label, starts[name]) >= 0);
        const marker = `${protocol}-marker-${++marks}`;
        await clients[from].connection.invoke('all', marker);
        const got = Object.fromEntries(await Promise.all(nodes.map(async (n) => [n, await clients[n].until(marker, starts[n])] as const)));
        expect(got, `${label} sent from ${from}`).toEqual(Object.fromEntries(nodes.map((n) => [n, expected.includes(n) ? [label] : []])));
      }

      for (const from of ['h2', 'a2'] as const) {
        it(`delivers All, AllExcept, Client and User sent from ${from} to both nodes`, async () => {
          await expectDelivery(from, `${protocol}-${from}-all`, (c) => c.invoke('all', `${protocol}-${from}-all`), ['h1', 'h2', 'a1', 'a2']);
          await expectDelivery(from, `${protocol}-${from}-except`, (c) => c.invoke('allExcept', `${protocol}-${from}-except`, [ids.h1, ids.a1]), ['h2', 'a2']);
          await expectDelivery(from, `${protocol}-${from}-client-h`, (c) => c.invoke('client', `${protocol}-${from}-client-h`, ids.h1), ['h1']);
          await expectDelivery(from, `${protocol}-${from}-client-a`, (c) => c.invoke('client', `${protocol}-${from}-client-a`, ids.a1), ['a1']);
          await expectDelivery(from, `${protocol}-${from}-user`, (c) => c.invoke('user', `${protocol}-${from}-user`, user), ['h1', 'a1']);
          await expectDelivery(from, `${protocol}-${from}-clients`, (c) => c.invoke('clientsOf', `${protocol}-${from}-clients`, [ids.h2, ids.a2]), ['h2', 'a2']);
        });
      }

      it('honours groups joined on either node in sends from the other, and group changes made across nodes', async () => {
        const group = `${protocol}-team`;
        await clients.h1.connection.invoke('join', group);
        await clients.a1.connection.invoke('join', group);
        await expectDelivery('h2', `${protocol}-group-from-h`, (c) => c.invoke('group', `${protocol}-group-from-h`, group), ['h1', 'a1']);
        await expectDelivery('a2', `${protocol}-group-from-a`, (c) => c.invoke('group', `${protocol}-group-from-a`, group), ['h1', 'a1']);
        await expectDelivery('a2', `${protocol}-groups`, (c) => c.invoke('groupsOf', `${protocol}-groups`, [group, 'nobody']), ['h1', 'a1']);
        // Hubdeck adds an ASP.NET Core connection, and ASP.NET Core a Hubdeck one: each waits for the other's ack.
        await clients.h2.connection.invoke('addOther', ids.a2, group);
        await clients.a2.connection.invoke('addOther', ids.h2, group);
        await expectDelivery('h1', `${protocol}-group-all`, (c) => c.invoke('group', `${protocol}-group-all`, group), ['h1', 'h2', 'a1', 'a2']);
        await expectDelivery('a1', `${protocol}-group-except`, (c) => c.invoke('groupExcept', `${protocol}-group-except`, group, [ids.h1, ids.a2]), ['h2', 'a1']);
        await clients.h1.connection.invoke('removeOther', ids.a1, group);
        await clients.a1.connection.invoke('removeOther', ids.h1, group);
        await expectDelivery('h2', `${protocol}-group-after`, (c) => c.invoke('group', `${protocol}-group-after`, group), ['h2', 'a2']);
      });

      it('answers a Hubdeck node\'s client result from a connection on the ASP.NET Core node', async () => {
        expect(await clients.h1.connection.invoke('ask', ids.a2, 'from Hubdeck?')).toBe('a2 answers from Hubdeck?');
      });

      it('answers an ASP.NET Core node\'s client result from a connection on the Hubdeck node', async () => {
        expect(await clients.a1.connection.invoke('ask', ids.h2, 'from ASP.NET Core?')).toBe('h2 answers from ASP.NET Core?');
      });

      it('ends a client result across the nodes when the connection asked leaves before answering', async () => {
        for (const [asker, silentOn] of [[clients.a1, 'hubdeck'], [clients.h1, 'aspnetcore']] as const) {
          const silent = buildClient(silentOn === 'hubdeck' ? hubdeck.hubUrl() : `${aspnetcore.url}/hubs/backplane`, { transport: HttpTransportType.WebSockets });
          let asked = false;
          silent.on('getAnswer', () => {
            asked = true;
            return new Promise<string>(() => {});
          });
          await silent.start();
          const asking = asker.connection.invoke('ask', silent.connectionId, 'still there?');
          await eventually(`the question to reach the ${silentOn} node's connection`, () => asked);
          await silent.stop();
          // The holding node answers for the connection that left, in ASP.NET Core's words.
          await expect(asking).rejects.toThrow(silentOn === 'hubdeck' ? /HubException: Connection disconnected\./ : /An unexpected error occurred invoking 'ask' on the server\./);
        }
      });
    });
  }
});
