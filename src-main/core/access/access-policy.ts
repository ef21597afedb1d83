import type { JoinGrant } from '../../../contracts/desktop-bridge.js';
import type { JoinCode, Peer } from '../../../contracts/generated/dashboard-hub.types.js';
import { AuthenticationError, type HubUser, type RequestInfo, bearerToken } from '../../../src-server/index.js';
import type { Clock } from '../clock.js';
import { HostError } from '../host-error.js';
import type { HostDatabase } from '../storage/database.js';
import { JoinCodes } from './join-codes.js';
import { PeerStore } from './peer-store.js';
import type { Role } from './roles.js';
import { TokenIssuer } from './token-issuer.js';

const peerTokenDays = 30;

/**
 * How long an owner token admits new connections. The app asks for a fresh one at every
 * connection, an owner-link page renews its own while connected, so a token that leaks (a
 * link in a shell's history, a screenshot) is soon worth nothing.
 */
export const ownerTokenMinutes = 15;

/**
 * Who calls without a token while the host is not shared: this machine only (the Host check
 * admits loopback names only), and only to look. Owner rights come from the owner token alone.
 */
export const localViewer: HubUser = { id: 'local', name: 'Local viewer', roles: ['viewer'] };

/** The user id of the owner token this machine's own windows use. */
export const ownerTokenSubject = 'owner';

/** Whether a user signed in with the owner token (this machine's own windows, the owner link). */
export function holdsOwnerToken(user: HubUser | undefined): boolean {
  return user?.id === ownerTokenSubject;
}

/** Whether a user signed in with a token obtained for a join code. */
export function isPeer(user: HubUser | undefined): boolean {
  return user !== undefined && user.id !== ownerTokenSubject && user.id !== localViewer.id;
}

/** A token and when it stops admitting connections. */
export interface IssuedToken {
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** Why a join was refused: `code` (unknown, used or expired), or the name (`name_taken`, `name_reserved`). */
export class JoinRefusedError extends HostError {
  override readonly name = 'JoinRefusedError';
}

/** Compares names as people read them: case, width variants and spacing do not tell two apart. */
function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface AccessPolicyOptions {
  readonly db: HostDatabase;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly hostName: string;
}

/**
 * Who may reach the host: while it is not shared, every caller is the local owner and only
 * loopback names are accepted; while it is, peers sign in with tokens obtained for single-use
 * join codes, and the owner can revoke them. It exists before the hub server, whose hooks ask it.
 */
export class AccessPolicy {
  private readonly codes = new JoinCodes();
  private readonly peers: PeerStore;
  private readonly tokens: TokenIssuer;
  /** The LAN host names while the host is shared; undefined while it is not. */
  private sharedHosts: readonly string[] | undefined;
  private readonly changeListeners: Array<() => void> = [];

  constructor(private readonly options: AccessPolicyOptions) {
    this.peers = new PeerStore(options.db);
    this.tokens = new TokenIssuer(options.dataDir, options.clock);
  }

  get shared(): boolean {
    return this.sharedHosts !== undefined;
  }

  /** Runs `listener` whenever the join codes or the peers change. */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** The host is now reachable on the LAN at `urls`: peers may join and sign in. */
  opened(urls: readonly string[]): void {
    this.sharedHosts = urls.map((url) => new URL(url).hostname);
  }

  /** Sharing stops: every peer's token ends with it, and so does every join code not yet used. */
  endPeerTokens(): void {
    this.codes.clear();
    this.peers.revokeAll();
    this.changed();
  }

  /**
   * Ends every token, the owner's included, by changing the signing key, and every peer with
   * it; the caller disconnects whoever signed in with one. The app's windows sign in again with
   * tokens signed by the new key; an owner-link page needs a new link.
   */
  revokeAll(): void {
    this.tokens.rotateKey();
    this.codes.clear();
    this.peers.revokeAll();
    this.changed();
  }

  /**
   * The LAN endpoints have closed: callers without a token are the local owner again. Only once
   * they have, or a LAN caller could pass for the owner.
   */
  closed(): void {
    this.sharedHosts = undefined;
  }

  /** Join codes not yet used or expired. */
  pendingCodes(): JoinCode[] {
    return this.codes.pending(this.options.clock.now());
  }

  /** Peers whose tokens have not expired. */
  currentPeers(): Peer[] {
    return this.peers.current(this.options.clock.now());
  }

  createJoinCode(role: Role, minutes: number): JoinCode {
    const code = this.codes.create(role, minutes, this.options.clock.now());
    this.changed();
    return code;
  }

  /**
   * Exchanges a join code for a token. Refuses (JoinRefusedError) when the host is not shared,
   * an unknown, used or expired code, and a name another current peer has or that would pass
   * for the owner's; a refused name leaves the code usable.
   */
  async join(code: string, name: string): Promise<JoinGrant> {
    const now = this.options.clock.now();
    if (!this.shared || this.codes.peek(code, now) === undefined) {
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

  /** Revokes a peer's token; the caller disconnects the peer. */
  revoke(peerId: string): void {
    if (!this.peers.revoke(peerId)) throw new Error(`There is no peer '${peerId}'.`);
    this.changed();
  }

  /** A short-lived token for this machine's own windows and the owner link: the owner role, never handed to a peer. */
  async ownerToken(): Promise<IssuedToken> {
    const expiresAt = this.options.clock.now() + ownerTokenMinutes * 60_000;
    const token = await this.tokens.sign({ sub: ownerTokenSubject, name: this.options.hostName, role: 'owner', expiresAt });
    return { token, expiresAt };
  }

  /**
   * The hub's authenticate hook: a token decides who the caller is; without one, a caller is a
   * local viewer while the host is not shared, and refused while it is.
   */
  async authenticate(request: RequestInfo): Promise<HubUser | undefined> {
    const token = bearerToken(request);
    if (token !== undefined) {
      const user = await this.tokens.verify(token);
      if (holdsOwnerToken(user)) {
        // The owner token's short life bounds when it admits a connection, not how long the
        // connection lasts: renewing it does not reach a connection already open, and revoking
        // every token closes those connections anyway.
        const { expiresAt: _admittedUntil, ...owner } = user;
        return owner;
      }
      if (!this.peers.isActive(user.id)) throw new AuthenticationError('This token was revoked.');
      return user;
    }
    if (!this.shared) return localViewer;
    throw new AuthenticationError('This host is shared: sign in with the owner link or join it with a code.');
  }

  /** Host names requests may carry (DNS rebinding defence): loopback, plus the LAN names while shared. */
  allowedHosts(): string[] {
    const local = ['127.0.0.1', 'localhost', '[::1]'];
    if (!this.sharedHosts) return local;
    const name = this.options.hostName.toLowerCase();
    return [...local, ...this.sharedHosts, name, `${name}.local`];
  }

  private checkName(name: string, now: number): void {
    const key = nameKey(name);
    const host = nameKey(this.options.hostName);
    const reserved = [host, `${host} (owner)`, nameKey(localViewer.name!), 'owner', 'hubdeck', 'anonymous'];
    if (reserved.includes(key) || key.includes('(owner)')) {
      throw new JoinRefusedError('name_reserved', `The name '${name}' is reserved for the host's owner; choose another.`);
    }
    if (this.peers.current(now).some((peer) => !peer.revoked && nameKey(peer.name) === key)) {
      throw new JoinRefusedError('name_taken', `The name '${name}' is taken on this host; choose another.`);
    }
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}
