/**
 * Echo: 50 clients each invoke Echo and send the next call as soon as the reply arrives, for a
 * fixed time. Round trips per second and latency, per system and transport.
 */
import { HttpTransportType } from '@microsoft/signalr';
import { connect } from '../../test/support/hub-fixture.js';
import { startLoadWorker, withProcesses } from '../lib/child-processes.js';
import { profileFile } from '../lib/cpu-profile.js';
import { LeanClient, type Wire, connectInBatches, samplePayload } from '../lib/lean-client.js';
import { type Scenario, aheadOfSocketIo, atLeast, atMost } from '../lib/report.js';
import { type SystemName, startServer } from '../lib/servers.js';
import { hubdeckHubPath } from '../lib/servers/endpoints.js';
import { type LatencySummary, LatencyRecorder, inRounds } from '../lib/stats.js';
import { fixed, ratioTable } from '../lib/table.js';
import { type WireName, wires } from '../lib/wire/wires.js';

const clientCount = 50;

/** The lean wires, or the official client over a transport the lean client does not speak. */
type EchoClient = WireName | 'signalr-sse' | 'signalr-long-polling';

interface EchoRow {
  readonly system: SystemName;
  readonly transport: string;
  readonly client: string;
  readonly kind: EchoClient;
}

export interface EchoFigures {
  readonly roundTripsPerSecond: number;
  readonly latency: LatencySummary;
}

// The three directly compared rows run back to back, so that drifting load from other work on
// the machine touches them alike.
const rows: readonly EchoRow[] = [
  { system: 'Hubdeck', transport: 'JSON / WebSockets', client: 'lean raw-protocol client', kind: 'hubdeck-json' },
  { system: 'raw ws', transport: 'JSON / WebSockets', client: 'lean ws client', kind: 'raw-ws' },
  { system: 'Socket.IO', transport: 'Engine.IO / WebSockets', client: 'lean Engine.IO client', kind: 'socket.io' },
  { system: 'ASP.NET Core', transport: 'JSON / WebSockets', client: 'lean raw-protocol client', kind: 'hubdeck-json' },
  { system: 'Hubdeck', transport: 'MessagePack / WebSockets', client: 'lean raw-protocol client', kind: 'hubdeck-msgpack' },
  { system: 'ASP.NET Core', transport: 'MessagePack / WebSockets', client: 'lean raw-protocol client', kind: 'hubdeck-msgpack' },
  { system: 'Hubdeck', transport: 'JSON / Server-Sent Events', client: '@microsoft/signalr', kind: 'signalr-sse' },
  { system: 'Hubdeck', transport: 'JSON / long polling', client: '@microsoft/signalr', kind: 'signalr-long-polling' },
];

export const echo: Scenario = {
  name: 'echo',
  title: `Echo: ${clientCount} clients invoking back-to-back`,
  async run(settings, progress) {
    const { median: results, runs } = await inRounds(
      rows,
      settings.rounds,
      (row, round) => {
        progress(`echo: ${row.system}, ${row.transport} (round ${round} of ${settings.rounds})`);
        const cpuProfile = row.system === 'Hubdeck' && round === 1 ? profileFile(settings, `echo-${row.kind}`) : undefined;
        return withProcesses([startServer(row.system, { cpuProfile }), startLoadWorker<typeof load>(import.meta.url)] as const, (server, worker) =>
          worker.call('echo', { url: server.url, kind: row.kind, clients: clientCount, warmupMs: settings.warmupMs, measureMs: settings.measureMs }),
        );
      },
      (figures) => figures.roundTripsPerSecond,
    );
    const find = (system: SystemName, kind: EchoClient) => results.find((r) => r.system === system && r.kind === kind)!;
    const [json, msgpack, rawWs, socketIo] = [find('Hubdeck', 'hubdeck-json'), find('Hubdeck', 'hubdeck-msgpack'), find('raw ws', 'raw-ws'), find('Socket.IO', 'socket.io')];
    const hubdeckRows = [
      { label: json.transport, figures: json, aspNetCore: find('ASP.NET Core', 'hubdeck-json') },
      { label: msgpack.transport, figures: msgpack, aspNetCore: find('ASP.NET Core', 'hubdeck-msgpack') },
    ];
    return {
      tables: [
        {
          title: `Echo, ${clientCount} clients`,
          columns: ['System', 'Protocol / transport', 'Load client', 'round trips/s', 'p50 ms', 'p99 ms'],
          rows: results.map((r) => [r.system, r.transport, r.client, fixed(r.roundTripsPerSecond), fixed(r.latency.p50, 2), fixed(r.latency.p99, 2)]),
        },
        ratioTable('Echo ratios (WebSockets)', hubdeckRows, rawWs, socketIo, [
          ['round trips/s', (f) => f.roundTripsPerSecond],
          ['p99', (f) => f.latency.p99],
        ]),
      ],
      figures: { median: results, runs },
      targets: [
        ...hubdeckRows.flatMap(({ label, figures }) => [
          atLeast(`echo ${label}: round trips/s >= 0.7x raw ws`, figures.roundTripsPerSecond / rawWs.roundTripsPerSecond, 0.7),
          atMost(`echo ${label}: p99 <= 2x raw ws`, figures.latency.p99 / rawWs.latency.p99, 2),
        ]),
        aheadOfSocketIo('echo round trips/s', json.roundTripsPerSecond, socketIo.roundTripsPerSecond, true),
        aheadOfSocketIo('echo p50', json.latency.p50, socketIo.latency.p50, false),
        aheadOfSocketIo('echo p99', json.latency.p99, socketIo.latency.p99, false),
      ],
      notes: [],
    };
  },
};

interface EchoLoad {
  readonly url: string;
  readonly kind: EchoClient;
  readonly clients: number;
  readonly warmupMs: number;
  readonly measureMs: number;
}

/** Runs in the load worker. */
export const load = {
  async echo({ url, kind, clients, warmupMs, measureMs }: EchoLoad): Promise<EchoFigures> {
    const recorder = new LatencyRecorder();
    const stop =
      kind === 'signalr-sse' || kind === 'signalr-long-polling'
        ? await officialClients(url, kind === 'signalr-sse' ? HttpTransportType.ServerSentEvents : HttpTransportType.LongPolling, clients, recorder)
        : await leanClients(url, wires[kind], clients, recorder);
    const seconds = await recorder.measure(warmupMs, measureMs);
    await stop();
    const latency = recorder.summary();
    return { roundTripsPerSecond: latency.count / seconds, latency };
  },
};

/** Starts `count` lean clients calling back-to-back; resolves with a function that stops them. */
async function leanClients(url: string, wire: Wire, count: number, recorder: LatencyRecorder): Promise<() => Promise<void>> {
  let running = true;
  const callers = await connectInBatches(count, async () => {
    let sentAt = 0;
    let id = 0;
    const call = () => {
      sentAt = performance.now();
      client.echo(++id, samplePayload);
    };
    const client = await LeanClient.connect(url, wire, {
      reply: () => {
        recorder.record(performance.now() - sentAt);
        if (running) call();
      },
      tick: () => {},
    });
    return { client, call };
  });
  for (const { call } of callers) call();
  return async () => {
    running = false;
    for (const { client } of callers) client.close();
  };
}

/** The same with @microsoft/signalr, for the transports the lean client does not speak. */
async function officialClients(url: string, transport: HttpTransportType, count: number, recorder: LatencyRecorder): Promise<() => Promise<void>> {
  let running = true;
  const connections = await connectInBatches(count, () => connect(`${url}${hubdeckHubPath}`, { transport }), 10);
  const loops = connections.map(async (connection) => {
    while (running) {
      const started = performance.now();
      await connection.invoke('Echo', samplePayload);
      recorder.record(performance.now() - started);
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
    await Promise.all(connections.map((c) => c.stop()));
  };
}
