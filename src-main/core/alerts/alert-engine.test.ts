import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, AlertRule } from '../../../contracts/generated/dashboard-hub.types.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { ManualClock } from '../clock.js';
import type { MetricReading } from '../metrics/metric-source.js';
import { AlertStore } from '../storage/alert-store.js';
import { type HostDatabase, openDatabase } from '../storage/database.js';
import { AlertEngine, AlertNotFoundError } from './alert-engine.js';

const rule: AlertRule = { id: 'hot', name: 'Hot', selector: 'temp.*', comparison: '>', threshold: 90, forSeconds: 30, clearThreshold: 80, severity: 'error', enabled: true };
const reading = (value: number, id = 'temp.cpu'): MetricReading => ({ id, type: 'temp', name: id, unit: '°C', value });

const bea = { id: 'peer-bea', name: 'Bea', role: 'operator' as const };

describe('AlertEngine', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: HostDatabase;
  let clock: ManualClock;
  let published: Alert[];
  let engine: AlertEngine;

  const open = () => {
    db = openDatabase(dir.path);
    const store = new AlertStore(db);
    engine = new AlertEngine(store, clock, (a) => published.push(a));
    return store;
  };

  beforeEach(() => {
    dir = tempDir();
    clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
    published = [];
    open().saveRule(rule);
    engine = new AlertEngine(new AlertStore(db), clock, (a) => published.push(a));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  /** Feeds one value per second for `seconds` seconds. */
  const feed = (value: number, seconds = 1, id = 'temp.cpu') => {
    for (let i = 0; i < seconds; i++) {
      engine.evaluate([reading(value, id)]);
      clock.advance(1000);
    }
  };
  const states = () => published.map((a) => a.state);

  it('goes pending, then firing once the condition held for the rule\'s duration', () => {
    feed(95);
    expect(states()).toEqual(['pending']);
    feed(95, 29);
    expect(states()).toEqual(['pending']);
    feed(95);
    expect(states()).toEqual(['pending', 'firing']);
    const firing = published[1]!;
    expect(firing).toMatchObject({ type: 'error', series: 'temp.cpu', ruleId: 'hot', value: 95, dashboardId: 'host' });
    expect(firing.id).toBe(published[0]!.id);
    expect(firing.message).toBe('Hot: temp.cpu is 95 °C (> 90)');
  });

  it('drops back to resolved when the condition stops while pending, and keeps such a blip out of the log it lists', () => {
    feed(95, 10);
    feed(85);
    expect(states()).toEqual(['pending', 'resolved']);
    expect(engine.recent(10)).toEqual([]);
    feed(95, 31);
    expect(engine.recent(10).map((a) => a.state)).toEqual(['firing']);
  });

  it('keeps firing until the value passes the clear threshold (hysteresis)', () => {
    feed(95, 31);
    feed(85, 5);
    expect(states()).toEqual(['pending', 'firing']);
    feed(79);
    expect(states()).toEqual(['pending', 'firing', 'resolved']);
    feed(95);
    expect(published.at(-1)!.state).toBe('pending');
    expect(published.at(-1)!.id).not.toBe(published[0]!.id);
  });

  it('fires at once when the rule has no duration, and tracks each matching series apart', () => {
    engine.saveRule({ ...rule, forSeconds: 0 });
    feed(99, 1, 'temp.gpu');
    feed(50, 1, 'temp.cpu');
    expect(published.map((a) => [a.series, a.state])).toEqual([['temp.gpu', 'firing']]);
  });

  it('records who acknowledged an alert and when, without changing its state', () => {
    feed(95, 31);
    const acked = engine.acknowledge(published[1]!.id, bea);
    expect(acked).toMatchObject({ state: 'firing', acknowledgedBy: bea, acknowledgedAt: new Date(clock.now()).toISOString() });
    expect(published.at(-1)).toEqual(acked);
  });

  it('silences a rule on a series, including alerts it raises later, until the silence ends', () => {
    feed(95, 31);
    const silenced = engine.silence(published[1]!.id, 10, bea);
    expect(silenced).toMatchObject({ silencedBy: bea });
    expect(engine.isSilenced(silenced)).toBe(true);
    feed(70);
    feed(95);
    const again = published.at(-1)!;
    expect(again).toMatchObject({ state: 'pending', silencedBy: bea });
    clock.advance(11 * 60_000);
    expect(engine.isSilenced(again)).toBe(false);
  });

  it('resolves the open alerts of a rule that is disabled or deleted', () => {
    feed(95, 31);
    engine.saveRule({ ...rule, enabled: false });
    expect(states().at(-1)).toBe('resolved');
    expect(() => engine.deleteRule('nope')).toThrow(AlertNotFoundError);
  });

  it('resumes open alerts and silences after a restart, from the database', () => {
    feed(95, 31);
    engine.silence(published[1]!.id, 60, bea);
    db.close();
    published = [];
    open();
    feed(79);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ state: 'resolved', silencedBy: bea });
    expect(engine.recent(10)[0]!.state).toBe('resolved');
  });

  it('keeps a durable log of every change with who made it', () => {
    feed(95, 31);
    engine.acknowledge(published[1]!.id, bea);
    feed(70);
    const store = new AlertStore(db);
    expect(store.events(published[0]!.id).map((e) => [e.change, e.by])).toEqual([
      ['pending', null],
      ['firing', null],
      ['acknowledged', 'peer-bea'],
      ['resolved', null],
    ]);
  });
});
