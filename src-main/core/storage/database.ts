import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The host's SQLite database file inside its data directory. */
export type HostDatabase = Database.Database;

// Each entry moves the schema one version forward; applied in order, once, in a transaction.
const migrations: readonly string[] = [
  `CREATE TABLE series (
     id INTEGER PRIMARY KEY,
     key TEXT NOT NULL UNIQUE,
     type TEXT NOT NULL,
     name TEXT NOT NULL,
     unit TEXT NOT NULL,
     tags TEXT NOT NULL
   );
   CREATE TABLE samples_1s (series INTEGER NOT NULL, t INTEGER NOT NULL, v REAL NOT NULL, PRIMARY KEY (series, t)) WITHOUT ROWID;
   CREATE TABLE samples_10s (series INTEGER NOT NULL, t INTEGER NOT NULL, v REAL NOT NULL, PRIMARY KEY (series, t)) WITHOUT ROWID;
   CREATE TABLE samples_60s (series INTEGER NOT NULL, t INTEGER NOT NULL, v REAL NOT NULL, PRIMARY KEY (series, t)) WITHOUT ROWID;
   CREATE TABLE alert_rules (id TEXT PRIMARY KEY, rule TEXT NOT NULL, position INTEGER NOT NULL);
   CREATE TABLE alerts (
     id TEXT PRIMARY KEY,
     rule_id TEXT NOT NULL,
     series TEXT NOT NULL,
     state TEXT NOT NULL,
     opened_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     alert TEXT NOT NULL
   );
   CREATE INDEX alerts_by_time ON alerts (updated_at DESC);
   CREATE INDEX alerts_open ON alerts (state) WHERE state != 'resolved';
   CREATE TABLE alert_events (alert_id TEXT NOT NULL, at INTEGER NOT NULL, change TEXT NOT NULL, by TEXT);
   CREATE TABLE silences (rule_id TEXT NOT NULL, series TEXT NOT NULL, until INTEGER NOT NULL, by TEXT NOT NULL, PRIMARY KEY (rule_id, series));
   CREATE TABLE dashboards (id TEXT PRIMARY KEY, dashboard TEXT NOT NULL);
   CREATE TABLE activity (dashboard_id TEXT NOT NULL, at INTEGER NOT NULL, event TEXT NOT NULL);
   CREATE INDEX activity_by_time ON activity (at);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  `CREATE TABLE peers (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     joined_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     revoked INTEGER NOT NULL DEFAULT 0
   );`,
  // Summaries and quotas read columns instead of parsing every stored dashboard; who created a
  // dashboard and who recorded an activity row is kept by id, which names cannot fake.
  `ALTER TABLE dashboards ADD COLUMN name TEXT NOT NULL DEFAULT '';
   ALTER TABLE dashboards ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE dashboards ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
   ALTER TABLE dashboards ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
   ALTER TABLE dashboards ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
   UPDATE dashboards SET name = json_extract(dashboard, '$.name'), version = json_extract(dashboard, '$.version'),
     updated_by = json_extract(dashboard, '$.updatedBy'), updated_at = json_extract(dashboard, '$.updatedAt');
   CREATE INDEX dashboards_by_creator ON dashboards (created_by);
   ALTER TABLE activity ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
   CREATE INDEX activity_by_user ON activity (user_id, at);`,
  // Records name who did something as an actor (id, name, role) instead of a bare name, which a
  // peer could choose to look like someone else's. Earlier rows knew only a name: it stands for
  // the id too, and the role is unknown, so the least one is assumed.
  `UPDATE dashboards SET updated_by = json_object('id', updated_by, 'name', updated_by, 'role', 'viewer'),
     dashboard = json_set(dashboard, '$.updatedBy', json_object('id', updated_by, 'name', updated_by, 'role', 'viewer'));
   UPDATE activity SET user_id = json_extract(event, '$.userId'),
     event = json_set(json_remove(event, '$.userId'), '$.by',
       json_object('id', json_extract(event, '$.userId'), 'name', json_extract(event, '$.userId'), 'role', 'viewer'));
   UPDATE silences SET by = json_object('id', by, 'name', by, 'role', 'viewer');
   UPDATE alerts SET alert = json_set(alert, '$.acknowledgedBy', json_object('id', json_extract(alert, '$.acknowledgedBy'),
     'name', json_extract(alert, '$.acknowledgedBy'), 'role', 'viewer')) WHERE json_type(alert, '$.acknowledgedBy') = 'text';
   UPDATE alerts SET alert = json_set(alert, '$.silencedBy', json_object('id', json_extract(alert, '$.silencedBy'),
     'name', json_extract(alert, '$.silencedBy'), 'role', 'viewer')) WHERE json_type(alert, '$.silencedBy') = 'text';`,
];

/**
 * Opens (and creates or migrates) the database in `dataDir`. WAL with synchronous=NORMAL keeps
 * every committed transaction across a process crash (kill -9) while writes stay cheap.
 */
export function openDatabase(dataDir: string): HostDatabase {
  // The data holds the token key, peers and history: only its owner may read it. SQLite gives
  // its -wal and -shm files the database file's mode, so setting that one covers all three.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = join(dataDir, 'hubdeck.sqlite');
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let next = version; next < migrations.length; next++) {
    db.transaction(() => {
      db.exec(migrations[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
  return db;
}
