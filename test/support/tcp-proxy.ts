import { type Server, type Socket, createConnection, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback for fault tests: it forwards every connection to a target and can cut
 * all live connections abruptly (both sides destroyed, no close handshake), as a flaky network
 * or a restarting router would, while still accepting new connections.
 */
export class TcpProxy {
  /** How many times `cut` has dropped live connections. */
  cuts = 0;
  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly pairs: Set<[Socket, Socket]>,
    /** Where new connections go; `retarget` moves it, as a load balancer takes a draining node out. */
    private readonly target: { port: number; host: string },
  ) {}

  /** Starts a proxy on a free loopback port forwarding to `targetPort`. */
  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const pairs = new Set<[Socket, Socket]>();
    const target = { port: targetPort, host: targetHost };
    const server = createServer((client) => {
      const upstream = createConnection(target);
      const pair: [Socket, Socket] = [client, upstream];
      pairs.add(pair);
      const drop = () => {
        pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TcpProxy(server, (server.address() as AddressInfo).port, pairs, target);
  }

  /** The proxy's base URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Live proxied connections. */
  get connections(): number {
    return this.pairs.size;
  }

  /** Sends new connections to another target; live ones stay where they are. */
  retarget(port: number, host = '127.0.0.1'): void {
    this.target.port = port;
    this.target.host = host;
  }

  /** Destroys every live connection at once; new connections are still accepted. */
  cut(): void {
    this.cuts++;
    for (const [client, upstream] of [...this.pairs]) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
