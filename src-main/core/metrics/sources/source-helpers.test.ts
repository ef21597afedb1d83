import { describe, expect, it } from 'vitest';
import { CounterRates, fieldsOf, linesOf, mapWithConcurrency, readProcRecord } from './source-helpers.js';

describe('CounterRates', () => {
  it('gives no rate on the first call, then per-second rates from deltas', () => {
    const rates = new CounterRates();
    expect(rates.update(new Map([['a', 100]]), 0)).toEqual(new Map());
    expect(rates.update(new Map([['a', 400]]), 2000)).toEqual(new Map([['a', 150]]));
  });

  it('skips a counter that went backwards, a new counter, and a zero interval', () => {
    const rates = new CounterRates();
    rates.update(new Map([['a', 100], ['b', 100]]), 0);
    expect(rates.update(new Map([['a', 50], ['b', 200], ['c', 5]]), 1000)).toEqual(new Map([['b', 100]]));
    expect(rates.update(new Map([['a', 60]]), 1000)).toEqual(new Map([['a', 10]]));
    expect(rates.update(new Map([['a', 70]]), 0)).toEqual(new Map());
  });

  it('builds readings for the counters that have a rate', () => {
    const rates = new CounterRates();
    const series = { id: 'x.rx', type: 't', name: 'x', unit: 'B/s' };
    expect(rates.readings([{ series, total: 10 }], 0)).toEqual([]);
    expect(rates.readings([{ series, total: 510 }], 500)).toEqual([{ ...series, value: 1000 }]);
  });
});

describe('text helpers', () => {
  it('splits /proc lines into fields and text into non-empty lines', () => {
    expect(fieldsOf('  lo: 1   2\t3 ')).toEqual(['lo:', '1', '2', '3']);
    expect(linesOf('a\n\n b\n')).toEqual(['a', ' b']);
  });
});

describe('readProcRecord', () => {
  it('reads this process stat and gives undefined for a vanished process', async () => {
    expect(await readProcRecord(`/proc/${process.pid}/stat`)).toMatch(new RegExp(`^${process.pid} \\(`));
    expect(await readProcRecord('/proc/999999999/stat')).toBeUndefined();
  });

  it('throws on failures other than a vanished file', async () => {
    await expect(readProcRecord('/proc/self/stat/nonsense')).rejects.toThrow();
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5 * (n % 3)));
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });
});
