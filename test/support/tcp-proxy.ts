import { type Server, type Socket, createConnection, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback for fault tests: it forwards every connection to a target and can cut
 * all live connections abruptly (both sides destroyed, no close handshake), as a flaky network
 * or a restarting router would, while still accepting new connections.
 */
export class TcpProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  /** How many times `cut` has dropped live connections. */
  cuts = 0;
  /** Where new connections go; `retarget` moves it, as a load balancer takes a draining node out. */
  private target: { port: number; host: string } = { port: 0, host: '127.0.0.1' };

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Starts a proxy on a free loopback port forwarding to `targetPort`. */
  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => {
      const upstream = createConnection(proxy!.target);
      const pair: [Socket, Socket] = [client, upstream];
      proxy!.pairs.add(pair);
      const drop = () => {
        proxy!.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    proxy.retarget(targetPort, targetHost);
    return proxy;
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
    this.target = { port, host };
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
