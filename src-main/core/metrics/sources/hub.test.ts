import { describe, expect, it } from 'vitest';
import { Hub, type HubStatsSnapshot, createHubServer } from '../../../../src-server/index.js';
import type { MetricReading } from '../metric-source.js';
import { HubSource } from './hub.js';

// A mapped hub's stats before anything happened, through the public API as the host gets them.
const untouched = createHubServer().mapHub('/counted', class extends Hub {}).getHubStats('/counted');
const stats = (overrides: Partial<HubStatsSnapshot>): HubStatsSnapshot => ({ ...untouched, ...overrides });
const byId = (readings: readonly MetricReading[]) => Object.fromEntries(readings.map((r) => [r.id, r.value]));

describe('HubSource', () => {
  it('reports connections first, then rates and mean invocation latency from the deltas', async () => {
    let current = stats({ connections: 3, messagesReceived: 100, messagesSent: 1000, invocations: 10, invocationMs: 50, conflations: 4 });
    const source = new HubSource(() => current);
    expect(await source.sample(0)).toEqual([{ id: 'hub.connections', type: 'hub', name: 'Hub connections', unit: '', value: 3 }]);

    current = stats({ connections: 5, messagesReceived: 300, messagesSent: 5000, invocations: 14, invocationMs: 70, conflations: 10 });
    const readings = await source.sample(2000);
    expect(byId(readings)).toEqual({
      'hub.connections': 5,
      'hub.messages_in': 100,
      'hub.messages_out': 2000,
      'hub.invocation_ms': 5,
      'hub.conflations': 3,
    });
    expect(readings.every((r) => r.type === 'hub')).toBe(true);
  });

  it('reports zero latency when nothing was invoked, and only connections after a counter reset', async () => {
    let current = stats({ invocations: 10, invocationMs: 50, messagesReceived: 10 });
    const source = new HubSource(() => current);
    await source.sample(0);
    current = stats({ invocations: 10, invocationMs: 50, messagesReceived: 20 });
    expect(byId(await source.sample(1000))['hub.invocation_ms']).toBe(0);
    current = stats({ connections: 1 });
    expect(byId(await source.sample(1000))).toEqual({ 'hub.connections': 1 });
  });
});
