/**
 * Broadcast: one publisher, 100 and 1000 subscribers. The publisher stamps each message with its
 * send time and keeps a fixed number of messages in flight (a message is done once every
 * subscriber has it), so the figures are what the whole pipeline sustains, not a growing backlog.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startLoadWorker, withProcesses } from '../lib/child-processes.js';
import { profileFile } from '../lib/cpu-profile.js';
import { LeanClient, connectInBatches, samplePayload } from '../lib/lean-client.js';
import { type BenchSettings, type Scenario, aheadOfSocketIo, atLeast } from '../lib/report.js';
import { type RunningServer, type SystemName, startServer } from '../lib/servers.js';
import { type LatencySummary, LatencyRecorder, inRounds } from '../lib/stats.js';
import { fixed, ratioTable } from '../lib/table.js';
import { type WireName, wires } from '../lib/wire/wires.js';

const subscriberCounts: readonly number[] = [100, 1000];
const systems: ReadonlyArray<{ readonly system: SystemName; readonly wire: WireName; readonly how: string }> = [
  { system: 'Hubdeck', wire: 'hubdeck-json', how: 'hub method -> clients.all (JSON)' },
  { system: 'raw ws', wire: 'raw-ws', how: 'one string sent to every socket' },
  { system: 'Socket.IO', wire: 'socket.io', how: 'io.emit' },
  { system: 'ASP.NET Core', wire: 'hubdeck-json', how: 'hub method -> Clients.All (JSON)' },
];

export interface BroadcastFigures {
  readonly subscribers: number;
  readonly deliveredPerSecond: number;
  readonly latency: LatencySummary;
}

// Deliveries the publisher lets be outstanding; enough to keep the server and the subscribers
// busy at once, small enough that latency is not a queue's length.
const deliveriesInFlight = 2000;

export const broadcast: Scenario = {
  name: 'broadcast',
  title: 'Broadcast: one publisher to 100 and 1000 subscribers',
  async run(settings, progress) {
    const rows = subscriberCounts.flatMap((subscribers) => systems.map((entry) => ({ ...entry, subscribers })));
    const { median: results, runs } = await inRounds(
      rows,
      settings.rounds,
      (row, round) => {
        progress(`broadcast: ${row.system}, ${row.subscribers} subscribers (round ${round} of ${settings.rounds})`);
        const cpuProfile = row.system === 'Hubdeck' && round === 1 ? profileFile(settings, `broadcast-${row.subscribers}`) : undefined;
        return measureBroadcast([startServer(row.system, { cpuProfile })], row.wire, row.subscribers, settings);
      },
      (figures) => figures.deliveredPerSecond,
    );
    const find = (system: SystemName, subscribers: number) => results.find((r) => r.system === system && r.subscribers === subscribers)!;
    const ratioTables = subscriberCounts.map((n) =>
      ratioTable(`Broadcast ratios, ${n} subscribers`, [{ label: 'clients.all, JSON', figures: find('Hubdeck', n), aspNetCore: find('ASP.NET Core', n) }], find('raw ws', n), find('Socket.IO', n), [
        ['delivered/s', (f) => f.deliveredPerSecond],
        ['p99', (f) => f.latency.p99],
      ]),
    );
    return {
      tables: [
        {
          title: 'Broadcast (all clients are lean WebSocket clients in one load process)',
          columns: ['System', 'How', 'subscribers', 'delivered msg/s', 'p50 ms', 'p99 ms'],
          rows: results.map((r) => [r.system, r.how, String(r.subscribers), fixed(r.deliveredPerSecond), fixed(r.latency.p50, 2), fixed(r.latency.p99, 2)]),
        },
        ...ratioTables,
      ],
      figures: { median: results, runs },
      targets: [
        atLeast('broadcast to 1000: delivered msg/s >= 0.8x raw ws', find('Hubdeck', 1000).deliveredPerSecond / find('raw ws', 1000).deliveredPerSecond, 0.8),
        ...subscriberCounts.flatMap((n) => [
          aheadOfSocketIo(`broadcast to ${n} delivered msg/s`, find('Hubdeck', n).deliveredPerSecond, find('Socket.IO', n).deliveredPerSecond, true),
          aheadOfSocketIo(`broadcast to ${n} p99`, find('Hubdeck', n).latency.p99, find('Socket.IO', n).latency.p99, false),
        ]),
      ],
      notes: [`Window: ${deliveriesInFlight} deliveries in flight (${deliveriesInFlight / 100} messages to 100 subscribers, ${deliveriesInFlight / 1000} to 1000).`],
    };
  },
};

/**
 * Runs the broadcast load against the servers being started, in a load worker of its own:
 * subscribers spread over the servers in turn, the publisher on the first. Stops them all after.
 */
export function measureBroadcast(
  servers: ReadonlyArray<Promise<RunningServer>>,
  wire: WireName,
  subscribers: number,
  settings: BenchSettings,
): Promise<BroadcastFigures> {
  return withProcesses([startLoadWorker<typeof load>(import.meta.url), ...servers] as const, (worker, ...running) =>
    worker.call('broadcast', { urls: running.map((s) => s.url), wire, subscribers, warmupMs: settings.warmupMs, measureMs: settings.measureMs }),
  );
}

interface BroadcastLoad {
  readonly urls: readonly string[];
  readonly wire: WireName;
  readonly subscribers: number;
  readonly warmupMs: number;
  readonly measureMs: number;
}

// Sequence number of the messages that only check every subscriber is reachable.
const syncSeq = 0;

/** Runs in the load worker. */
export const load = {
  async broadcast({ urls, wire, subscribers, warmupMs, measureMs }: BroadcastLoad): Promise<BroadcastFigures> {
    const recorder = new LatencyRecorder();
    const window = Math.max(1, Math.round(deliveriesInFlight / subscribers));
    // Per in-flight message (by seq modulo the ring), how many subscribers have it.
    const arrivals = new Int32Array(1024);
    const reached = new Uint8Array(subscribers);
    let reachedCount = 0;
    let published = 0;
    let completed = 0;
    let running = true;
    const publish = () => {
      while (running && published - completed < window) publisher.publish(++published, performance.now(), samplePayload);
    };
    const onTick = (index: number, seq: number, sentAt: number) => {
      if (seq === syncSeq) {
        if (!reached[index]) {
          reached[index] = 1;
          reachedCount++;
        }
        return;
      }
      recorder.record(performance.now() - sentAt);
      const slot = seq % arrivals.length;
      // Every connection delivers in order, so messages complete in order.
      if (++arrivals[slot]! === subscribers) {
        arrivals[slot] = 0;
        completed = seq;
        publish();
      }
    };
    const clients = await connectInBatches(subscribers, (i) =>
      LeanClient.connect(urls[i % urls.length]!, wires[wire], { reply: () => {}, tick: (seq, sentAt) => onTick(i, seq, sentAt) }),
    );
    const publisher = await LeanClient.connect(urls[0]!, wires[wire]);

    // A subscriber the server has not registered yet would miss messages and stall the window.
    for (const deadline = Date.now() + 10_000; reachedCount < subscribers; await sleep(20)) {
      if (Date.now() > deadline) throw new Error(`Only ${reachedCount} of ${subscribers} subscribers received anything.`);
      publisher.publish(syncSeq, performance.now(), samplePayload);
    }
    publish();
    const seconds = await recorder.measure(warmupMs, measureMs);
    running = false;
    const latency = recorder.summary();
    publisher.close();
    for (const client of clients) client.close();
    if (latency.count === 0) throw new Error(`No broadcast completed (${completed} of ${published} published).`);
    return { subscribers, deliveredPerSecond: latency.count / seconds, latency };
  },
};
