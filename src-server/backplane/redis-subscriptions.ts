import type { Redis } from 'ioredis';

/** What was asked of Redis when it failed. */
export type SubscriptionAction = 'subscribe' | 'unsubscribe';

// SUBSCRIBE takes many channels at once; batches keep a restore of thousands of them to a few commands.
const restoreBatch = 1000;

/**
 * The channels this server must listen on, each with the holders that need it (a connection, a
 * group member, the server itself). A channel is subscribed while it has a holder, and every held
 * channel is subscribed again when the subscriber connection comes back after losing Redis.
 */
export class RedisSubscriptions {
  // Per channel: who needs it, and the SUBSCRIBE that made (or will make) it live.
  private readonly channels = new Map<string, { readonly holders: Set<string>; subscribed: Promise<void> }>();
  private readonly heldBy = new Map<string, Set<string>>();

  /** @param onFailure told when Redis refused or dropped a (un)subscription; a restore repairs it. */
  constructor(
    private readonly subscriber: Redis,
    private readonly onFailure: (action: SubscriptionAction, channels: readonly string[], error: unknown) => void,
  ) {}

  /**
   * Marks `channel` as needed by `holder`. Resolves once Redis confirmed the subscription, or at
   * once while Redis is unreachable (the next restore subscribes it); never rejects.
   */
  hold(channel: string, holder: string): Promise<void> {
    let held = this.heldBy.get(holder);
    if (!held) this.heldBy.set(holder, (held = new Set()));
    held.add(channel);
    const existing = this.channels.get(channel);
    if (existing) {
      existing.holders.add(holder);
      return existing.subscribed;
    }
    const subscribed = this.live ? this.command('subscribe', [channel]) : Promise.resolve();
    this.channels.set(channel, { holders: new Set([holder]), subscribed });
    return subscribed;
  }

  /** `holder` no longer needs `channel`; the last holder to leave unsubscribes it. */
  release(channel: string, holder: string): void {
    this.heldBy.get(holder)?.delete(channel);
    const entry = this.channels.get(channel);
    if (!entry?.holders.delete(holder) || entry.holders.size > 0) return;
    this.channels.delete(channel);
    if (this.live) void this.command('unsubscribe', [channel]);
  }

  /** Releases every channel `holder` holds, e.g. when a connection leaves. */
  releaseAll(holder: string): void {
    const held = this.heldBy.get(holder);
    if (!held) return;
    this.heldBy.delete(holder);
    for (const channel of held) this.release(channel, holder);
  }

  /** Subscribes every held channel on a fresh subscriber connection; resolves true if Redis took them all. */
  async restore(): Promise<boolean> {
    const names = [...this.channels.keys()];
    const batches: Array<Promise<boolean>> = [];
    for (let start = 0; start < names.length; start += restoreBatch) {
      const batch = names.slice(start, start + restoreBatch);
      batches.push(
        this.subscriber.subscribe(...batch).then(
          () => true,
          (error: unknown) => {
            this.onFailure('subscribe', batch, error);
            return false;
          },
        ),
      );
    }
    return (await Promise.all(batches)).every(Boolean);
  }

  /** Unsubscribes everything and forgets every holder. */
  async clear(): Promise<void> {
    this.channels.clear();
    this.heldBy.clear();
    // On the way out there is nothing left to repair, so a refusal is not worth reporting.
    if (this.live) await this.subscriber.unsubscribe().catch(() => undefined);
  }

  private get live(): boolean {
    return this.subscriber.status === 'ready';
  }

  private command(action: SubscriptionAction, channels: string[]): Promise<void> {
    return this.subscriber[action](...channels).then(
      () => undefined,
      (error: unknown) => this.onFailure(action, channels, error),
    );
  }
}
