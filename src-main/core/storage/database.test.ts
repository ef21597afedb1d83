import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { openDatabase } from './database.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('openDatabase', () => {
  it('keeps the data directory and its SQLite files readable by their owner only', () => {
    const parent = tempDir();
    const dir = join(parent.path, 'data');
    const db = openDatabase(dir);
    db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    expect(mode(dir)).toBe(0o700);
    for (const file of ['hubdeck.sqlite', 'hubdeck.sqlite-wal', 'hubdeck.sqlite-shm']) expect(mode(join(dir, file)), file).toBe(0o600);
    db.close();
    parent.remove();
  });

  it('tightens a data directory and database that an older version left open to others', () => {
    const dir = tempDir();
    chmodSync(dir.path, 0o755);
    writeFileSync(join(dir.path, 'hubdeck.sqlite'), '', { mode: 0o644 });
    openDatabase(dir.path).close();
    expect(mode(dir.path)).toBe(0o700);
    expect(mode(join(dir.path, 'hubdeck.sqlite'))).toBe(0o600);
    dir.remove();
  });
});
