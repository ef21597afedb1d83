import type { Actor, Dashboard, DashboardDraft, DashboardSummary } from '../../../contracts/generated/dashboard-hub.types.js';
import { isoTime } from '../clock.js';
import { HostError } from '../host-error.js';
import { Quotas } from '../quotas/quotas.js';
import type { HostDatabase } from './database.js';

// Who "saved" a dashboard that does not exist, in the refusal of an update to it.
const nobody: Actor = { id: 'nobody', name: 'nobody', role: 'viewer' };

/** A save that lost a race: someone saved the dashboard since the version the editor started from. */
export class DashboardConflictError extends HostError {
  override readonly name = 'DashboardConflictError';
  constructor(readonly current: Dashboard, baseVersion: number) {
    super(
      'conflict',
      `Dashboard '${current.name}' was saved by ${current.updatedBy.name} (${current.updatedBy.role}) as version ${current.version} after your version ${baseVersion}; ` +
        `reload version ${current.version} and apply your change again.`,
    );
  }
}

/**
 * Named layouts of panels, versioned so concurrent edits are detected, within the host's
 * dashboard quotas. The ids are also kept in memory: the live fan-out asks for them on every
 * tick and must not read storage to get them.
 */
export class DashboardStore {
  private readonly known: Set<string>;

  constructor(
    private readonly db: HostDatabase,
    private readonly quotas = new Quotas(),
  ) {
    this.known = new Set((db.prepare('SELECT id FROM dashboards').all() as Array<{ id: string }>).map((r) => r.id));
  }

  /** Every dashboard's id, from memory. */
  ids(): ReadonlySet<string> {
    return this.known;
  }

  has(id: string): boolean {
    return this.known.has(id);
  }

  /** Every dashboard in summary, by name. */
  list(): DashboardSummary[] {
    return (this.db.prepare('SELECT id, name, version, updated_by, updated_at FROM dashboards ORDER BY name, id').all() as Array<{
      id: string; name: string; version: number; updated_by: string; updated_at: string;
    }>).map((r) => ({ id: r.id, name: r.name, version: r.version, updatedBy: JSON.parse(r.updated_by) as Actor, updatedAt: r.updated_at }));
  }

  get(id: string): Dashboard | undefined {
    const row = this.db.prepare('SELECT dashboard FROM dashboards WHERE id = ?').get(id) as { dashboard: string } | undefined;
    return row && (JSON.parse(row.dashboard) as Dashboard);
  }

  /**
   * Saves `draft` as the next version, or refuses if its base version is not the current one or
   * a quota would be passed (a new dashboard counts against the host's and its creator's).
   */
  save(draft: DashboardDraft, by: Actor, now: number): Dashboard {
    return this.db.transaction(() => {
      const current = this.get(draft.id);
      if ((current?.version ?? 0) !== draft.baseVersion) {
        if (current) throw new DashboardConflictError(current, draft.baseVersion);
        throw new DashboardConflictError({ id: draft.id, name: draft.name, version: 0, panels: [], updatedBy: nobody, updatedAt: isoTime(now) }, draft.baseVersion);
      }
      const saved: Dashboard = { id: draft.id, name: draft.name, panels: draft.panels, version: (current?.version ?? 0) + 1, updatedBy: by, updatedAt: isoTime(now) };
      const json = JSON.stringify(saved);
      this.quotas.check('dashboardBytes', 0, Buffer.byteLength(json));
      if (!current) {
        this.quotas.check('dashboards', this.count('SELECT count(*) AS n FROM dashboards'));
        this.quotas.check('dashboardsPerPeer', this.count('SELECT count(*) AS n FROM dashboards WHERE created_by = ?', by.id));
      }
      this.db
        .prepare(
          `INSERT INTO dashboards (id, dashboard, name, version, updated_by, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET dashboard = excluded.dashboard, name = excluded.name, version = excluded.version,
             updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(saved.id, json, saved.name, saved.version, JSON.stringify(saved.updatedBy), saved.updatedAt, by.id);
      this.known.add(saved.id);
      return saved;
    })();
  }

  delete(id: string): boolean {
    const deleted = this.db.prepare('DELETE FROM dashboards WHERE id = ?').run(id).changes > 0;
    this.known.delete(id);
    return deleted;
  }

  private count(sql: string, ...params: unknown[]): number {
    return (this.db.prepare(sql).get(...params) as { n: number }).n;
  }
}
