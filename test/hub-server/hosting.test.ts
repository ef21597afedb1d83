import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub, createHubServer } from '../../src-server/index.js';
import { RawClient } from '../support/raw-client.js';
import { connect, startServer, type RunningServer } from '../support/hub-fixture.js';

class AlphaHub extends Hub {
  name(): string {
    return 'alpha';
  }
}
class BetaHub extends Hub {
  name(): string {
    return 'beta';
  }
}

describe('hosting', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('serves several hubs on one server', async () => {
    running = await startServer((s) => s.mapHub('/a', AlphaHub).mapHub('/b/', BetaHub));
    const a = await connect(`${running.url}/a`);
    const b = await connect(`${running.url}/b`);
    expect([await a.invoke('name'), await b.invoke('name')]).toEqual(['alpha', 'beta']);
    await Promise.all([a.stop(), b.stop()]);
    expect((await fetch(`${running.url}/elsewhere`)).status).toBe(404);
  });

  it('refuses to map two hubs at one path', () => {
    const server = createHubServer({ logLevel: 'silent' }).mapHub('/a', AlphaHub);
    expect(() => server.mapHub('/a/', BetaHub)).toThrow("A hub is already mapped at '/a'.");
  });

  it('mounts on an existing node:http server, leaving its other routes alone', async () => {
    const http = createServer((_req, res) => res.end('app page'));
    const hubs = createHubServer({ logLevel: 'silent' }).mapHub('/hubs/alpha', AlphaHub);
    hubs.attach(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${base}/`)).text()).toBe('app page');
      const client = await connect(`${base}/hubs/alpha`);
      expect(await client.invoke('name')).toBe('alpha');
      await client.stop();
    } finally {
      await hubs.close(100);
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('exposes request and upgrade handlers for servers it does not own', async () => {
    const hubs = createHubServer({ logLevel: 'silent' }).mapHub('/alpha', AlphaHub);
    const http = createServer((req, res) => {
      if (!hubs.handleRequest(req, res)) res.end('mine');
    });
    http.on('upgrade', (req, socket, head) => {
      if (!hubs.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const client = await connect(`${base}/alpha`);
      expect(await client.invoke('name')).toBe('alpha');
      expect(await (await fetch(`${base}/other`)).text()).toBe('mine');
      await client.stop();
    } finally {
      await hubs.close(100);
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('resolves listen() to the bound address', async () => {
    const server = createHubServer({ logLevel: 'silent' }).mapHub('/a', AlphaHub);
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    expect(address.host).toBe('127.0.0.1');
    expect(address.port).toBeGreaterThan(0);
    expect(address.url).toBe(`http://127.0.0.1:${address.port}`);
    await server.close();
  });

  it('closes gracefully: clients get a Close that invites them to reconnect', async () => {
    const server = createHubServer({ logLevel: 'silent' }).mapHub('/a', AlphaHub);
    const { url } = await server.listen({ port: 0 });
    const raw = await RawClient.connected(`${url}/a`);
    const client = await connect(`${url}/a`, { configure: (b) => b.withAutomaticReconnect([60_000]) });
    const reconnecting = new Promise<void>((resolve) => client.onreconnecting(() => resolve()));
    await server.close();
    expect(await raw.nextMessage()).toEqual({ type: 7, allowReconnect: true });
    await raw.closed();
    // A client with automatic reconnect starts reconnecting instead of giving up.
    await reconnecting;
    await client.stop();
  });
});
