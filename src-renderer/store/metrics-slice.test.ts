import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { DashboardMetrics } from '../../contracts/generated/dashboard-hub.types.js';
import { type MetricsSlice, createMetricsSlice } from './metrics-slice.js';
import { ringKey } from './series-buffers.js';
import { seriesKey } from './series-key.js';

const message = (at: number, values: Record<string, number>, host = 'alpha'): DashboardMetrics => ({
  dashboardId: 'main',
  timestamp: new Date(at).toISOString(),
  metrics: Object.entries(values).map(([name, value]) => ({ type: 'test', name, value, unit: '%', tags: { host } })),
});

// The metrics slice alone: it reads nothing of the others.
const metricsStore = () => create<MetricsSlice>()(createMetricsSlice);

describe('metrics slice', () => {
  it('applies a batch of messages in one update: latest values, hosts, and a revision per new bucket', () => {
    const store = metricsStore();
    let updates = 0;
    store.subscribe(() => updates++);
    store.getState().applyMetrics([message(1_000, { cpu: 10 }), message(1_300, { cpu: 20 }), message(1_400, { cpu: 30 }, 'beta')]);
    const state = store.getState();
    expect(updates).toBe(1);
    expect(state.latest[seriesKey('alpha', 'cpu')]).toEqual({ value: 20, time: 1_300 });
    expect(state.latest[seriesKey('beta', 'cpu')]).toEqual({ value: 30, time: 1_400 });
    expect(state.hostsBySeries.cpu).toEqual(['alpha', 'beta']);
    expect(state.hostNow).toBe(1_400);
    // 1 and 1.3 s fall into one 2-s bucket of the 15-min window: one new bucket, one revision.
    expect(state.revisions[ringKey('15m', seriesKey('alpha', 'cpu'))]).toBe(1);
    // At 250 ms buckets they are two.
    expect(state.revisions[ringKey('1m', seriesKey('alpha', 'cpu'))]).toBe(2);
  });

  it('leaves the revisions of series without news alone', () => {
    const store = metricsStore();
    store.getState().applyMetrics([message(0, { cpu: 1, mem: 1 })]);
    store.getState().applyMetrics([message(5_000, { cpu: 2 })]);
    const { revisions } = store.getState();
    expect(revisions[ringKey('15m', seriesKey('alpha', 'cpu'))]).toBe(2);
    expect(revisions[ringKey('15m', seriesKey('alpha', 'mem'))]).toBe(1);
  });
});
