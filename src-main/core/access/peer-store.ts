import type { Peer } from '../../../contracts/generated/dashboard-hub.types.js';
import type { Role } from './roles.js';
import { isoTime } from '../clock.js';
import type { HostDatabase } from '../storage/database.js';

interface PeerRow {
  id: string;
  name: string;
  role: Role;
  joined_at: number;
  expires_at: number;
  revoked: number;
}

const toPeer = (row: PeerRow): Peer => ({
  id: row.id,
  name: row.name,
  role: row.role,
  joinedAt: isoTime(row.joined_at),
  expiresAt: isoTime(row.expires_at),
  revoked: row.revoked === 1,
});

/** The peers that joined with a code, kept so their tokens can be listed and revoked. */
export class PeerStore {
  constructor(private readonly db: HostDatabase) {}

  add(peer: { id: string; name: string; role: Role; joinedAt: number; expiresAt: number }): void {
    this.db
      .prepare('INSERT INTO peers (id, name, role, joined_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(peer.id, peer.name, peer.role, peer.joinedAt, peer.expiresAt);
  }

  /** Whether a token id may still be used: known and not revoked. */
  isActive(id: string): boolean {
    const row = this.db.prepare('SELECT revoked FROM peers WHERE id = ?').get(id) as { revoked: number } | undefined;
    return row !== undefined && row.revoked === 0;
  }

  revoke(id: string): boolean {
    return this.db.prepare('UPDATE peers SET revoked = 1 WHERE id = ?').run(id).changes > 0;
  }

  /** Revokes every peer's token; returns how many were still valid. */
  revokeAll(): number {
    return this.db.prepare('UPDATE peers SET revoked = 1 WHERE revoked = 0').run().changes;
  }

  /** Peers whose tokens have not expired, newest first. */
  current(now: number): Peer[] {
    return (this.db.prepare('SELECT * FROM peers WHERE expires_at > ? ORDER BY joined_at DESC').all(now) as PeerRow[]).map(toPeer);
  }
}
