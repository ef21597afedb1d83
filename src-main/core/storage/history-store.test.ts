import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import type { MetricReading } from '../metrics/metric-source.js';
import { type HostDatabase, openDatabase } from './database.js';
import { HistoryStore, defaultTiers } from './history-store.js';

const cpu = (value: number): MetricReading => ({ id: 'cpu.total', type: 'cpu', name: 'CPU total', unit: '%', value });
const start = Date.parse('2026-11-23T00:00:00Z');

describe('HistoryStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: HostDatabase;
  let store: HistoryStore;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(dir.path);
    store = new HistoryStore(db);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('rolls seconds up into 10 s and 1 min averages', () => {
    for (let s = 0; s < 120; s++) store.record(start + s * 1000, [cpu(s)]);
    store.maintain(start + 120_000);
    const tenSeconds = db.prepare('SELECT t, v FROM samples_10s ORDER BY t').all() as Array<{ t: number; v: number }>;
    expect(tenSeconds).toHaveLength(12);
    expect(tenSeconds[0]).toEqual({ t: start, v: 4.5 });
    expect(tenSeconds[11]).toEqual({ t: start + 110_000, v: 114.5 });
    const minutes = db.prepare('SELECT t, v FROM samples_60s ORDER BY t').all() as Array<{ t: number; v: number }>;
    expect(minutes).toEqual([{ t: start, v: 29.5 }, { t: start + 60_000, v: 89.5 }]);
  });

  it('drops each tier past its retention', () => {
    for (let s = 0; s < 30; s++) store.record(start + s * 1000, [cpu(1)]);
    store.maintain(start + 30_000);
    expect(count('samples_1s')).toBe(30);
    store.maintain(start + defaultTiers[0]!.retentionMs + 30_000);
    expect(count('samples_1s')).toBe(0);
    expect(count('samples_10s')).toBe(3);
    store.maintain(start + defaultTiers[1]!.retentionMs + 30_000);
    expect(count('samples_10s')).toBe(0);
  });

  it('keeps the newest value when several samples fall in one second', () => {
    store.record(start + 100, [cpu(1)]);
    store.record(start + 900, [cpu(2)]);
    expect(db.prepare('SELECT v FROM samples_1s').all()).toEqual([{ v: 2 }]);
  });

  it('answers from the finest tier that covers the range within maxPoints', () => {
    for (let s = 0; s < 600; s++) store.record(start + s * 1000, [cpu(s % 100)]);
    store.maintain(start + 600_000);
    const now = start + 600_000;
    const [fine] = [...store.query(['cpu.total'], start + 300_000, now, 1000, now)];
    expect(fine!.resolutionMs).toBe(1000);
    expect(fine!.timestamps).toHaveLength(300);
    const [coarse] = [...store.query(['cpu.total'], start, now, 60, now)];
    expect(coarse!.resolutionMs).toBe(10_000);
    expect(coarse!.timestamps).toHaveLength(60);
    const [minutes] = [...store.query(['cpu.total'], start, now, 20, now)];
    expect(minutes!.resolutionMs).toBe(60_000);
    // No tier is coarse enough for 5 points: the finest covering tier is averaged into wider buckets.
    const [squeezed] = [...store.query(['cpu.total'], start, now, 5, now)];
    expect(squeezed!.resolutionMs).toBe(120_000);
    expect(squeezed!.timestamps).toHaveLength(5);
    expect(squeezed!.values[0]).toBeCloseTo((4950 + 190) / 120, 6);
    const [unknown] = [...store.query(['nope'], start, now, 10, now)];
    expect(unknown).toEqual({ series: 'nope', resolutionMs: 60_000, timestamps: [], values: [] });
  });

  it('survives reopening: series and roll-up progress are kept', () => {
    for (let s = 0; s < 20; s++) store.record(start + s * 1000, [cpu(10)]);
    store.maintain(start + 20_000);
    db.close();
    db = openDatabase(dir.path);
    store = new HistoryStore(db);
    store.record(start + 20_000, [cpu(20)]);
    store.maintain(start + 30_000);
    expect(db.prepare('SELECT t, v FROM samples_10s ORDER BY t').all()).toEqual([
      { t: start, v: 10 },
      { t: start + 10_000, v: 10 },
      { t: start + 20_000, v: 20 },
    ]);
    expect(store.listSeries()).toEqual([{ id: 'cpu.total', type: 'cpu', name: 'CPU total', unit: '%', tags: {} }]);
  });
});
