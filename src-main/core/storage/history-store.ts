import type { HistoryChunk, SeriesInfo } from '../../../contracts/generated/dashboard-hub.types.js';
import type { MetricReading } from '../metrics/metric-source.js';
import type { HostDatabase } from './database.js';

/** One resolution of stored history and how long it is kept. */
export interface Tier {
  readonly table: string;
  readonly resolutionMs: number;
  readonly retentionMs: number;
}

const hour = 3_600_000;
const day = 24 * hour;

/** Finest first: 1 s for an hour, 10 s for a day, 1 min for 30 days. */
export const defaultTiers: readonly Tier[] = [
  { table: 'samples_1s', resolutionMs: 1_000, retentionMs: hour },
  { table: 'samples_10s', resolutionMs: 10_000, retentionMs: day },
  { table: 'samples_60s', resolutionMs: 60_000, retentionMs: 30 * day },
];

// Points per StreamItem: a long range arrives in pieces, so a chart can draw before the end.
const pointsPerChunk = 2_000;

/**
 * Stored metric history: raw samples go into the finest tier; `maintain` rolls completed
 * buckets up into the coarser tiers (averages) and drops what is past each tier's retention.
 */
export class HistoryStore {
  private readonly seriesIds = new Map<string, number>();
  private readonly insertSample;
  private readonly rolledUpTo: number[];

  constructor(
    private readonly db: HostDatabase,
    private readonly tiers: readonly Tier[] = defaultTiers,
  ) {
    for (const row of db.prepare('SELECT id, key FROM series').all() as Array<{ id: number; key: string }>) this.seriesIds.set(row.key, row.id);
    this.insertSample = db.prepare(`INSERT OR REPLACE INTO ${tiers[0]!.table} (series, t, v) VALUES (?, ?, ?)`);
    // Resume rolling up after the newest bucket each coarser tier already has.
    this.rolledUpTo = tiers.map((tier, i) => {
      if (i === 0) return 0;
      const row = db.prepare(`SELECT max(t) AS t FROM ${tier.table}`).get() as { t: number | null };
      return row.t === null ? 0 : row.t + tier.resolutionMs;
    });
  }

  /** Stores one tick's readings (the newest value wins within a finest-tier bucket). */
  record(timestamp: number, readings: readonly MetricReading[]): void {
    const t = timestamp - (timestamp % this.tiers[0]!.resolutionMs);
    this.db.transaction(() => {
      for (const reading of readings) this.insertSample.run(this.seriesId(reading), t, reading.value);
    })();
  }

  /** Rolls completed buckets into coarser tiers and prunes expired rows. */
  maintain(now: number): void {
    this.db.transaction(() => {
      for (let i = 1; i < this.tiers.length; i++) {
        const source = this.tiers[i - 1]!;
        const target = this.tiers[i]!;
        const end = now - (now % target.resolutionMs);
        const start = Math.max(this.rolledUpTo[i]!, end - source.retentionMs);
        if (end <= start) continue;
        this.db
          .prepare(
            `INSERT OR REPLACE INTO ${target.table} (series, t, v)
             SELECT series, t - (t % ${target.resolutionMs}), avg(v) FROM ${source.table}
             WHERE t >= ? AND t < ? GROUP BY series, t - (t % ${target.resolutionMs})`,
          )
          .run(start, end);
        this.rolledUpTo[i] = end;
      }
      for (const tier of this.tiers) this.db.prepare(`DELETE FROM ${tier.table} WHERE t < ?`).run(now - tier.retentionMs);
    })();
  }

  /** Every series ever recorded. */
  listSeries(): SeriesInfo[] {
    const rows = this.db.prepare('SELECT key, type, name, unit, tags FROM series ORDER BY key').all() as Array<{
      key: string; type: string; name: string; unit: string; tags: string;
    }>;
    return rows.map((r) => ({ id: r.key, type: r.type, name: r.name, unit: r.unit, tags: JSON.parse(r.tags) as Record<string, string> }));
  }

  /**
   * History of `series` between two instants at the finest tier that both still covers `fromMs`
   * and fits in `maxPoints`, averaged into wider buckets when even that has too many points.
   */
  *query(series: readonly string[], fromMs: number, toMs: number, maxPoints: number, now: number): Generator<HistoryChunk> {
    const span = Math.max(1, toMs - fromMs);
    const tier =
      this.tiers.find((t) => fromMs >= now - t.retentionMs && span / t.resolutionMs <= maxPoints) ??
      this.tiers.find((t) => fromMs >= now - t.retentionMs) ??
      this.tiers[this.tiers.length - 1]!;
    const bucket = Math.max(tier.resolutionMs, Math.ceil(span / maxPoints / tier.resolutionMs) * tier.resolutionMs);
    const select = this.db.prepare(
      `SELECT t - (t % ${bucket}) AS t, avg(v) AS v FROM ${tier.table} WHERE series = ? AND t >= ? AND t <= ? GROUP BY t - (t % ${bucket}) ORDER BY t`,
    );
    for (const key of series) {
      const id = this.seriesIds.get(key);
      const rows = id === undefined ? [] : (select.all(id, fromMs, toMs) as Array<{ t: number; v: number }>);
      for (let start = 0; start === 0 || start < rows.length; start += pointsPerChunk) {
        const part = rows.slice(start, start + pointsPerChunk);
        yield { series: key, resolutionMs: bucket, timestamps: part.map((r) => r.t), values: part.map((r) => r.v) };
      }
    }
  }

  private seriesId(reading: MetricReading): number {
    let id = this.seriesIds.get(reading.id);
    if (id === undefined) {
      const result = this.db
        .prepare('INSERT INTO series (key, type, name, unit, tags) VALUES (?, ?, ?, ?, ?)')
        .run(reading.id, reading.type, reading.name, reading.unit, JSON.stringify(reading.tags ?? {}));
      id = Number(result.lastInsertRowid);
      this.seriesIds.set(reading.id, id);
    }
    return id;
  }
}
