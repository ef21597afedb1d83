/** Caps on open connections, across all hubs of a server. */
export interface ConnectionLimits {
  /** Open connections in all (null: no cap). */
  readonly maximumConnections?: number | null;
  /** Open connections from one remote address (null: no cap). */
  readonly maximumConnectionsPerAddress?: number | null;
}

/** Counts open connections in all and per remote address, refusing new ones past the caps. */
export class ConnectionBudget {
  private total = 0;
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly limits: ConnectionLimits) {}

  /** Opens one connection for `address`, or explains why not. */
  open(address: string): { ok: true } | { ok: false; status: number; reason: string } {
    const max = this.limits.maximumConnections;
    if (max != null && this.total >= max) return { ok: false, status: 503, reason: 'The server has reached its maximum number of connections.' };
    const perAddress = this.limits.maximumConnectionsPerAddress;
    const current = this.perAddress.get(address) ?? 0;
    if (perAddress != null && current >= perAddress) return { ok: false, status: 429, reason: 'Too many connections from this address.' };
    this.total++;
    this.perAddress.set(address, current + 1);
    return { ok: true };
  }

  /** Releases a connection opened for `address`. */
  close(address: string): void {
    this.total--;
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(address, left);
    else this.perAddress.delete(address);
  }

  get openConnections(): number {
    return this.total;
  }
}
