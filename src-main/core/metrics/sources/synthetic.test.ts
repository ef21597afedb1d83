import { describe, expect, it } from 'vitest';
import { SyntheticSource } from './synthetic.js';

describe('SyntheticSource', () => {
  it('returns what was set, with defaults, until deleted', async () => {
    const source = new SyntheticSource();
    expect(await source.sample(0)).toEqual([]);
    source.set('syn.a', 1);
    source.set('syn.temp', 42, { type: 'temp', name: 'Temperature', unit: '°C' });
    source.set('syn.a', 2);
    expect(await source.sample(1000)).toEqual([
      { id: 'syn.a', type: 'synthetic', name: 'syn.a', unit: '', value: 2 },
      { id: 'syn.temp', type: 'temp', name: 'Temperature', unit: '°C', value: 42 },
    ]);
    source.delete('syn.a');
    expect((await source.sample(1000)).map((r) => r.id)).toEqual(['syn.temp']);
  });
});
