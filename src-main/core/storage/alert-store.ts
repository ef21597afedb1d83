import type { Actor, Alert, AlertRule } from '../../../contracts/generated/dashboard-hub.types.js';
import { Quotas } from '../quotas/quotas.js';
import type { HostDatabase } from './database.js';

/** A silence of one rule on one series, until an instant, by someone. */
export interface Silence {
  readonly ruleId: string;
  readonly series: string;
  readonly until: number;
  readonly by: Actor;
}

/** Alert rules (within the host's quota), the durable alert log with its state changes, and silences. */
export class AlertStore {
  constructor(
    private readonly db: HostDatabase,
    private readonly quotas = new Quotas(),
  ) {}

  /** Seeds rules once in the life of a database, so rules a user deleted stay deleted. */
  seedRules(rules: readonly AlertRule[]): void {
    this.db.transaction(() => {
      if (this.db.prepare("SELECT 1 FROM meta WHERE key = 'rules_seeded'").get()) return;
      rules.forEach((rule) => this.saveRule(rule));
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('rules_seeded', '1')").run();
    })();
  }

  rules(): AlertRule[] {
    return (this.db.prepare('SELECT rule FROM alert_rules ORDER BY position').all() as Array<{ rule: string }>).map((r) => JSON.parse(r.rule) as AlertRule);
  }

  /** Creates or replaces a rule; a new rule goes last, if the quota has room for it. */
  saveRule(rule: AlertRule): void {
    this.db.transaction(() => {
      if (!this.db.prepare('SELECT 1 FROM alert_rules WHERE id = ?').get(rule.id)) {
        this.quotas.check('alertRules', (this.db.prepare('SELECT count(*) AS n FROM alert_rules').get() as { n: number }).n);
      }
      this.db
        .prepare(
        `INSERT INTO alert_rules (id, rule, position) VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM alert_rules))
         ON CONFLICT (id) DO UPDATE SET rule = excluded.rule`,
        )
        .run(rule.id, JSON.stringify(rule));
    })();
  }

  deleteRule(id: string): boolean {
    return this.db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
  }

  /** Records an alert's new state and what changed, atomically. */
  saveAlert(alert: Alert, at: number, change: string, by?: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO alerts (id, rule_id, series, state, opened_at, updated_at, alert) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, alert = excluded.alert`,
        )
        .run(alert.id, alert.ruleId ?? '', alert.series ?? '', alert.state ?? 'firing', at, at, JSON.stringify(alert));
      this.db.prepare('INSERT INTO alert_events (alert_id, at, change, by) VALUES (?, ?, ?, ?)').run(alert.id, at, change, by ?? null);
    })();
  }

  get(id: string): Alert | undefined {
    const row = this.db.prepare('SELECT alert FROM alerts WHERE id = ?').get(id) as { alert: string } | undefined;
    return row && (JSON.parse(row.alert) as Alert);
  }

  /** Alerts still pending or firing, to resume after a restart. */
  openAlerts(): Alert[] {
    return (this.db.prepare("SELECT alert FROM alerts WHERE state != 'resolved'").all() as Array<{ alert: string }>).map((r) => JSON.parse(r.alert) as Alert);
  }

  /** The newest alerts that fired or are still open, most recently changed first. */
  recent(limit: number): Alert[] {
    const sql = `SELECT alert FROM alerts WHERE state != 'resolved' OR json_extract(alert, '$.data.firedAt') IS NOT NULL
                 ORDER BY updated_at DESC, rowid DESC LIMIT ?`;
    return (this.db.prepare(sql).all(limit) as Array<{ alert: string }>).map(
      (r) => JSON.parse(r.alert) as Alert,
    );
  }

  /** What happened to an alert, oldest first: state changes, acknowledgements, silences. */
  events(alertId: string): Array<{ at: number; change: string; by: string | null }> {
    return this.db.prepare('SELECT at, change, by FROM alert_events WHERE alert_id = ? ORDER BY rowid').all(alertId) as Array<{
      at: number; change: string; by: string | null;
    }>;
  }

  saveSilence(silence: Silence): void {
    this.db
      .prepare('INSERT OR REPLACE INTO silences (rule_id, series, until, by) VALUES (?, ?, ?, ?)')
      .run(silence.ruleId, silence.series, silence.until, JSON.stringify(silence.by));
  }

  /** Silences that have not expired at `now`. */
  activeSilences(now: number): Silence[] {
    return (this.db.prepare('SELECT rule_id, series, until, by FROM silences WHERE until > ?').all(now) as Array<{
      rule_id: string; series: string; until: number; by: string;
    }>).map((r) => ({ ruleId: r.rule_id, series: r.series, until: r.until, by: JSON.parse(r.by) as Actor }));
  }
}
