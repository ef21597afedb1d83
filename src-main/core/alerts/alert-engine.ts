import { randomUUID } from 'node:crypto';
import type { Actor, Alert, AlertRule } from '../../../contracts/generated/dashboard-hub.types.js';
import { type Clock, isoTime } from '../clock.js';
import { NotFoundError } from '../host-error.js';
import type { MetricReading } from '../metrics/metric-source.js';
import type { AlertStore, Silence } from '../storage/alert-store.js';
import { crosses, selectorMatcher } from './rule-matching.js';

/** Where host-wide alerts belong in the contract's dashboard-scoped Alert type. */
export const hostAlertScope = 'host';

/** Raised for an operation on an alert or rule that does not exist. */
export class AlertNotFoundError extends NotFoundError {
  override readonly name = 'AlertNotFoundError';
}

interface CompiledRule {
  readonly rule: AlertRule;
  readonly matches: (seriesId: string) => boolean;
}

const trackKey = (ruleId: string, series: string) => `${ruleId}\u0000${series}`;

/**
 * Evaluates alert rules on every tick: inactive → pending (the condition holds) → firing (it
 * held for the rule's duration) → resolved (the value went back past the clear threshold, or
 * the condition stopped holding while pending). Every change is stored before it is
 * published, so nothing a client saw is lost in a crash.
 */
export class AlertEngine {
  private compiled: CompiledRule[] = [];
  /** Open (pending or firing) alerts by rule and series. */
  private readonly open = new Map<string, Alert>();
  private readonly silences = new Map<string, Silence>();

  constructor(
    private readonly store: AlertStore,
    private readonly clock: Clock,
    /** Told of every change, with whether the alert is silenced (no native notification then). */
    private readonly publish: (alert: Alert, silenced: boolean) => void,
  ) {
    this.compile();
    for (const alert of store.openAlerts()) this.open.set(trackKey(alert.ruleId!, alert.series!), alert);
    for (const silence of store.activeSilences(clock.now())) this.silences.set(trackKey(silence.ruleId, silence.series), silence);
  }

  /** Open alerts by state (pending, firing), and how many of them are silenced. */
  openCounts(): Record<'pending' | 'firing' | 'silenced', number> {
    const counts = { pending: 0, firing: 0, silenced: 0 };
    for (const alert of this.open.values()) {
      if (alert.state === 'pending' || alert.state === 'firing') counts[alert.state]++;
      if (this.isSilenced(alert)) counts.silenced++;
    }
    return counts;
  }

  rules(): AlertRule[] {
    return this.compiled.map((c) => c.rule);
  }

  saveRule(rule: AlertRule): AlertRule {
    this.store.saveRule(rule);
    this.compile();
    this.resolveOrphans(rule.enabled ? undefined : rule.id);
    return rule;
  }

  deleteRule(ruleId: string): void {
    if (!this.store.deleteRule(ruleId)) throw new AlertNotFoundError(`There is no alert rule '${ruleId}'.`);
    this.compile();
    this.resolveOrphans(ruleId);
  }

  /** Applies every enabled rule to one tick's readings. */
  evaluate(readings: readonly MetricReading[]): void {
    for (const { rule, matches } of this.compiled) {
      if (!rule.enabled) continue;
      for (const reading of readings) if (matches(reading.id)) this.step(rule, reading);
    }
  }

  /** The newest alerts of the log that fired or are still pending (a blip that never fired is not news). */
  recent(limit: number): Alert[] {
    return this.store.recent(limit);
  }

  acknowledge(alertId: string, by: Actor): Alert {
    const alert = this.require(alertId);
    const now = this.clock.now();
    return this.change({ ...alert, acknowledgedBy: by, acknowledgedAt: isoTime(now) }, now, 'acknowledged', by.id);
  }

  /** Silences the alert's rule on its series, including alerts it raises until then. */
  silence(alertId: string, minutes: number, by: Actor): Alert {
    const alert = this.require(alertId);
    const now = this.clock.now();
    const silence: Silence = { ruleId: alert.ruleId!, series: alert.series!, until: now + minutes * 60_000, by };
    this.store.saveSilence(silence);
    this.silences.set(trackKey(silence.ruleId, silence.series), silence);
    return this.change({ ...alert, silencedBy: by, silencedUntil: isoTime(silence.until) }, now, `silenced for ${minutes} min`, by.id);
  }

  /** Whether an alert should stay quiet (no native notification). */
  isSilenced(alert: Alert): boolean {
    const silence = this.silences.get(trackKey(alert.ruleId ?? '', alert.series ?? ''));
    return silence !== undefined && silence.until > this.clock.now();
  }

  private step(rule: AlertRule, reading: MetricReading): void {
    const key = trackKey(rule.id, reading.id);
    const current = this.open.get(key);
    const now = this.clock.now();
    const holding = crosses(reading.value, rule.comparison, rule.threshold);
    if (!current) {
      if (!holding) return;
      const firing = rule.forSeconds === 0;
      const silence = this.silences.get(key);
      const alert: Alert = {
        id: randomUUID(),
        dashboardId: hostAlertScope,
        type: rule.severity,
        message: describe(rule, reading),
        timestamp: isoTime(now),
        data: {
          ruleName: rule.name,
          comparison: rule.comparison,
          threshold: rule.threshold,
          forSeconds: rule.forSeconds,
          openedAt: isoTime(now),
          ...(firing ? { firedAt: isoTime(now) } : {}),
        },
        ruleId: rule.id,
        series: reading.id,
        state: firing ? 'firing' : 'pending',
        value: reading.value,
        ...(silence && silence.until > now ? { silencedBy: silence.by, silencedUntil: isoTime(silence.until) } : {}),
      };
      this.open.set(key, this.change(alert, now, alert.state!));
      return;
    }
    if (current.state === 'pending') {
      if (!holding) return this.close(key, current, reading.value, now);
      const openedAt = Date.parse(String(current.data.openedAt));
      if (now - openedAt >= rule.forSeconds * 1000) {
        const fired: Alert = {
          ...current,
          state: 'firing',
          value: reading.value,
          message: describe(rule, reading),
          timestamp: isoTime(now),
          data: { ...current.data, firedAt: isoTime(now) },
        };
        this.open.set(key, this.change(fired, now, 'firing'));
      }
      return;
    }
    // Firing: hysteresis keeps it firing until the value is back past the clear threshold.
    if (!crosses(reading.value, rule.comparison, rule.clearThreshold ?? rule.threshold)) this.close(key, current, reading.value, now);
  }

  private close(key: string, alert: Alert, value: number, now: number): void {
    this.open.delete(key);
    this.change({ ...alert, state: 'resolved', value, timestamp: isoTime(now) }, now, 'resolved');
  }

  /** Resolves open alerts whose rule is gone or disabled (`ruleId`), or no longer exists. */
  private resolveOrphans(ruleId: string | undefined): void {
    const existing = new Set(this.compiled.map((c) => c.rule.id));
    for (const [key, alert] of this.open) {
      if (alert.ruleId === ruleId || !existing.has(alert.ruleId!)) this.close(key, alert, alert.value ?? 0, this.clock.now());
    }
  }

  private change(alert: Alert, now: number, change: string, by?: string): Alert {
    this.store.saveAlert(alert, now, change, by);
    const key = trackKey(alert.ruleId!, alert.series!);
    if (this.open.get(key)?.id === alert.id && alert.state !== 'resolved') this.open.set(key, alert);
    this.publish(alert, this.isSilenced(alert));
    return alert;
  }

  private require(alertId: string): Alert {
    const open = [...this.open.values()].find((a) => a.id === alertId);
    const alert = open ?? this.store.get(alertId);
    if (!alert) throw new AlertNotFoundError(`There is no alert '${alertId}'.`);
    return alert;
  }

  private compile(): void {
    this.compiled = this.store.rules().map((rule) => ({ rule, matches: selectorMatcher(rule.selector) }));
  }
}

function describe(rule: AlertRule, reading: MetricReading): string {
  const value = Number.isInteger(reading.value) ? String(reading.value) : reading.value.toFixed(1);
  return `${rule.name}: ${reading.id} is ${value}${reading.unit ? ` ${reading.unit}` : ''} (${rule.comparison} ${rule.threshold})`;
}
