import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TcpProxy } from '../support/tcp-proxy.js';

/**
 * An HTTP endpoint through which the .NET scenarios make TCP proxies in front of the server
 * under test and cut them: POST /proxies answers {"url", "id"}; POST /proxies/ID/cut answers how
 * many live connections it dropped.
 */
export class ProxyControl {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly proxies: Map<number, TcpProxy>,
  ) {}

  static async start(targetPort: number): Promise<ProxyControl> {
    const proxies = new Map<number, TcpProxy>();
    const server = createServer((req, res) => {
      void handle(proxies, req.method ?? '', req.url ?? '', targetPort).then(
        (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body),
        (error: Error) => res.writeHead(error.message === 'not found' ? 404 : 500).end(error.message),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ProxyControl(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, proxies);
  }

  async close(): Promise<void> {
    await Promise.all([...this.proxies.values()].map((proxy) => proxy.close()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function handle(proxies: Map<number, TcpProxy>, method: string, path: string, targetPort: number): Promise<string> {
  if (method === 'POST' && path === '/proxies') {
    const proxy = await TcpProxy.start(targetPort);
    proxies.set(proxy.port, proxy);
    return JSON.stringify({ url: proxy.url, id: proxy.port });
  }
  const cut = /^\/proxies\/(\d+)\/cut$/.exec(path);
  const proxy = cut && proxies.get(Number(cut[1]));
  if (method !== 'POST' || !proxy) throw new Error('not found');
  const live = proxy.connections;
  proxy.cut();
  return String(live);
}
