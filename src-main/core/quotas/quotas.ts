import { HostError } from '../host-error.js';

/** How one quota reads in a refusal: what it counts and what the caller can do about it. */
interface QuotaSpec {
  readonly limit: number;
  /** Completes "…reached: " with the limit, e.g. "this host keeps at most 100 dashboards". */
  readonly says: (limit: number) => string;
  readonly remedy: string;
}

/**
 * Every quota on what peers can create, with its default. A feature that lets peers store
 * something new adds its quota here and checks it before it stores anything.
 */
const specs = {
  dashboards: { limit: 100, says: (n) => `this host keeps at most ${n} dashboards`, remedy: 'delete one first' },
  dashboardsPerPeer: { limit: 25, says: (n) => `one person may create at most ${n} dashboards`, remedy: 'delete one of yours first' },
  dashboardBytes: { limit: 32 * 1024, says: (n) => `a dashboard may take at most ${n} bytes`, remedy: 'remove panels or series' },
  alertRules: { limit: 200, says: (n) => `this host keeps at most ${n} alert rules`, remedy: 'delete one first' },
  activityPerHour: { limit: 600, says: (n) => `one person may record at most ${n} activity events an hour`, remedy: 'try again later' },
} satisfies Record<string, QuotaSpec>;

/** The name of a quota. */
export type QuotaName = keyof typeof specs;

/** Limits that replace the defaults, by quota name. */
export type QuotaLimits = Partial<Record<QuotaName, number>>;

/** A quota would be passed: nothing was stored. */
export class QuotaExceededError extends HostError {
  override readonly name = 'QuotaExceededError';
  constructor(
    readonly quota: QuotaName,
    readonly limit: number,
  ) {
    super('quota_exceeded', `Quota '${quota}' reached: ${specs[quota].says(limit)}; ${specs[quota].remedy}.`);
  }
}

/** The host's quotas: the defaults above, with any limits the host was started with. */
export class Quotas {
  private readonly limits: Readonly<Record<QuotaName, number>>;

  constructor(overrides: QuotaLimits = {}) {
    const limits = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, overrides[name as QuotaName] ?? spec.limit])) as Record<QuotaName, number>;
    for (const [name, limit] of Object.entries(limits)) {
      if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`Quota '${name}' must be a whole number of at least 0, got ${limit}.`);
    }
    this.limits = limits;
  }

  limit(name: QuotaName): number {
    return this.limits[name];
  }

  /** Refuses with QuotaExceededError when `current + adding` would pass the quota. */
  check(name: QuotaName, current: number, adding = 1): void {
    const limit = this.limits[name];
    if (current + adding > limit) throw new QuotaExceededError(name, limit);
  }

}
