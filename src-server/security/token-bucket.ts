import type { RateLimit } from '../options.js';

/** A token bucket: `ratePerSecond` tokens refill continuously up to `burst`; each action takes one. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes a token if one is there. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0 when one is now). */
  wait(now: number): number {
    const tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.ratePerSecond) * 1000);
  }

  /** Whether the bucket is full again, so a per-key map may forget it. */
  isFull(now: number): boolean {
    return this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond >= this.burst;
  }
}

/** Token buckets per key (a remote address), forgetting idle keys so the map cannot grow without bound. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limit: RateLimit) {}

  /** Whether `key` has a token now, without taking it. */
  allows(key: string, now: number): boolean {
    return (this.buckets.get(key)?.wait(now) ?? 0) === 0;
  }

  take(key: string, now: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 10_000) this.sweep(now);
      this.buckets.set(key, (bucket = new TokenBucket(this.limit.perSecond, this.limit.burst, now)));
    }
    return bucket.take(now);
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
  }
}
