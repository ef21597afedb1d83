import type { Alert, AlertRule } from '../../contracts/generated/dashboard-hub.types.js';
import type { SliceCreator } from './store-types.js';

// Open alerts are always kept; resolved ones only the newest, so a long day stays bounded.
const keepResolved = 200;

export interface AlertsSlice {
  alerts: Record<string, Alert>;
  alertRules: AlertRule[];
  setAlerts(alerts: readonly Alert[]): void;
  /** A raised or changed alert: the same id replaces the entry in place. */
  upsertAlert(alert: Alert): void;
  setAlertRules(rules: AlertRule[]): void;
}

export const createAlertsSlice: SliceCreator<AlertsSlice> = (set) => ({
  alerts: {},
  alertRules: [],
  setAlerts: (alerts) => set({ alerts: bounded(Object.fromEntries(alerts.map((a) => [a.id, a]))) }),
  upsertAlert: (alert) => set((state) => ({ alerts: bounded({ ...state.alerts, [alert.id]: alert }) })),
  setAlertRules: (alertRules) => set({ alertRules }),
});

const stateRank: Record<NonNullable<Alert['state']>, number> = { firing: 0, pending: 1, resolved: 2 };

/** Firing first, then pending, then resolved; newest first within each. */
function compareAlerts(a: Alert, b: Alert): number {
  return stateRank[a.state ?? 'firing'] - stateRank[b.state ?? 'firing'] || Date.parse(b.timestamp) - Date.parse(a.timestamp);
}

/** Ids in display order; with useShallow the list re-renders only when the order changes, each item following its own alert. */
export const selectAlertIds = (state: AlertsSlice): string[] =>
  Object.values(state.alerts)
    .sort(compareAlerts)
    .map((a) => a.id);

export const selectFiringCount = (state: AlertsSlice): number => Object.values(state.alerts).filter((a) => a.state === 'firing').length;

function bounded(alerts: Record<string, Alert>): Record<string, Alert> {
  const resolved = Object.values(alerts).filter((a) => a.state === 'resolved');
  if (resolved.length <= keepResolved) return alerts;
  const drop = new Set(resolved.sort(compareAlerts).slice(keepResolved).map((a) => a.id));
  return Object.fromEntries(Object.entries(alerts).filter(([id]) => !drop.has(id)));
}
