import type { UserActivityEvent } from '../../../contracts/generated/dashboard-hub.types.js';
import { Quotas } from '../quotas/quotas.js';
import type { HostDatabase } from './database.js';

const keepMs = 7 * 24 * 3_600_000;
const hourMs = 3_600_000;

/** What viewers did on dashboards, kept for a week, within a quota per person and hour. */
export class ActivityStore {
  constructor(
    private readonly db: HostDatabase,
    private readonly quotas = new Quotas(),
  ) {}

  /** Records an event, counted against the quota of the one who did it. */
  record(event: UserActivityEvent, at: number): void {
    this.db.transaction(() => {
      const { n } = this.db.prepare('SELECT count(*) AS n FROM activity WHERE user_id = ? AND at > ?').get(event.by.id, at - hourMs) as { n: number };
      this.quotas.check('activityPerHour', n);
      this.db.prepare('INSERT INTO activity (dashboard_id, at, event, user_id) VALUES (?, ?, ?, ?)').run(event.dashboardId, at, JSON.stringify(event), event.by.id);
    })();
  }

  /** The newest events of a dashboard, newest first. */
  recent(dashboardId: string, limit: number): UserActivityEvent[] {
    return (this.db.prepare('SELECT event FROM activity WHERE dashboard_id = ? ORDER BY at DESC, rowid DESC LIMIT ?').all(dashboardId, limit) as Array<{ event: string }>).map(
      (r) => JSON.parse(r.event) as UserActivityEvent,
    );
  }

  /** Drops a deleted dashboard's events. */
  forget(dashboardId: string): void {
    this.db.prepare('DELETE FROM activity WHERE dashboard_id = ?').run(dashboardId);
  }

  prune(now: number): void {
    this.db.prepare('DELETE FROM activity WHERE at < ?').run(now - keepMs);
  }
}
