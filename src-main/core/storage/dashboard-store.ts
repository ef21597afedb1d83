import type { Dashboard, DashboardDraft } from '../../../contracts/generated/dashboard-hub.types.js';
import { isoTime } from '../clock.js';
import type { HostDatabase } from './database.js';

/** A save that lost a race: someone saved the dashboard since the version the editor started from. */
export class DashboardConflictError extends Error {
  override readonly name = 'DashboardConflictError';
  constructor(readonly current: Dashboard, baseVersion: number) {
    super(
      `Dashboard '${current.name}' was saved by ${current.updatedBy} as version ${current.version} after your version ${baseVersion}; ` +
        `reload version ${current.version} and apply your change again.`,
    );
  }
}

/** Named layouts of panels, versioned so concurrent edits are detected. */
export class DashboardStore {
  constructor(private readonly db: HostDatabase) {}

  list(): Dashboard[] {
    return (this.db.prepare('SELECT dashboard FROM dashboards ORDER BY id').all() as Array<{ dashboard: string }>).map((r) => JSON.parse(r.dashboard) as Dashboard);
  }

  get(id: string): Dashboard | undefined {
    const row = this.db.prepare('SELECT dashboard FROM dashboards WHERE id = ?').get(id) as { dashboard: string } | undefined;
    return row && (JSON.parse(row.dashboard) as Dashboard);
  }

  /** Saves `draft` as the next version, or refuses if its base version is not the current one. */
  save(draft: DashboardDraft, by: string, now: number): Dashboard {
    return this.db.transaction(() => {
      const current = this.get(draft.id);
      if ((current?.version ?? 0) !== draft.baseVersion) {
        if (current) throw new DashboardConflictError(current, draft.baseVersion);
        throw new DashboardConflictError({ id: draft.id, name: draft.name, version: 0, panels: [], updatedBy: 'nobody', updatedAt: isoTime(now) }, draft.baseVersion);
      }
      const saved: Dashboard = { id: draft.id, name: draft.name, panels: draft.panels, version: (current?.version ?? 0) + 1, updatedBy: by, updatedAt: isoTime(now) };
      this.db.prepare('INSERT OR REPLACE INTO dashboards (id, dashboard) VALUES (?, ?)').run(saved.id, JSON.stringify(saved));
      return saved;
    })();
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM dashboards WHERE id = ?').run(id).changes > 0;
  }
}
