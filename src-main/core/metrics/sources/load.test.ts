import { describe, expect, it } from 'vitest';
import { LoadSource } from './load.js';

describe('LoadSource', () => {
  it('reports the three load averages as finite non-negative numbers', async () => {
    const readings = await new LoadSource().sample(0);
    expect(readings.map((r) => r.id)).toEqual(['load.1m', 'load.5m', 'load.15m']);
    for (const reading of readings) {
      expect(reading).toMatchObject({ type: 'load', unit: '' });
      expect(Number.isFinite(reading.value)).toBe(true);
      expect(reading.value).toBeGreaterThanOrEqual(0);
    }
  });
});
