import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BackplaneReport } from './backplane-node.js';

const root = join(import.meta.dirname, '..', '..');
const script = join(root, 'test', 'support', 'backplane-node.ts');

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs` saying `what`. */
export async function eventually<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One hub server of a test cluster, running test/support/backplane-node.ts in its own process. */
export class BackplaneNode {
  private constructor(
    readonly name: string,
    /** The node's base URL. */
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    private readonly output: () => string,
  ) {}

  /** Starts a node named `name` on Redis `redisUrl` with channel prefix `prefix` (and the hub's name in channels); waits until it listens. */
  static async start(name: string, redisUrl: string, prefix: string, hubName?: string): Promise<BackplaneNode> {
    const args = ['--import', 'tsx', script, '--redis', redisUrl, '--name', name, '--prefix', prefix, ...(hubName ? ['--hub-name', hubName] : [])];
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => (gone = true));
    const url = await eventually(`node ${name} to listen`, () => {
      if (gone) throw new Error(`Node ${name} exited before listening:\n${output}`);
      return /listening at (http:\/\/\S+)/.exec(output)?.[1];
      // Starting a node compiles it with tsx first, which takes long on a busy machine.
    }, 60_000).catch((error: unknown) => {
      // Nothing else would end a node that never said where it listens.
      child.kill('SIGKILL');
      throw error;
    });
    return new BackplaneNode(name, url, child, exited, () => output);
  }

  /** The URL clients connect to. */
  hubUrl(query = ''): string {
    return `${this.url}/hubs/backplane${query}`;
  }

  /** The node's backplane status and counters. */
  async report(): Promise<BackplaneReport> {
    const response = await fetch(`${this.url}/backplane`);
    return (await response.json()) as BackplaneReport;
  }

  /** Waits until the node's backplane reports `status`. */
  whenStatus(status: BackplaneReport['status'], timeoutMs = 10_000): Promise<BackplaneReport> {
    return eventually(`node ${this.name} to be ${status}`, async () => {
      const report = await this.report();
      return report.status === status && report;
    }, timeoutMs);
  }

  /** Sends `hit(label)` to every connection through the node's hub context (outside any hub method). */
  async contextAll(label: string): Promise<void> {
    const response = await fetch(`${this.url}/context/all?label=${encodeURIComponent(label)}`, { method: 'POST' });
    if (response.status !== 204) throw new Error(`context send failed: ${response.status}`);
  }

  /** Ends the process: SIGTERM closes the server gracefully, SIGKILL is a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }

  /** What the process printed, for failure messages. */
  get log(): string {
    return this.output();
  }
}
