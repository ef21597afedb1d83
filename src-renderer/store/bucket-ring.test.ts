import { describe, expect, it } from 'vitest';
import { BucketRing } from './bucket-ring.js';

const contents = (ring: BucketRing, from = -Infinity) => {
  const out: Array<[number, number]> = [];
  ring.forEach(from, (t, v) => out.push([t, v]));
  return out;
};

describe('BucketRing', () => {
  it('averages samples that fall into one bucket and reports when a bucket opens', () => {
    const ring = new BucketRing(1000, 10);
    expect(ring.add(1000, 2)).toBe(true);
    expect(ring.add(1500, 4)).toBe(false);
    expect(ring.add(2100, 10)).toBe(true);
    expect(contents(ring)).toEqual([
      [1000, 3],
      [2000, 10],
    ]);
  });

  it('ignores samples older than its newest bucket', () => {
    const ring = new BucketRing(1000, 10);
    ring.add(5000, 1);
    expect(ring.add(3000, 9)).toBe(false);
    expect(contents(ring)).toEqual([[5000, 1]]);
  });

  it('overwrites the oldest bucket when full, keeping time order', () => {
    const ring = new BucketRing(1, 3);
    for (let t = 0; t < 5; t++) ring.add(t, t * 10);
    expect(ring.length).toBe(3);
    expect(contents(ring)).toEqual([
      [2, 20],
      [3, 30],
      [4, 40],
    ]);
  });

  it('puts history before live samples, live winning where both cover a bucket', () => {
    const ring = new BucketRing(1000, 10);
    ring.add(5200, 50);
    ring.add(6100, 60);
    ring.prependHistory([2000, 3000, 3500, 5000], [20, 30, 40, 99]);
    expect(contents(ring)).toEqual([
      [2000, 20],
      [3000, 35],
      [5000, 50],
      [6000, 60],
    ]);
    // The live bucket keeps its sample count: a later sample in it averages with the one it had.
    ring.add(6900, 70);
    expect(contents(ring, 6000)).toEqual([[6000, 65]]);
  });

  it('keeps the newest buckets when history and live samples exceed its capacity', () => {
    const ring = new BucketRing(1, 3);
    ring.add(10, 1);
    ring.prependHistory([5, 6, 7, 8], [5, 6, 7, 8]);
    expect(contents(ring).map(([t]) => t)).toEqual([7, 8, 10]);
  });
});
