import { type ChildProcess, spawn } from 'node:child_process';
import { type AddressInfo, createConnection, createServer } from 'node:net';

const redisBinary = '/usr/bin/redis-server';

/**
 * A throwaway redis-server on a free loopback port, without persistence, for backplane tests.
 * It can be stopped (gracefully or killed, as a crash) and started again on the same port.
 */
export class RedisServer {
  private process: ChildProcess | undefined;
  private output = '';

  private constructor(readonly port: number) {}

  /** Starts a server on a free loopback port and waits until it answers PING. */
  static async start(): Promise<RedisServer> {
    // A port found free can be taken by someone else before redis binds it; then try another.
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(await freePort());
      try {
        await server.restart();
        return server;
      } catch (error) {
        await server.stop();
        if (attempt === 3) throw error;
      }
    }
  }

  /** The server's URL, e.g. redis://127.0.0.1:6390. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined;
  }

  /** Starts the server (again) on its port and waits until it answers PING. */
  async restart(timeoutMs = 10_000): Promise<void> {
    if (this.process) throw new Error('redis-server is already running');
    this.output = '';
    const child = spawn(redisBinary, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    const record = (chunk: Buffer) => (this.output += chunk.toString());
    child.stdout!.on('data', record);
    child.stderr!.on('data', record);
    child.once('exit', () => {
      if (this.process === child) this.process = undefined;
    });
    const deadline = Date.now() + timeoutMs;
    while ((await this.command('PING').catch(() => undefined)) !== '+PONG') {
      if (!this.process) throw new Error(`redis-server exited before answering PING:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer PING within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops the server: SIGTERM shuts it down cleanly, SIGKILL is a crash. Resolves once it has exited. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** Sends one inline command (e.g. "DBSIZE") and resolves with the first line of the reply, such as ":0". */
  command(line: string, timeoutMs = 1000): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ port: this.port, host: '127.0.0.1' });
      let reply = '';
      const fail = (error: Error) => {
        socket.destroy();
        reject(error);
      };
      socket.setTimeout(timeoutMs, () => fail(new Error(`No reply to ${line} within ${timeoutMs} ms`)));
      socket.on('error', fail);
      socket.on('connect', () => socket.write(`${line}\r\n`));
      socket.on('data', (chunk: Buffer) => {
        reply += chunk.toString();
        const end = reply.indexOf('\r\n');
        if (end < 0) return;
        socket.destroy();
        resolve(reply.slice(0, end));
      });
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
