import { randomUUID } from 'node:crypto';
import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackplaneNode, eventually } from '../support/backplane-cluster.js';
import { connect } from '../support/hub-fixture.js';
import { RedisServer } from '../support/redis-server.js';

const perPhase = 50;

describe('a Redis restart in the middle of traffic', () => {
  let redis: RedisServer;
  let nodes: BackplaneNode[];
  // sender (and local receiver) on node a; one receiver on each other node.
  const clients = {} as Record<'sender' | 'onA' | 'onB' | 'onC', HubConnection>;
  const received: Record<string, string[]> = { sender: [], onA: [], onB: [], onC: [] };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    redis = await RedisServer.start();
    const prefix = `restart-${randomUUID()}`;
    nodes = await Promise.all(['a', 'b', 'c'].map((name) => BackplaneNode.start(name, redis.url, prefix)));
    await Promise.all(nodes.map((node) => node.whenStatus('healthy')));
    const placement = { sender: 0, onA: 0, onB: 1, onC: 2 } as const;
    for (const [name, node] of Object.entries(placement) as Array<[keyof typeof placement, number]>) {
      const client = await connect(nodes[node]!.hubUrl(`?user=${name}`));
      client.on('hit', (label: string) => received[name]!.push(label));
      clients[name] = client;
      ids[name] = (await client.invoke<{ connectionId: string }>('whoAmI')).connectionId;
    }
    // Memberships made before the restart must still work after it: the subscriptions are restored.
    await clients.onB.invoke('join', 'watchers');
    await clients.sender.invoke('addOther', ids.onC, 'watchers');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(Object.values(clients).map((client) => client.stop()));
    await Promise.all((nodes ?? []).map((node) => node.stop()));
    await redis?.stop();
  });

  const count = (name: string, labels: readonly string[]) => received[name]!.filter((label) => labels.includes(label)).length;
  const phase = (name: string) => Array.from({ length: perPhase }, (_, i) => `${name}-${i}`);
  async function sendAll(labels: readonly string[]): Promise<void> {
    for (const label of labels) await clients.sender.invoke('all', label);
  }

  it('keeps local delivery, counts what other nodes missed, and resumes cross-node delivery', async () => {
    const [a, b, c] = nodes as [BackplaneNode, BackplaneNode, BackplaneNode];
    const before = phase('before');
    const during = phase('during');
    const after = phase('after');

    await sendAll(before);
    await eventually('the first phase everywhere', () => ['onA', 'onB', 'onC'].every((name) => count(name, before) === perPhase));

    const killed = Date.now();
    await redis.stop('SIGKILL');
    await Promise.all(nodes.map((node) => node.whenStatus('degraded')));
    const outageDetectedMs = Date.now() - killed;
    const failuresBefore = (await a.report()).stats.publishFailures;
    const downtimeStarted = Date.now();
    await sendAll(during);
    const sendMsDuringOutage = Date.now() - downtimeStarted;
    await eventually('local delivery during the outage', () => count('onA', during) === perPhase && count('sender', during) === perPhase);
    const failedDuringOutage = (await a.report()).stats.publishFailures - failuresBefore;
    expect(failedDuringOutage).toBe(perPhase);
    // Through the hub context too, and to a group whose members are all elsewhere: nothing throws.
    await a.contextAll('context-during');
    await clients.sender.invoke('group', 'group-during', 'watchers');
    await eventually('the context send locally', () => received.onA!.includes('context-during'));

    await redis.restart();
    const restarted = Date.now();
    await Promise.all(nodes.map((node) => node.whenStatus('healthy')));
    const recoveryMs = Date.now() - restarted;
    const outageMs = Date.now() - killed;

    await sendAll(after);
    await eventually('the last phase everywhere', () => ['onA', 'onB', 'onC'].every((name) => count(name, after) === perPhase));
    // Subscriptions for connections, users and groups came back on every node.
    await clients.onC.invoke('client', 'to-b-after', ids.onB);
    await clients.onB.invoke('user', 'to-sender-after', 'sender');
    await clients.sender.invoke('group', 'group-after', 'watchers');
    await eventually('connection, user and group channels after the restart', () =>
      received.onB!.includes('to-b-after') && received.sender!.includes('to-sender-after') &&
      received.onB!.includes('group-after') && received.onC!.includes('group-after'));

    // What was sent during the outage never reaches other nodes later: it was not queued.
    expect(count('onB', during) + count('onC', during)).toBe(0);
    expect(received.onB).not.toContain('group-during');
    expect(received.onC).not.toContain('context-during');

    const all = [...before, ...during, ...after];
    const figures = {
      sent: all.length,
      deliveredLocally: count('onA', all),
      deliveredCrossNode: count('onB', all) + count('onC', all),
      crossNodeAttempts: all.length * 2,
      countedAsFailed: failedDuringOutage,
      outageDetectedMs,
      sendMsDuringOutage,
      recoveryMsAfterRestart: recoveryMs,
      outageMs,
    };
    console.log(`Redis restart figures: ${JSON.stringify(figures)}`);
    for (const node of [b, c]) expect((await node.report()).stats.publishFailures).toBe(0);
    expect(figures).toMatchObject({
      sent: 3 * perPhase,
      deliveredLocally: 3 * perPhase,
      deliveredCrossNode: 2 * 2 * perPhase,
      countedAsFailed: perPhase,
    });
  });
});
