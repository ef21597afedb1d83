import type { UserActivityEvent } from '../../../contracts/generated/dashboard-hub.types.js';
import type { HostDatabase } from './database.js';

const keepMs = 7 * 24 * 3_600_000;

/** What viewers did on dashboards, kept for a week. */
export class ActivityStore {
  constructor(private readonly db: HostDatabase) {}

  record(event: UserActivityEvent, at: number): void {
    this.db.prepare('INSERT INTO activity (dashboard_id, at, event) VALUES (?, ?, ?)').run(event.dashboardId, at, JSON.stringify(event));
  }

  /** The newest events of a dashboard, newest first. */
  recent(dashboardId: string, limit: number): UserActivityEvent[] {
    return (this.db.prepare('SELECT event FROM activity WHERE dashboard_id = ? ORDER BY at DESC, rowid DESC LIMIT ?').all(dashboardId, limit) as Array<{ event: string }>).map(
      (r) => JSON.parse(r.event) as UserActivityEvent,
    );
  }

  prune(now: number): void {
    this.db.prepare('DELETE FROM activity WHERE at < ?').run(now - keepMs);
  }
}
