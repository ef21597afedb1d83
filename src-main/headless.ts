/**
 * The host core without a window: `npm run host -- --port 5150 --host 127.0.0.1 --data-dir <dir>`.
 * Serves the DashboardHub (and the dashboard UI once built) and stops cleanly on SIGINT or SIGTERM.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ownerTokenMinutes } from './core/access/access-policy.js';
import { defaultDataDir } from './core/data-dir.js';
import { startHost } from './core/host.js';
import { onShutdownSignals } from './core/ops/shutdown-signals.js';
import type { LogLevel } from '../src-server/index.js';

const usage = `Usage: npm run host -- [--port 5150] [--host 127.0.0.1] [--data-dir DIR] [--hz 1] [--redis redis://HOST:PORT]
                     [--share-address ADDR]... [--no-mdns] [--synthetic] [--log-level warn]`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    hz: { type: 'string' },
    synthetic: { type: 'boolean' },
    redis: { type: 'string' },
    'share-address': { type: 'string', multiple: true },
    'no-mdns': { type: 'boolean' },
    'log-level': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = values.port === undefined ? 5150 : Number(values.port);
const hz = values.hz === undefined ? 1 : Number(values.hz);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got '${values.port}'.`);
if (!Number.isFinite(hz)) fail(`--hz must be a number, got '${values.hz}'.`);

const uiDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'renderer');
const dataDir = values['data-dir'] ?? defaultDataDir();
const host = await startHost({
  port,
  host: values.host ?? '127.0.0.1',
  dataDir,
  sampleHz: hz,
  synthetic: values.synthetic ?? false,
  redis: values.redis,
  shareAddresses: values['share-address'],
  advertise: !values['no-mdns'],
  uiDir: existsSync(uiDir) ? uiDir : undefined,
  logLevel: (values['log-level'] as LogLevel | undefined) ?? 'warn',
}).catch((error: unknown) => fail(`Could not start the host: ${(error as Error).message}`));

console.log(`Hubdeck host listening at ${host.url}`);
console.log(`  hub:  ${host.hubUrl}`);
console.log(`  data: ${dataDir}`);
console.log(existsSync(uiDir) ? `  open ${host.url}/ in a browser` : '  (no dashboard UI built yet: npm run build)');
const ownerLink = async () => `${host.url}/#token=${await host.ownerToken()}`;
console.log(`  owner link, for this machine only: ${await ownerLink()}`);
console.log(`  (it admits a page for ${ownerTokenMinutes} minutes; the page then renews its own token)`);
// The link's token soon expires; a terminal can ask for another.
if (process.stdin.isTTY) {
  console.log('  press Enter for a fresh owner link');
  process.stdin.on('data', () => void ownerLink().then((link) => console.log(`  owner link: ${link}`)));
}

onShutdownSignals((signal) => {
  console.log(`\n${signal}: draining (new connections refused, running calls finishing, clients invited to reconnect), then flushing storage; send it again to exit at once...`);
  void host.close().then(() => process.exit(0));
});

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}
