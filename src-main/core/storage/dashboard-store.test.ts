import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { type HostDatabase, openDatabase } from './database.js';
import { DashboardConflictError, DashboardStore } from './dashboard-store.js';

const ann = { id: 'peer-ann', name: 'ann', role: 'operator' as const };
const bob = { id: 'peer-bob', name: 'bob', role: 'operator' as const };

describe('DashboardStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: HostDatabase;
  let store: DashboardStore;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(dir.path);
    store = new DashboardStore(db);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('versions every save and refuses one based on an old version, naming the current one', () => {
    const first = store.save({ id: 'ops', name: 'Ops', panels: [], baseVersion: 0 }, ann, 1000);
    expect(first).toMatchObject({ version: 1, updatedBy: ann });
    const second = store.save({ id: 'ops', name: 'Ops 2', panels: [], baseVersion: 1 }, bob, 2000);
    expect(second.version).toBe(2);
    expect(() => store.save({ id: 'ops', name: 'Mine', panels: [], baseVersion: 1 }, ann, 3000)).toThrow(
      "Dashboard 'Ops 2' was saved by bob (operator) as version 2 after your version 1; reload version 2 and apply your change again.",
    );
    try {
      store.save({ id: 'ops', name: 'Mine', panels: [], baseVersion: 1 }, ann, 3000);
    } catch (error) {
      expect((error as DashboardConflictError).current.version).toBe(2);
    }
    expect(store.get('ops')!.name).toBe('Ops 2');
  });

  it('refuses to create over an existing dashboard and to update a missing one', () => {
    store.save({ id: 'ops', name: 'Ops', panels: [], baseVersion: 0 }, ann, 1000);
    expect(() => store.save({ id: 'ops', name: 'Again', panels: [], baseVersion: 0 }, bob, 2000)).toThrow(DashboardConflictError);
    expect(() => store.save({ id: 'new', name: 'New', panels: [], baseVersion: 3 }, bob, 2000)).toThrow(DashboardConflictError);
  });
});
