/**
 * A process inside one machine of the test LAN (a network namespace), doing what the test asks
 * over IPC: run a host, act as its owner on loopback, or be a peer that discovers and joins it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect as connectTls } from 'node:tls';
import { fileURLToPath } from 'node:url';
import type { HubConnection } from '@microsoft/signalr';
import { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';
import { type RunningHost, startHost } from '../../src-main/core/host.js';
import { discoverHosts } from '../../src-main/core/sharing/lan-discovery.js';
import { connect } from './hub-fixture.js';
import { tempDir } from './temp-dir.js';

type Message = { id: number; method: keyof typeof handlers; params: never };

let host: RunningHost | undefined;
let owner: DashboardHubProxy | undefined;
let peer: DashboardHubProxy | undefined;
let peerClosed: Promise<string> | undefined;
const dir = tempDir('hubdeck-lan-');

const call = (proxy: DashboardHubProxy | undefined, method: string, args: unknown[]) =>
  (proxy as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);

const handlers = {
  async startHost({ shareAddress, hostName }: { shareAddress: string; hostName: string }) {
    host = await startHost({ dataDir: dir.path, port: 5150, host: '127.0.0.1', hostName, shareAddresses: [shareAddress], sources: [], synthetic: true, logLevel: 'silent' });
    owner = new DashboardHubProxy(await connect(host.hubUrl, { accessTokenFactory: () => host!.ownerToken() }));
    return host.url;
  },
  owner: ({ method, args }: { method: string; args: unknown[] }) => call(owner, method, args),
  discover: ({ timeoutMs }: { timeoutMs: number }) => discoverHosts(timeoutMs),
  /** The SHA-256 fingerprint of the certificate a TLS endpoint presents. */
  fingerprint: ({ url }: { url: string }) =>
    new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const socket = connectTls({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.on('error', reject);
    }),
  /**
   * Trusts the self-signed certificate the peer just pinned: this agent talks to that one host
   * only, so its TLS clients stop checking the chain once the fingerprint has matched.
   */
  trustPinned() {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  },
  async join({ url, code, name }: { url: string; code: string; name: string }) {
    const res = await fetch(`${url}/api/join`, { method: 'POST', body: JSON.stringify({ code, name }) });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  },
  async connectPeer({ url, token }: { url: string; token: string }) {
    const connection: HubConnection = await connect(`${url}/hubs/dashboard`, { accessTokenFactory: () => token });
    peerClosed = new Promise((resolve) => connection.onclose((error) => resolve(error?.message ?? 'closed without an error')));
    peer = new DashboardHubProxy(connection);
  },
  peer: ({ method, args }: { method: string; args: unknown[] }) => call(peer, method, args),
  peerClosed: () => peerClosed,
  async negotiate({ url, token }: { url: string; token: string }) {
    const res = await fetch(`${url}/hubs/dashboard/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.text() };
  },
  async stop() {
    await peer?.connection.stop();
    await owner?.connection.stop();
    await host?.close();
    dir.remove();
  },
};

/** The test's side: an agent running inside `namespace`. */
export interface LanAgent {
  call<M extends keyof typeof handlers>(method: M, params?: Parameters<(typeof handlers)[M]>[0]): Promise<Awaited<ReturnType<(typeof handlers)[M]>>>;
  stop(): Promise<void>;
}

/** Starts an agent inside a network namespace (`ip netns exec`), talking to the test over IPC. */
export function startLanAgent(namespace: string): LanAgent {
  const child: ChildProcess = spawn('ip', ['netns', 'exec', namespace, process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  child.on('message', (reply: { id: number; result?: unknown; error?: string }) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
    else waiter?.resolve(reply.result as never);
  });
  child.once('exit', () => {
    for (const { reject } of pending.values()) reject(new Error(`The agent in ${namespace} exited:\n${output}`));
    pending.clear();
  });
  let nextId = 1;
  return {
    call: (method, params) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error(`The agent in ${namespace} did not answer ${method} within 60 s:\n${output}`)), 60_000);
        pending.set(id, { resolve: (v) => (clearTimeout(timer), resolve(v)), reject: (e) => (clearTimeout(timer), reject(e)) });
        child.send({ id, method, params });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await Promise.race([new Promise<void>((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve: () => resolve(), reject: () => resolve() });
        child.send({ id, method: 'stop', params: {} });
      }), new Promise((resolve) => setTimeout(resolve, 5000))]);
      child.kill();
      await exited;
    },
  };
}

// The agent's side, when this file runs as the child.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on('message', (message: Message) => {
    void (async () => {
      try {
        const handler = handlers[message.method] as (params: never) => unknown;
        process.send!({ id: message.id, result: (await handler(message.params)) ?? null });
      } catch (error) {
        process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}
