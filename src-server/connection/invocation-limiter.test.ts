import { describe, expect, it } from 'vitest';
import { InvocationLimiter } from './invocation-limiter.js';

describe('InvocationLimiter', () => {
  it('runs up to its limit at once and hands freed slots to the waiting calls in arrival order', async () => {
    const limiter = new InvocationLimiter(2, null, () => 0);
    expect(limiter.tryAcquire()).toBe(true);
    expect(limiter.tryAcquire()).toBe(true);
    expect(limiter.tryAcquire()).toBe(false);
    const order: string[] = [];
    const first = limiter.acquire().then(() => order.push('first'));
    const second = limiter.acquire().then(() => order.push('second'));
    limiter.release();
    await first;
    expect(order).toEqual(['first']);
    limiter.release();
    await second;
    expect(order).toEqual(['first', 'second']);
    // Both waiting calls now hold the two slots.
    expect(limiter.tryAcquire()).toBe(false);
    limiter.release();
    expect(limiter.tryAcquire()).toBe(true);
  });

  it('allows every call when no rate is set', () => {
    const limiter = new InvocationLimiter(1, null, () => 0);
    for (let i = 0; i < 1000; i++) expect(limiter.allowCall()).toBe(true);
    expect(limiter.msUntilNextCall()).toBe(0);
  });

  it('allows a burst, then one call per token as the clock moves', () => {
    let now = 0;
    const limiter = new InvocationLimiter(1, { perSecond: 10, burst: 3 }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.allowCall())).toEqual([true, true, true, false]);
    expect(limiter.msUntilNextCall()).toBe(100);
    now = 50;
    expect(limiter.allowCall()).toBe(false);
    expect(limiter.msUntilNextCall()).toBe(50);
    now = 100;
    expect(limiter.allowCall()).toBe(true);
    expect(limiter.allowCall()).toBe(false);
  });
});
