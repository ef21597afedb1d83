import { describe, expect, it } from 'vitest';
import { BucketRing } from '../../store/bucket-ring.js';
import { buildChartRows } from './chart-rows.js';

const ringOf = (points: Array<[number, number]>) => {
  const ring = new BucketRing(2000, 1000);
  for (const [t, v] of points) ring.add(t, v);
  return ring;
};

describe('buildChartRows', () => {
  it('merges lines by time over the window ending at the newest bucket', () => {
    const rows = buildChartRows([ringOf([[0, 1], [2000, 2]]), ringOf([[2000, 20], [4000, 40]])], '15m');
    expect(rows).toEqual([
      { t: 0, s0: 1, s1: null },
      { t: 2000, s0: 2, s1: 20 },
      { t: 4000, s0: 2, s1: 40 },
    ]);
  });

  it('breaks a line across a gap instead of bridging it', () => {
    const rows = buildChartRows([ringOf([[0, 1], [60_000, 2]])], '15m');
    expect(rows.map((r) => r.s0)).toEqual([1, null, 2]);
  });

  it('leaves out what is older than the window', () => {
    const rows = buildChartRows([ringOf([[0, 1], [1_000_000, 2]])], '15m');
    expect(rows.map((r) => r.t)).toEqual([1_000_000]);
  });

  it('has no rows before any data', () => {
    expect(buildChartRows([undefined, new BucketRing(2000, 10)], '15m')).toEqual([]);
  });
});
