import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { HubServer } from '../../../src-server/index.js';
import { type LanListener, type TlsCredentials, listenOnLan } from './lan-listener.js';

export interface LanSharingOptions {
  readonly hubs: HubServer;
  /** The host's routes other than hubs (UI, join), served on the LAN endpoints too. */
  readonly routes: (req: IncomingMessage, res: ServerResponse) => void;
  /** The local port; the LAN endpoints use the same one on their own addresses when they can. */
  readonly port: number;
  /** Addresses to share on; default: this machine's non-internal IPv4 addresses. */
  readonly addresses?: readonly string[];
  /** Makes (or loads) the certificate for TLS sharing. */
  readonly certificate: () => Promise<TlsCredentials & { fingerprint: string }>;
  /** Advertises the host on the LAN (mDNS) while shared; returns the stop function. */
  readonly advertise?: (urls: readonly string[], tls: boolean) => () => void;
}

/**
 * The host's endpoints on the LAN: while shared, the same hubs and routes as on loopback are
 * served on this machine's LAN addresses, optionally over TLS, and advertised over mDNS.
 */
export class LanSharing {
  private listeners: LanListener[] = [];
  private tls: { fingerprint: string } | undefined;
  private stopAdvertising: (() => void) | undefined;

  constructor(private readonly options: LanSharingOptions) {}

  get listening(): boolean {
    return this.listeners.length > 0;
  }

  /** The URLs peers reach the host at, while listening. */
  get urls(): string[] {
    return this.listeners.map((l) => l.url);
  }

  /** The pinned certificate's fingerprint, while listening with TLS. */
  get fingerprint(): string | undefined {
    return this.tls?.fingerprint;
  }

  /**
   * Listens on every LAN address, or on none: a half-shared host would be hard to reason about.
   * Returns the URLs. Only while not listening.
   */
  async start(tls: boolean): Promise<string[]> {
    if (this.listening) throw new Error('The host is already listening on the LAN.');
    const credentials = tls ? await this.options.certificate() : undefined;
    const addresses = this.options.addresses ?? lanAddresses();
    if (addresses.length === 0) throw new Error('This machine has no network address to share on.');
    const { hubs, routes, port } = this.options;
    const opened = await Promise.allSettled(addresses.map((address) => listenOnLan(hubs, routes, address, port, credentials)));
    const listeners = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const failure = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) {
      await Promise.all(listeners.map((l) => l.close()));
      throw new Error(`Could not listen on the LAN: ${(failure.reason as Error).message}`);
    }
    this.listeners = listeners;
    this.tls = credentials && { fingerprint: credentials.fingerprint };
    this.stopAdvertising = this.options.advertise?.(this.urls, tls);
    return this.urls;
  }

  /** Stops listening on the LAN and advertising. */
  async close(): Promise<void> {
    this.stopAdvertising?.();
    this.stopAdvertising = undefined;
    await Promise.all(this.listeners.map((l) => l.close()));
    this.listeners = [];
    this.tls = undefined;
  }
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}
