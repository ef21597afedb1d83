/**
 * Under attack: a well-behaved client's echo latency, alone and then while another process
 * floods the server with invocations as fast as it takes them, oversized frames, garbage
 * frames and long-polling clients calling back-to-back.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpTransportType, HubConnectionState } from '@microsoft/signalr';
import { io } from 'socket.io-client';
import { connect } from '../../test/support/hub-fixture.js';
import { startLoadWorker, withProcesses } from '../lib/child-processes.js';
import { LeanClient, samplePayload } from '../lib/lean-client.js';
import { type Scenario, aheadOfSocketIo } from '../lib/report.js';
import { type SystemName, startServer } from '../lib/servers.js';
import { hubdeckHubPath, maximumMessageSize, socketIoPath } from '../lib/servers/endpoints.js';
import { type LatencySummary, summarize } from '../lib/stats.js';
import { fixed, times } from '../lib/table.js';
import { type WireName, wires } from '../lib/wire/wires.js';

const systems: ReadonlyArray<{ readonly system: SystemName; readonly wire: WireName; readonly defences: string }> = [
  { system: 'Hubdeck', wire: 'hubdeck-json', defences: 'host config: 50 calls/s (burst 100), 200 conns/address, 32 KB messages' },
  { system: 'raw ws', wire: 'raw-ws', defences: '32 KB frames; closes on invalid JSON' },
  { system: 'Socket.IO', wire: 'socket.io', defences: '32 KB maxHttpBufferSize' },
];

// The well-behaved client calls 40 times a second: under the 50/s limit the host sets.
const probeIntervalMs = 25;
// Replies later than this after the probe window count as lost.
const probeGraceMs = 2000;
const flood = { invokers: 4, oversized: 2, garbage: 2, longPolling: 50 };
const oversizedFrame = 'x'.repeat(maximumMessageSize + 8 * 1024);
const garbageFrame = '}{ not a message \x1e';

interface ProbeFigures {
  readonly latency: LatencySummary;
  readonly sent: number;
  readonly refused: number;
  readonly lost: number;
}

interface FloodCounters {
  calls: number;
  answered: number;
  refused: number;
  badFramesClosed: number;
  pollingCalls: number;
  failedConnects: number;
}

export interface AttackFigures {
  readonly alone: ProbeFigures;
  readonly flooded: ProbeFigures;
  /** Per second, over the flooded window. */
  readonly floodRates: FloodCounters;
}

export const attack: Scenario = {
  name: 'attack',
  title: 'Under attack: a well-behaved client while other connections flood the server',
  async run(settings, progress) {
    const results: Array<(typeof systems)[number] & AttackFigures> = [];
    for (const entry of systems) {
      progress(`attack: ${entry.system}`);
      // The frame flood and the long-polling clients get a process each, so that one kind of
      // attack does not starve the other of the attacker's CPU.
      const figures = await withProcesses(
        [
          startServer(entry.system, { attack: true }),
          startLoadWorker<typeof load>(import.meta.url),
          startLoadWorker<typeof load>(import.meta.url),
          startLoadWorker<typeof load>(import.meta.url),
        ] as const,
        async (server, prober, frameFlooder, pollingFlooder) => {
          await prober.call('connectProbe', { url: server.url, wire: entry.wire });
          await prober.call('probe', { durationMs: settings.warmupMs });
          const alone = await prober.call('probe', { durationMs: settings.measureMs });
          await frameFlooder.call('startFlood', { url: server.url, system: entry.system, wire: entry.wire, kind: 'frames' });
          await pollingFlooder.call('startFlood', { url: server.url, system: entry.system, wire: entry.wire, kind: 'polling' });
          await sleep(settings.warmupMs);
          const floodCounters = async () => addCounters(await frameFlooder.call('floodCounters', undefined), await pollingFlooder.call('floodCounters', undefined));
          const before = await floodCounters();
          const started = performance.now();
          const flooded = await prober.call('probe', { durationMs: settings.measureMs });
          const after = await floodCounters();
          const seconds = (performance.now() - started) / 1000;
          const floodRates = mapCounters(after, (key) => (after[key] - before[key]) / seconds);
          return { alone, flooded, floodRates };
        },
      );
      results.push({ ...entry, ...figures });
    }
    const ratio = (r: AttackFigures, p: 'p50' | 'p99') => r.flooded.latency[p] / r.alone.latency[p];
    const hubdeck = results.find((r) => r.system === 'Hubdeck')!;
    const socketIo = results.find((r) => r.system === 'Socket.IO')!;
    return {
      tables: [
        {
          title: `Well-behaved client (lean WebSocket client, ${1000 / probeIntervalMs} echoes/s), alone and flooded`,
          columns: ['System', 'alone p50', 'alone p99', 'flooded p50', 'flooded p99', 'p50 flooded/alone', 'p99 flooded/alone', 'refused', 'lost'],
          rows: results.map((r) => [
            r.system, fixed(r.alone.latency.p50, 2), fixed(r.alone.latency.p99, 2), fixed(r.flooded.latency.p50, 2), fixed(r.flooded.latency.p99, 2),
            times(ratio(r, 'p50')), times(ratio(r, 'p99')), String(r.flooded.refused), String(r.flooded.lost),
          ]),
        },
        {
          title:
            `The flood (two more processes: ${flood.invokers} pipelining WebSocket invokers, ${flood.oversized} oversized-frame and ${flood.garbage} garbage-frame ` +
            `reconnect loops; ${flood.longPolling} long-polling clients of the official client)`,
          columns: ['System', 'Defences', 'calls sent/s', 'answered/s', 'refused/s', 'bad frames closed/s', 'long-poll calls/s', 'failed connects/s'],
          rows: results.map((r) => [
            r.system, r.defences, fixed(r.floodRates.calls), fixed(r.floodRates.answered), fixed(r.floodRates.refused),
            fixed(r.floodRates.badFramesClosed, 1), r.system === 'raw ws' ? 'n/a' : fixed(r.floodRates.pollingCalls), fixed(r.floodRates.failedConnects, 1),
          ]),
        },
      ],
      figures: results,
      targets: [
        aheadOfSocketIo('p50 flooded/alone', ratio(hubdeck, 'p50'), ratio(socketIo, 'p50'), false),
        aheadOfSocketIo('p99 flooded/alone', ratio(hubdeck, 'p99'), ratio(socketIo, 'p99'), false),
      ],
      notes: [
        'Latencies in ms. The flood runs on the same 2-core machine, so part of any slowdown is CPU the flood processes take, for every system alike.',
        'raw ws has no long polling; its flood has no long-polling clients.',
      ],
    };
  },
};

// State of this load worker: it is the prober or one of the flooders.
let probeClient: LeanClient | undefined;
// Ids keep counting across probes, so a late reply to an earlier probe never matches a later call.
let probeLastId = 0;
const probeSentAt = new Map<number, number>();
let probeSamples: number[] = [];
let probeRefused = 0;
const counters: FloodCounters = { calls: 0, answered: 0, refused: 0, badFramesClosed: 0, pollingCalls: 0, failedConnects: 0 };

/** Runs in the load workers. */
export const load = {
  async connectProbe({ url, wire }: { url: string; wire: WireName }): Promise<void> {
    probeClient = await LeanClient.connect(url, wires[wire], {
      reply: (id, ok) => {
        const sentAt = probeSentAt.get(id);
        if (sentAt === undefined) return;
        probeSentAt.delete(id);
        if (ok) probeSamples.push(performance.now() - sentAt);
        else probeRefused++;
      },
      tick: () => {},
    });
  },

  async probe({ durationMs }: { durationMs: number }): Promise<ProbeFigures> {
    probeSamples = [];
    probeRefused = 0;
    probeSentAt.clear();
    let sent = 0;
    const timer = setInterval(() => {
      sent++;
      probeSentAt.set(++probeLastId, performance.now());
      probeClient!.echo(probeLastId, samplePayload);
    }, probeIntervalMs);
    await sleep(durationMs);
    clearInterval(timer);
    for (let waited = 0; probeSentAt.size > 0 && waited < probeGraceMs; waited += 10) await sleep(10);
    return { latency: summarize(probeSamples), sent, refused: probeRefused, lost: probeSentAt.size };
  },

  startFlood({ url, system, wire, kind }: { url: string; system: SystemName; wire: WireName; kind: 'frames' | 'polling' }): void {
    const loops =
      kind === 'frames'
        ? [
            ...Array.from({ length: flood.invokers }, () => () => invocationFlood(url, wire)),
            ...Array.from({ length: flood.oversized }, () => () => badFrame(url, wire, oversizedFrame)),
            ...Array.from({ length: flood.garbage }, () => () => badFrame(url, wire, garbageFrame)),
          ]
        : system === 'raw ws'
          ? []
          : Array.from({ length: flood.longPolling }, () => () => longPolling(url, system));
    for (const attack of loops) void repeat(attack);
  },

  floodCounters(): FloodCounters {
    return { ...counters };
  },
};

function mapCounters(counters: FloodCounters, value: (key: keyof FloodCounters) => number): FloodCounters {
  return Object.fromEntries(Object.keys(counters).map((key) => [key, value(key as keyof FloodCounters)])) as unknown as FloodCounters;
}

function addCounters(a: FloodCounters, b: FloodCounters): FloodCounters {
  return mapCounters(a, (key) => a[key] + b[key]);
}

/** Runs `attack` again and again until the worker ends: a closed connection just reconnects. */
async function repeat(attack: () => Promise<void>): Promise<never> {
  for (;;) {
    try {
      await attack();
    } catch {
      counters.failedConnects++;
      await sleep(10);
    }
  }
}

/** Pipelines echo calls as fast as the server takes them in (until TCP pushes back). */
async function invocationFlood(url: string, wire: WireName): Promise<void> {
  const client = await LeanClient.connect(url, wires[wire], {
    reply: (_id, ok) => {
      if (ok) counters.answered++;
      else counters.refused++;
    },
    tick: () => {},
  });
  let id = 0;
  let open = true;
  const pump = () => {
    if (!open) return;
    for (let i = 0; i < 100 && client.bufferedAmount < 64 * 1024; i++) {
      client.echo(++id, samplePayload);
      counters.calls++;
    }
    setImmediate(pump);
  };
  pump();
  await client.closed;
  open = false;
}

/** Connects, sends one bad frame and waits for the server to close the connection. */
async function badFrame(url: string, wire: WireName, frame: string): Promise<void> {
  const client = await LeanClient.connect(url, wires[wire]);
  client.sendRaw(frame);
  const closed = await Promise.race([client.closed.then(() => true), sleep(1000, false)]);
  if (closed) counters.badFramesClosed++;
  else client.close();
}

/**
 * A long-polling client calling Echo back-to-back, refusals included, with the system's official
 * client; returns when the connection is gone so that `repeat` opens another.
 */
async function longPolling(url: string, system: SystemName): Promise<void> {
  if (system === 'Hubdeck') {
    const connection = await connect(`${url}${hubdeckHubPath}`, { transport: HttpTransportType.LongPolling });
    while (connection.state === HubConnectionState.Connected) {
      await connection.invoke('Echo', samplePayload).catch(() => {});
      counters.pollingCalls++;
    }
    return;
  }
  const socket = io(url, { path: socketIoPath, transports: ['polling'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  while (socket.connected) {
    await socket.timeout(5000).emitWithAck('echo', samplePayload).catch(() => {});
    counters.pollingCalls++;
  }
  socket.close();
}
