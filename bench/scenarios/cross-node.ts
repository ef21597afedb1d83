/**
 * Cross-node broadcast: two Hubdeck processes on one Redis (the backplane's lifetime manager),
 * subscribers split between them and the publisher on the first, against one node alone.
 */
import { existsSync } from 'node:fs';
import { RedisServer } from '../../test/support/redis-server.js';
import { killOnExit } from '../lib/child-processes.js';
import type { Scenario } from '../lib/report.js';
import { startServer } from '../lib/servers.js';
import { inRounds } from '../lib/stats.js';
import { fixed, times } from '../lib/table.js';
import { measureBroadcast } from './broadcast.js';

const redisBinary = '/usr/bin/redis-server';
const subscribers = 1000;

export const crossNode: Scenario = {
  name: 'cross-node',
  title: `Cross-node broadcast: ${subscribers} subscribers on two nodes over Redis`,
  async run(settings, progress) {
    if (!existsSync(redisBinary)) {
      return { tables: [], figures: null, targets: [], notes: [`Cross-node broadcast: SKIPPED, ${redisBinary} is missing.`] };
    }
    const redis = await RedisServer.start();
    const forget = killOnExit(() => void redis.stop('SIGKILL'));
    const node = (nodeName: string) => startServer('Hubdeck', { redis: { url: redis.url, nodeName } });
    // The one-node figure is measured here, interleaved with the two-node one, rather than taken
    // from the broadcast scenario, so that both share the same moments' machine load.
    const setups = [
      { setup: 'one node, in-memory lifetime manager', start: () => [startServer('Hubdeck')] },
      { setup: 'two nodes, Redis lifetime manager, 500 + 500', start: () => [node('a'), node('b')] },
    ];
    const measured = await inRounds(
      setups,
      settings.rounds,
      ({ setup, start }, round) => {
        progress(`cross-node: ${setup} (round ${round} of ${settings.rounds})`);
        return measureBroadcast(start(), 'hubdeck-json', subscribers, settings);
      },
      (figures) => figures.deliveredPerSecond,
    ).finally(async () => {
      await redis.stop();
      forget();
    });
    const single = measured.median[0]!;
    return {
      tables: [
        {
          title: `Hubdeck broadcast to ${subscribers} subscribers (clients.all, JSON; lean clients in one load process)`,
          columns: ['Setup', 'delivered msg/s', 'p50 ms', 'p99 ms', 'vs one node'],
          rows: measured.median.map((f) => [f.setup, fixed(f.deliveredPerSecond), fixed(f.latency.p50, 2), fixed(f.latency.p99, 2), times(f.deliveredPerSecond / single.deliveredPerSecond)]),
        },
      ],
      figures: measured,
      targets: [],
      notes: ["Redis, both nodes and the load process share the machine: the two-node figure shows the backplane's cost, not a cluster's capacity."],
    };
  },
};
