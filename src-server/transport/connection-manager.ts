import { randomBytes } from 'node:crypto';
import type { RequestInfo } from '../shared-types.js';
import { HttpConnection } from './http-connection.js';

/** 16 random bytes, URL-safe: unguessable, like ASP.NET Core's connection ids and tokens. */
export function newConnectionId(): string {
  return randomBytes(16).toString('base64url');
}

/** The transport-level connections of one hub endpoint, found by the token clients send as `id=`. */
export class ConnectionManager {
  private readonly byToken = new Map<string, HttpConnection>();

  /** Creates a connection; version 0 of negotiate uses the connection id as its token. */
  create(request: RequestInfo, negotiateVersion: number, now: number): HttpConnection {
    const connectionId = newConnectionId();
    const token = negotiateVersion >= 1 ? newConnectionId() : connectionId;
    const connection = new HttpConnection(connectionId, token, request, now);
    this.byToken.set(token, connection);
    return connection;
  }

  get(token: string): HttpConnection | undefined {
    const connection = this.byToken.get(token);
    return connection?.state === 'disposed' ? undefined : connection;
  }

  /** Disposes connections that waited too long for a transport, and forgets disposed ones. */
  sweep(now: number, disconnectTimeout: number): void {
    for (const [token, connection] of this.byToken) {
      if (connection.state === 'disposed') this.byToken.delete(token);
      else if ((connection.state === 'pending' || connection.state === 'inactive') && now - connection.inactiveSince > disconnectTimeout) {
        this.byToken.delete(token);
        connection.dispose();
      }
    }
  }

  /** Every live connection, for shutdown. */
  all(): HttpConnection[] {
    return [...this.byToken.values()].filter((c) => c.state !== 'disposed');
  }
}
