/** Whether other servers can be reached: 'degraded' means only this server's connections get messages. */
export type BackplaneStatus = 'healthy' | 'degraded';

/** Told of every change of status, with a sentence saying why. */
export type BackplaneStatusListener = (status: BackplaneStatus, message: string) => void;

/** One of the backplane's two Redis connections. */
export type RedisLink = 'publisher' | 'subscriber';

/** The backplane's status, from the state of its Redis connections; healthy only when both are up. */
export class BackplaneHealth {
  private readonly down = new Map<RedisLink, string>([
    ['publisher', 'Connecting to Redis.'],
    ['subscriber', 'Connecting to Redis.'],
  ]);
  private readonly listeners = new Set<BackplaneStatusListener>();
  private current: BackplaneStatus = 'degraded';
  private ended = false;

  get status(): BackplaneStatus {
    return this.current;
  }

  /** Why the status is what it is. */
  get message(): string {
    return this.down.size === 0 ? 'Connected to Redis.' : [...new Set(this.down.values())].join(' ');
  }

  /** Registers `listener`; returns a function that unregisters it. */
  listen(listener: BackplaneStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  up(link: RedisLink): void {
    this.down.delete(link);
    this.changed();
  }

  lost(link: RedisLink, reason: string): void {
    this.down.set(link, reason);
    this.changed();
  }

  /** The backplane was disposed: degraded for good, and no more news. */
  end(): void {
    this.down.clear();
    this.down.set('publisher', 'The backplane was disposed.');
    this.changed();
    this.ended = true;
    this.listeners.clear();
  }

  private changed(): void {
    if (this.ended) return;
    const next: BackplaneStatus = this.down.size === 0 ? 'healthy' : 'degraded';
    if (next === this.current) return;
    this.current = next;
    for (const listener of this.listeners) listener(next, this.message);
  }
}
