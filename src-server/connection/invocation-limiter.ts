import type { MonotonicClock } from '../clock.js';
import type { RateLimit } from '../options.js';
import { TokenBucket } from '../security/token-bucket.js';

/**
 * A connection's invocation limits: how many may run at once (further ones wait in arrival
 * order) and, when a rate limit is set, how many may start per second.
 */
export class InvocationLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly idlers: Array<() => void> = [];
  private readonly bucket: TokenBucket | undefined;

  constructor(
    private readonly limit: number,
    rate: RateLimit | null,
    private readonly clock: MonotonicClock,
  ) {
    this.bucket = rate ? new TokenBucket(rate.perSecond, rate.burst, clock()) : undefined;
  }

  /** Takes one call from the rate limit; false when the client is over it. */
  allowCall(): boolean {
    return this.bucket?.take(this.clock()) ?? true;
  }

  /** Milliseconds until the rate limit allows another call (0 when it does now). */
  msUntilNextCall(): number {
    return this.bucket?.wait(this.clock()) ?? 0;
  }

  /** Takes a slot at once if one is free. */
  tryAcquire(): boolean {
    if (this.running >= this.limit) return false;
    this.running++;
    return true;
  }

  /** Resolves once a slot is taken for the caller. */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Frees a slot, handing it to the longest-waiting call if there is one. */
  release(): void {
    const next = this.waiting.shift();
    if (next) return next();
    this.running--;
    if (this.running === 0) for (const idle of this.idlers.splice(0)) idle();
  }

  /** Resolves once no invocation is running or waiting. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }
}
