import { createServer } from 'node:net';
import { type HostProcess, startHostProcess } from '../../test/support/headless-process.js';
import { tempDir } from '../../test/support/temp-dir.js';

/** The address that stands for the LAN in tests: a second loopback address, never a real network. */
export const lanAddress = '127.0.0.2';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A headless host for end-to-end tests: its own port (kept across restarts, so peers can come
 * back by themselves), a temporary data directory, and a synthetic source the test drives.
 */
export class E2eHost {
  private process: HostProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: { path: string; remove(): void },
  ) {}

  static async start(): Promise<E2eHost> {
    const host = new E2eHost(await freePort(), tempDir('hubdeck-e2e-'));
    await host.launch();
    return host;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The token of the owner link the host printed last (it gives the owner role from any address, for a few minutes). */
  get ownerToken(): string {
    return this.process?.ownerToken() ?? '';
  }

  /** Sets synthetic series values (series id → number). */
  async setSynthetic(values: Record<string, number>): Promise<void> {
    const res = await fetch(`${this.url}/api/synthetic`, { method: 'POST', body: JSON.stringify(values) });
    if (res.status !== 204) throw new Error(`Setting synthetic values failed: ${res.status} ${await res.text()}`);
  }

  /** Stops the host the way an operator would (SIGTERM: clients get a Close, storage is flushed). */
  async stop(): Promise<void> {
    const running = this.process;
    this.process = undefined;
    if (!running) return;
    running.child.kill('SIGTERM');
    await running.exited;
  }

  /** Starts the host again on the same port with the same data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.dir.remove();
  }

  private async launch(): Promise<void> {
    this.process = await startHostProcess([
      '--port', String(this.port),
      '--data-dir', this.dir.path,
      '--synthetic',
      '--hz', '10',
      '--share-address', lanAddress,
      '--no-mdns',
    ]);
    if (!this.process.url.endsWith(`:${this.port}`)) throw new Error(`The host took another port: ${this.process.url}`);
  }
}
