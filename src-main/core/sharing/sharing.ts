import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { JoinCode, SharingState } from '../../../contracts/generated/dashboard-hub.types.js';
import { AuthenticationError, type HubServer, type HubUser, type RequestInfo, bearerToken } from '../../../src-server/index.js';
import { type Role, roleOf } from '../access/roles.js';
import type { Clock } from '../clock.js';
import { HostError } from '../host-error.js';
import type { HostDatabase } from '../storage/database.js';
import { JoinCodes } from './join-codes.js';
import { type LanListener, type TlsCredentials, listenOnLan } from './lan-listener.js';
import { PeerStore } from './peer-store.js';
import { TokenIssuer } from './token-issuer.js';

const peerTokenDays = 30;
const ownerTokenDays = 365;

/** The local user when the host is not shared: only this machine can reach it then. */
export const localOwner: HubUser = { id: 'local', name: 'Local user', roles: ['owner'] };

/** The user id of the owner token this machine's own windows use. */
export const ownerTokenSubject = 'owner';

/** Whether a user is this machine's own (a local window or the owner token), not a peer. */
export function isThisMachine(user: HubUser | undefined): boolean {
  return user?.id === localOwner.id || user?.id === ownerTokenSubject;
}

/** Why a join was refused: `code` (unknown, used or expired), or the name (`name_taken`, `name_reserved`). */
export class JoinRefusedError extends HostError {
  override readonly name = 'JoinRefusedError';
}

/** Compares names as people read them: case, width variants and spacing do not tell two apart. */
function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** What a peer gets for a valid join code. */
export interface JoinGrant {
  readonly token: string;
  readonly role: Role;
  readonly hostName: string;
  readonly expiresAt: string;
}

export interface SharingOptions {
  readonly db: HostDatabase;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly hostName: string;
  readonly hubs: HubServer;
  /** The host's routes other than hubs (UI, join), served on the LAN endpoint too. */
  readonly fallback: (req: IncomingMessage, res: ServerResponse) => void;
  /** The local port; the LAN endpoint uses the same one on its own addresses when it can. */
  readonly port: number;
  /** Addresses to share on; default: this machine's non-internal IPv4 addresses. */
  readonly addresses?: readonly string[];
  /** Makes (or loads) the certificate for TLS sharing. */
  readonly certificate: () => Promise<TlsCredentials & { fingerprint: string }>;
  /** Called on start and stop to advertise the host on the LAN (mDNS); returns the stop function. */
  readonly advertise?: (urls: readonly string[], tls: boolean) => () => void;
  readonly onChange: (state: SharingState) => void;
  /** Disconnects shared peers, those `select` picks. */
  readonly disconnect: (select: (user: HubUser | undefined) => boolean, reason: string) => void;
}

/**
 * LAN sharing: while off, the host listens on loopback only and every caller is the local owner.
 * While on, it also listens on LAN addresses, peers sign in with tokens obtained for single-use
 * join codes, and the owner manages codes and revokes peers.
 */
export class Sharing {
  private readonly codes = new JoinCodes();
  private readonly peers: PeerStore;
  private readonly tokens: TokenIssuer;
  private listeners: LanListener[] = [];
  private tls: { fingerprint: string } | undefined;
  private stopAdvertising: (() => void) | undefined;

  constructor(private readonly options: SharingOptions) {
    this.peers = new PeerStore(options.db);
    this.tokens = new TokenIssuer(options.dataDir);
  }

  get enabled(): boolean {
    return this.listeners.length > 0;
  }

  state(): SharingState {
    const now = this.options.clock.now();
    return {
      enabled: this.enabled,
      urls: this.listeners.map((l) => l.url),
      tls: this.tls !== undefined,
      ...(this.tls ? { fingerprint: this.tls.fingerprint } : {}),
      joinCodes: this.codes.pending(now),
      peers: this.peers.current(now),
    };
  }

  async start(tls: boolean): Promise<SharingState> {
    if (this.enabled) await this.close();
    const credentials = tls ? await this.options.certificate() : undefined;
    const addresses = this.options.addresses ?? lanAddresses();
    if (addresses.length === 0) throw new Error('This machine has no network address to share on.');
    const opened = await Promise.allSettled(addresses.map((address) => listenOnLan(this.options.hubs, this.options.fallback, address, this.options.port, credentials)));
    const listeners = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const failure = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) {
      // All or nothing: a half-shared host would be hard to reason about.
      await Promise.all(listeners.map((l) => l.close()));
      throw new Error(`Could not listen on the LAN: ${(failure.reason as Error).message}`);
    }
    this.listeners = listeners;
    this.tls = credentials && { fingerprint: credentials.fingerprint };
    this.stopAdvertising = this.options.advertise?.(this.listeners.map((l) => l.url), tls);
    return this.changed();
  }

  async stop(): Promise<SharingState> {
    this.codes.clear();
    this.options.disconnect((user) => !isThisMachine(user) && roleOf(user) !== 'owner', 'The host stopped sharing.');
    await this.close();
    return this.changed();
  }

  createJoinCode(role: Role, minutes: number): JoinCode {
    const code = this.codes.create(role, minutes, this.options.clock.now());
    this.changed();
    return code;
  }

  /**
   * Exchanges a join code for a token. Refuses (JoinRefusedError) an unknown, used or expired
   * code, and a name another current peer has or that would pass for the owner's; a refused
   * name leaves the code usable.
   */
  async join(code: string, name: string): Promise<JoinGrant> {
    const now = this.options.clock.now();
    if (!this.enabled || this.codes.peek(code, now) === undefined) {
      throw new JoinRefusedError('code', 'That code is not valid: it may be mistyped, used already or expired.');
    }
    this.checkName(name, now);
    const role = this.codes.redeem(code, now)!;
    const id = `peer-${crypto.randomUUID()}`;
    const expiresAt = now + peerTokenDays * 86_400_000;
    this.peers.add({ id, name, role, joinedAt: now, expiresAt });
    const token = await this.tokens.sign({ sub: id, name, role, expiresAt });
    this.changed();
    return { token, role, hostName: this.options.hostName, expiresAt: new Date(expiresAt).toISOString() };
  }

  private checkName(name: string, now: number): void {
    const key = nameKey(name);
    const host = nameKey(this.options.hostName);
    const reserved = [host, `${host} (owner)`, nameKey(localOwner.name!), 'owner', 'hubdeck', 'anonymous'];
    if (reserved.includes(key) || key.includes('(owner)')) {
      throw new JoinRefusedError('name_reserved', `The name '${name}' is reserved for the host's owner; choose another.`);
    }
    if (this.peers.current(now).some((peer) => !peer.revoked && nameKey(peer.name) === key)) {
      throw new JoinRefusedError('name_taken', `The name '${name}' is taken on this host; choose another.`);
    }
  }

  revoke(peerId: string): SharingState {
    if (!this.peers.revoke(peerId)) throw new Error(`There is no peer '${peerId}'.`);
    this.options.disconnect((user) => user?.id === peerId, 'Your access to this host was revoked.');
    return this.changed();
  }

  /** A token for this machine's own windows: the owner role, never handed to a peer. */
  ownerToken(): Promise<string> {
    return this.tokens.sign({
      sub: ownerTokenSubject,
      name: `${this.options.hostName} (owner)`,
      role: 'owner',
      expiresAt: this.options.clock.now() + ownerTokenDays * 86_400_000,
    });
  }

  /** The hub's authenticate hook: tokens first; without one, the local owner unless shared. */
  async authenticate(request: RequestInfo): Promise<HubUser | undefined> {
    const token = bearerToken(request);
    if (token !== undefined) {
      const user = await this.tokens.verify(token);
      if (user.id !== ownerTokenSubject && !this.peers.isActive(user.id)) throw new AuthenticationError('This token was revoked.');
      return user;
    }
    if (!this.enabled) return localOwner;
    throw new AuthenticationError('This host is shared: join it with a code first.');
  }

  /** Host names requests may carry (DNS rebinding defence): loopback, plus the LAN names while shared. */
  allowedHosts(): string[] {
    const local = ['127.0.0.1', 'localhost', '[::1]'];
    if (!this.enabled) return local;
    const lan = this.listeners.map((l) => new URL(l.url).hostname);
    const name = this.options.hostName.toLowerCase();
    return [...local, ...lan, name, `${name}.local`];
  }

  /** Stops listening on the LAN, for shutdown. */
  async close(): Promise<void> {
    this.stopAdvertising?.();
    this.stopAdvertising = undefined;
    await Promise.all(this.listeners.map((l) => l.close()));
    this.listeners = [];
    this.tls = undefined;
  }

  private changed(): SharingState {
    const state = this.state();
    this.options.onChange(state);
    return state;
  }
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}
