import { type HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub, type HubServer, createHubServer } from '../../src-server/index.js';
import { createRedisLifetimeManager } from '../../src-server/redis.js';
import { connect, nextCall } from '../support/hub-fixture.js';
import { RedisServer } from '../support/redis-server.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/** What each node's hub is handed: its name, and a gate that holds `work` until the test opens it. */
interface NodeServices {
  readonly node: string;
  readonly gate: Gate;
}

class Gate {
  started = 0;
  private opened = false;
  private readonly waiting: Array<() => void> = [];
  private readonly onStart: Array<() => void> = [];
  async pass(): Promise<void> {
    this.started++;
    for (const notify of this.onStart.splice(0)) notify();
    if (!this.opened) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  whenStarted(): Promise<void> {
    return this.started > 0 ? Promise.resolve() : new Promise((resolve) => this.onStart.push(resolve));
  }
  open(): void {
    this.opened = true;
    for (const release of this.waiting.splice(0)) release();
  }
}

class WorkHub extends Hub<{ announced(text: string): void }> {
  constructor(private readonly services: NodeServices) {
    super();
  }

  node(): string {
    return this.services.node;
  }
  async work(): Promise<string> {
    await this.services.gate.pass();
    return `done on ${this.services.node}`;
  }
  async announce(text: string): Promise<void> {
    await this.clients.all.announced(text);
  }
}

function reconnectingClient(url: string): HubConnection {
  // Reconnect at once: the node it lands on is the proxy's business.
  return new HubConnectionBuilder().withUrl(url).withAutomaticReconnect([0, 100, 500, 1000]).configureLogging(process.env.DRAIN_DEBUG ? LogLevel.Debug : LogLevel.None).build();
}

function reconnected(connection: HubConnection, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The client did not reconnect within ${timeoutMs} ms`)), timeoutMs);
    connection.onreconnected(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('draining a node of a scaled-out fleet', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startNode(node: string, redisUrl: string | undefined, gate = new Gate()): Promise<{ server: HubServer; url: string; gate: Gate }> {
    const server = createHubServer({ logLevel: 'silent' }).mapHub('/work', WorkHub, {
      services: { node, gate },
      lifetimeManager: redisUrl === undefined ? undefined : createRedisLifetimeManager({ url: redisUrl, channelPrefix: 'drain', serverName: node }),
    });
    const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => server.close(100));
    return { server, url, gate };
  }

  it('lets in-flight invocations finish, refuses new connections, and moves clients to another node over Redis', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const [a, b, c] = [await startNode('A', redis.url), await startNode('B', redis.url), await startNode('C', redis.url)];
    const proxy = await TcpProxy.start(Number(new URL(a.url).port));
    cleanups.push(() => proxy.close());

    const busy = reconnectingClient(`${proxy.url}/work`);
    const idle = reconnectingClient(`${proxy.url}/work`);
    await Promise.all([busy.start(), idle.start()]);
    cleanups.push(async () => void (await Promise.all([busy.stop(), idle.stop()])));
    expect([await busy.invoke('node'), await idle.invoke('node')]).toEqual(['A', 'A']);
    const observer = await connect(`${c.url}/work`);
    cleanups.push(() => observer.stop());

    const inFlight = busy.invoke<string>('work');
    await a.gate.whenStarted();
    // The load balancer takes A out of rotation as it starts draining.
    proxy.retarget(Number(new URL(b.url).port));
    const [busyBack, idleBack] = [reconnected(busy), reconnected(idle)];
    const drained = a.server.drain({ invocationTimeoutMs: 20_000 });

    // A takes no new connections, while its clients' running work goes on.
    const refused = await fetch(`${a.url}/work/negotiate?negotiateVersion=1`, { method: 'POST' });
    expect(refused.status).toBe(503);
    expect(await refused.text()).toBe('The server is shutting down.');
    // The idle client is sent on at once; the busy one is still on A, its invocation running.
    await idleBack;
    expect(await idle.invoke('node')).toBe('B');
    expect(busy.state).toBe(HubConnectionState.Connected);

    a.gate.open();
    expect(await inFlight).toBe('done on A');
    await busyBack;
    expect(await busy.invoke('node')).toBe('B');
    await drained;

    // On B, both get what a client of node C broadcasts, through Redis.
    const heard = [nextCall(busy, 'announced'), nextCall(idle, 'announced')];
    await observer.invoke('announce', 'from C');
    expect(await Promise.all(heard)).toEqual([['from C'], ['from C']]);
  }, 60_000);

  it('closes a connection whose invocation outlasts the deadline', async () => {
    const a = await startNode('A', undefined);
    const client = await connect(`${a.url}/work`);
    cleanups.push(() => client.stop());
    const closed = new Promise<Error | undefined>((resolve) => client.onclose(resolve));
    const stuck = client.invoke('work').then(() => 'completed', (error: Error) => error.message);
    await a.gate.whenStarted();
    await a.server.drain({ invocationTimeoutMs: 200 });
    await closed;
    expect(await stuck).toBe('Invocation canceled due to the underlying connection being closed.');
  });
});
