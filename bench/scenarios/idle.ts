/**
 * Idle connections: the server's RSS after GC, before and after thousands of connections that
 * do nothing, divided by their number.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startLoadWorker, withProcesses } from '../lib/child-processes.js';
import { LeanClient, connectInBatches } from '../lib/lean-client.js';
import { type Scenario, aheadOfSocketIo, atMost } from '../lib/report.js';
import { type SystemName, startServer } from '../lib/servers.js';
import { fixed, ratioTable } from '../lib/table.js';
import { type WireName, wires } from '../lib/wire/wires.js';

const systems: ReadonlyArray<{ readonly system: SystemName; readonly wire: WireName; readonly state: string }> = [
  { system: 'Hubdeck', wire: 'hubdeck-json', state: 'WebSocket, JSON handshake completed' },
  { system: 'raw ws', wire: 'raw-ws', state: 'open WebSocket' },
  { system: 'Socket.IO', wire: 'socket.io', state: 'WebSocket, namespace connected' },
  { system: 'ASP.NET Core', wire: 'hubdeck-json', state: 'WebSocket, JSON handshake completed' },
];

// Connections opened before the baseline, so that what the first connection initializes once
// (module state, JIT, pools) is not charged to the measured ones.
const warmupConnections = 100;

export interface IdleFigures {
  readonly connections: number;
  readonly rssBefore: number;
  readonly rssAfter: number;
  readonly rssPerConnection: number;
  readonly heapPerConnection: number;
}

export const idle: Scenario = {
  name: 'idle',
  title: 'Idle connections: server memory per connection',
  async run(settings, progress) {
    const connections = settings.idleConnections;
    const results: Array<(typeof systems)[number] & IdleFigures> = [];
    for (const entry of systems) {
      progress(`idle: ${entry.system}, ${connections} connections`);
      const figures = await withProcesses([startServer(entry.system), startLoadWorker<typeof load>(import.meta.url)] as const, async (server, worker) => {
        await worker.call('open', { url: server.url, wire: entry.wire, count: warmupConnections });
        const before = await server.memory();
        await worker.call('open', { url: server.url, wire: entry.wire, count: connections });
        // Let the last handshakes' buffers drain before reading.
        await sleep(500);
        const after = await server.memory();
        return {
          connections,
          rssBefore: before.rss,
          rssAfter: after.rss,
          rssPerConnection: (after.rss - before.rss) / connections,
          heapPerConnection: (after.heapUsed - before.heapUsed) / connections,
        };
      });
      results.push({ ...entry, ...figures });
    }
    const find = (system: SystemName) => results.find((r) => r.system === system)!;
    const [hubdeck, rawWs, socketIo] = [find('Hubdeck'), find('raw ws'), find('Socket.IO')];
    const mb = (bytes: number) => fixed(bytes / 2 ** 20, 1);
    const kb = (bytes: number) => fixed(bytes / 1024, 1);
    return {
      tables: [
        {
          title: `Idle connections (lean WebSocket clients in one load process; server measured after GC)`,
          columns: ['System', 'Connection state', 'connections', 'RSS before MB', 'RSS after MB', 'RSS KB/conn', 'heap KB/conn'],
          rows: results.map((r) => [r.system, r.state, String(r.connections), mb(r.rssBefore), mb(r.rssAfter), kb(r.rssPerConnection), kb(r.heapPerConnection)]),
        },
        ratioTable('Idle ratios', [{ label: 'JSON, WebSockets', figures: hubdeck, aspNetCore: find('ASP.NET Core') }], rawWs, socketIo, [['RSS/conn', (f) => f.rssPerConnection]]),
      ],
      figures: results,
      targets: [
        atMost('idle memory per connection <= 2x raw ws', hubdeck.rssPerConnection / rawWs.rssPerConnection, 2),
        aheadOfSocketIo('idle memory per connection', hubdeck.rssPerConnection, socketIo.rssPerConnection, false),
      ],
      notes: [],
    };
  },
};

// Held so the connections stay open until the worker ends.
const open: LeanClient[] = [];

/** Runs in the load worker. */
export const load = {
  async open({ url, wire, count }: { url: string; wire: WireName; count: number }): Promise<void> {
    open.push(...(await connectInBatches(count, () => LeanClient.connect(url, wires[wire]))));
  },
};
