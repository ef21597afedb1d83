/**
 * Under attack: a well-behaved client's echo latency alone, then during each attack on its own
 * (Hubdeck with the host's defences), reported as a ratio of its unloaded value; and, side by
 * side with raw ws and Socket.IO, during all the message floods at once.
 */
import { type Socket, connect as connectTcp } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpTransportType, HubConnectionState } from '@microsoft/signalr';
import { io } from 'socket.io-client';
import { connect } from '../../test/support/hub-fixture.js';
import { type Child, type Handlers, startLoadWorker, withProcesses } from '../lib/child-processes.js';
import { LeanClient, samplePayload } from '../lib/lean-client.js';
import { type Scenario, aheadOfSocketIo } from '../lib/report.js';
import { type RunningServer, type SystemName, startServer } from '../lib/servers.js';
import { hubdeckHubPath, maximumMessageSize, socketIoPath } from '../lib/servers/endpoints.js';
import { type LatencySummary, summarize } from '../lib/stats.js';
import { fixed, times } from '../lib/table.js';
import { type WireName, wires } from '../lib/wire/wires.js';

const systems: ReadonlyArray<{ readonly system: SystemName; readonly wire: WireName; readonly defences: string }> = [
  { system: 'Hubdeck', wire: 'hubdeck-json', defences: "the host's (src-main/core/defences.ts)" },
  { system: 'raw ws', wire: 'raw-ws', defences: '32 KB frames; closes on invalid JSON' },
  { system: 'Socket.IO', wire: 'socket.io', defences: '32 KB maxHttpBufferSize' },
];

/** Each attack Hubdeck is measured under on its own, and what it stands for. */
const attacks = {
  invocations: '4 connections pipelining calls as fast as the server takes them',
  oversized: '2 reconnect loops sending frames past the message size',
  garbage: '2 reconnect loops sending frames that are not JSON',
  'long polls': '50 long-polling clients of the official client calling back-to-back',
  'partial messages': '4 connections sending one-byte WebSocket messages that never complete a hub message',
  fragments: '4 connections sending one-byte WebSocket fragments of a message that never ends',
  'forged tokens': '32 loops of negotiate requests with forged bearer tokens (401s)',
  'half-open sockets': '2,000 TCP connections that send part of a request line and then nothing',
  'many addresses': 'idle WebSocket connections from 40 loopback addresses, 250 from each',
} as const;
type AttackName = keyof typeof attacks;
const floodAttacks: readonly AttackName[] = ['invocations', 'oversized', 'garbage', 'long polls'];

// The well-behaved client calls 40 times a second: under the 50/s limit the host sets.
const probeIntervalMs = 25;
// Replies later than this after the probe window count as lost.
const probeGraceMs = 2000;
const oversizedFrame = 'x'.repeat(maximumMessageSize + 8 * 1024);
const garbageFrame = '}{ not a message \x1e';
const halfOpenSockets = 2000;
const attackerAddresses = 40;
const connectionsPerAddress = 250;

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
  /** Frames or requests the attack sent that the server did not refuse outright. */
  sent: number;
  /** Requests or connections the server refused (401, 429, 503, a closed socket). */
  turnedAway: number;
  /** Connections the attack holds open right now. */
  open: number;
  /** Milliseconds each half-open socket lived before the server closed it. */
  lifetimes: number[];
}

const newCounters = (): FloodCounters => ({
  calls: 0, answered: 0, refused: 0, badFramesClosed: 0, pollingCalls: 0, failedConnects: 0, sent: 0, turnedAway: 0, open: 0, lifetimes: [],
});

interface AttackRow {
  /** The attack, or the attacks run at once. */
  readonly attack: string;
  readonly probe: ProbeFigures;
  readonly counters: FloodCounters;
  readonly seconds: number;
}

type Worker = Child<typeof load & Handlers, unknown>;

export const attack: Scenario = {
  name: 'attack',
  title: 'Under attack: a well-behaved client during each attack, and while other connections flood the server',
  async run(settings, progress) {
    progress('attack: Hubdeck, one attack at a time');
    const hubdeck = await withProcesses([startServer('Hubdeck', { attack: true }), startLoadWorker<typeof load>(import.meta.url)] as const, async (server, prober) => {
      await prober.call('connectProbe', { url: server.url, wire: 'hubdeck-json' });
      await prober.call('probe', { durationMs: settings.warmupMs });
      const alone = await prober.call('probe', { durationMs: settings.measureMs });
      const rows: AttackRow[] = [];
      for (const name of Object.keys(attacks) as AttackName[]) {
        progress(`attack: Hubdeck, ${name}`);
        rows.push(await underAttack(server, prober, [name], settings, 'Hubdeck', 'hubdeck-json'));
      }
      return { alone, rows };
    });

    const compared: Array<(typeof systems)[number] & { alone: ProbeFigures; flooded: AttackRow }> = [];
    for (const entry of systems) {
      progress(`attack: ${entry.system}, every message flood at once`);
      compared.push({
        ...entry,
        ...(await withProcesses([startServer(entry.system, { attack: true }), startLoadWorker<typeof load>(import.meta.url)] as const, async (server, prober) => {
          await prober.call('connectProbe', { url: server.url, wire: entry.wire });
          await prober.call('probe', { durationMs: settings.warmupMs });
          const alone = await prober.call('probe', { durationMs: settings.measureMs });
          const kinds = entry.system === 'raw ws' ? floodAttacks.filter((a) => a !== 'long polls') : floodAttacks;
          return { alone, flooded: await underAttack(server, prober, kinds, settings, entry.system, entry.wire) };
        })),
      });
    }

    const ratio = (during: ProbeFigures, alone: ProbeFigures, p: 'p50' | 'p99') => during.latency[p] / alone.latency[p];
    const perSecond = (row: AttackRow, key: 'sent' | 'turnedAway') => row.counters[key] / row.seconds;
    const hubdeckFlooded = compared.find((r) => r.system === 'Hubdeck')!;
    const socketIo = compared.find((r) => r.system === 'Socket.IO')!;
    return {
      tables: [
        {
          title: `Hubdeck, the well-behaved client (${1000 / probeIntervalMs} echoes/s) during each attack alone; unloaded p50 ${fixed(hubdeck.alone.latency.p50, 2)} ms, p99 ${fixed(hubdeck.alone.latency.p99, 2)} ms`,
          columns: ['Attack', 'p50', 'p99', 'p99 ÷ unloaded', 'refused', 'lost', 'attack sent/s', 'turned away/s', 'held open', 'half-open life p50 s'],
          rows: hubdeck.rows.map((r) => [
            r.attack, fixed(r.probe.latency.p50, 2), fixed(r.probe.latency.p99, 2), times(ratio(r.probe, hubdeck.alone, 'p99')),
            String(r.probe.refused), String(r.probe.lost), fixed(perSecond(r, 'sent')), fixed(perSecond(r, 'turnedAway')), fixed(r.counters.open),
            r.counters.lifetimes.length === 0 ? 'n/a' : fixed(summarize(r.counters.lifetimes).p50 / 1000, 1),
          ]),
        },
        {
          title: 'The attacks',
          columns: ['Attack', 'What the attacker does'],
          rows: Object.entries(attacks).map(([name, what]) => [name, what]),
        },
        {
          title: `Side by side: every message flood at once (${floodAttacks.join(', ')}; raw ws has no long polling)`,
          columns: ['System', 'Defences', 'alone p50', 'alone p99', 'flooded p50', 'flooded p99', 'p99 flooded/alone', 'refused', 'lost', 'calls sent/s', 'answered/s', 'bad frames closed/s'],
          rows: compared.map((r) => [
            r.system, r.defences, fixed(r.alone.latency.p50, 2), fixed(r.alone.latency.p99, 2), fixed(r.flooded.probe.latency.p50, 2),
            fixed(r.flooded.probe.latency.p99, 2), times(ratio(r.flooded.probe, r.alone, 'p99')), String(r.flooded.probe.refused), String(r.flooded.probe.lost),
            fixed(r.flooded.counters.calls / r.flooded.seconds), fixed(r.flooded.counters.answered / r.flooded.seconds),
            fixed(r.flooded.counters.badFramesClosed / r.flooded.seconds, 1),
          ]),
        },
      ],
      figures: { hubdeck, compared },
      targets: [
        ...hubdeck.rows.map((r) => ({
          target: `Hubdeck p99 during '${r.attack}' ≤ 2x unloaded`,
          measured: times(ratio(r.probe, hubdeck.alone, 'p99')),
          pass: ratio(r.probe, hubdeck.alone, 'p99') <= 2,
        })),
        aheadOfSocketIo('p99 flooded/alone', ratio(hubdeckFlooded.flooded.probe, hubdeckFlooded.alone, 'p99'), ratio(socketIo.flooded.probe, socketIo.alone, 'p99'), false),
      ],
      notes: [
        'Latencies in ms. Each attack runs in a process of its own on the same 2-core machine, so part of any slowdown is CPU the attacker takes, for every system alike.',
        "'turned away' counts refusals (401, 429, 503, closed sockets); 'held open' is what the attacker still held at the end; 'half-open life' is how long the server let a silent socket live.",
      ],
    };
  },
};

/** Runs `kinds` from a fresh attacker process while the prober measures, then stops the attacker. */
async function underAttack(server: RunningServer, prober: Worker, kinds: readonly AttackName[], settings: { warmupMs: number; measureMs: number }, system: SystemName, wire: WireName): Promise<AttackRow> {
  return withProcesses([startLoadWorker<typeof load>(import.meta.url)] as const, async (attacker) => {
    await attacker.call('startAttack', { url: server.url, system, wire, kinds: [...kinds] });
    await sleep(settings.warmupMs);
    const before = await attacker.call('counters', undefined);
    const started = performance.now();
    const probe = await prober.call('probe', { durationMs: settings.measureMs });
    const after = await attacker.call('counters', undefined);
    const seconds = (performance.now() - started) / 1000;
    const counters = { ...after, ...Object.fromEntries((['calls', 'answered', 'refused', 'badFramesClosed', 'pollingCalls', 'failedConnects', 'sent', 'turnedAway'] as const).map((k) => [k, after[k] - before[k]])) };
    return { attack: kinds.join(' + '), probe, counters, seconds };
  }).finally(() => sleep(1000)); // the server closes what the attacker left before the next one starts
}

// State of this load worker: it is the prober or an attacker.
let probeClient: LeanClient | undefined;
// Ids keep counting across probes, so a late reply to an earlier probe never matches a later call.
let probeLastId = 0;
const probeSentAt = new Map<number, number>();
let probeSamples: number[] = [];
let probeRefused = 0;
const counters = newCounters();

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

  startAttack({ url, system, wire, kinds }: { url: string; system: SystemName; wire: WireName; kinds: AttackName[] }): void {
    for (const kind of kinds) {
      for (const attack of loopsOf(kind, url, system, wire)) void repeat(attack);
    }
  },

  counters(): FloodCounters {
    return { ...counters, lifetimes: [...counters.lifetimes] };
  },
};

function loopsOf(kind: AttackName, url: string, system: SystemName, wire: WireName): Array<() => Promise<void>> {
  const times = (n: number, loop: () => Promise<void>) => Array.from({ length: n }, () => loop);
  switch (kind) {
    case 'invocations':
      return times(4, () => invocationFlood(url, wire));
    case 'oversized':
      return times(2, () => badFrame(url, wire, oversizedFrame));
    case 'garbage':
      return times(2, () => badFrame(url, wire, garbageFrame));
    case 'long polls':
      return times(50, () => longPolling(url, system));
    case 'partial messages':
      return times(4, () => trickle(url, wire, (client) => client.sendRaw('x')));
    case 'fragments':
      return times(4, () => trickle(url, wire, (client) => client.sendFragment('x')));
    case 'forged tokens':
      return times(32, () => forgedTokens(url));
    case 'half-open sockets':
      return times(halfOpenSockets, () => halfOpen(url));
    case 'many addresses':
      return [() => manyAddresses(url, wire)];
  }
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

/** Sends tiny frames as fast as the socket takes them, none of which completes a message. */
async function trickle(url: string, wire: WireName, send: (client: LeanClient) => void): Promise<void> {
  const client = await LeanClient.connect(url, wires[wire]);
  counters.open++;
  let open = true;
  const pump = () => {
    if (!open) return;
    for (let i = 0; i < 200 && client.bufferedAmount < 16 * 1024; i++) {
      send(client);
      counters.sent++;
    }
    setImmediate(pump);
  };
  pump();
  await client.closed;
  open = false;
  counters.open--;
  counters.turnedAway++;
}

// A token of the right shape signed with a key the server does not know.
const forgedToken =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvd25lciIsIm5hbWUiOiJFdmUiLCJyb2xlIjoib3duZXIiLCJpc3MiOiJodWJkZWNrIiwiZXhwIjo0MTAyNDQ0ODAwfQ.' +
  'c2lnbmF0dXJlLW9mLWEta2V5LXRoZS1zZXJ2ZXItZG9lcy1ub3Qta25vdw';

/** Negotiates with a forged token, back-to-back. */
async function forgedTokens(url: string): Promise<void> {
  const res = await fetch(`${url}${hubdeckHubPath}/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${forgedToken}` } });
  await res.arrayBuffer();
  counters.sent++;
  if (res.status !== 200) counters.turnedAway++;
}

/** Opens a TCP connection, sends part of a request line, then waits for the server to give up on it. */
async function halfOpen(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const openedAt = performance.now();
  const socket: Socket = connectTcp({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  counters.open++;
  counters.sent++;
  socket.write('GET / HTTP/1.1\r\nHost: ');
  await new Promise<void>((resolve) => {
    socket.on('error', () => {});
    socket.once('close', () => resolve());
  });
  counters.open--;
  counters.turnedAway++;
  counters.lifetimes.push(performance.now() - openedAt);
}

/** Holds idle WebSocket connections from many loopback addresses, within each address's cap. */
async function manyAddresses(url: string, wire: WireName): Promise<void> {
  const held: LeanClient[] = [];
  for (let a = 0; a < attackerAddresses; a++) {
    const localAddress = `127.0.1.${a + 1}`;
    const batch = await Promise.allSettled(Array.from({ length: connectionsPerAddress }, () => LeanClient.connect(url, wires[wire], undefined, { localAddress })));
    for (const result of batch) {
      counters.sent++;
      if (result.status === 'fulfilled') {
        held.push(result.value);
        counters.open++;
        void result.value.closed.then(() => counters.open--);
      } else {
        counters.turnedAway++;
      }
    }
  }
  // Hold them until the worker ends.
  await new Promise(() => {});
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
