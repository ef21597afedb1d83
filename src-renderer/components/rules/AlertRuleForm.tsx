import { type FormEvent, useId, useState } from 'react';
import type { AlertRule } from '../../../contracts/generated/dashboard-hub.types.js';
import { useStore } from '../../store/store.js';

const comparisons: AlertRule['comparison'][] = ['>', '>=', '<', '<='];
const severities: AlertRule['severity'][] = ['info', 'warning', 'error'];

export const emptyRule: AlertRule = { id: '', name: '', selector: '', comparison: '>', threshold: 0, forSeconds: 0, severity: 'warning', enabled: true };

/** A rule id from its name: stable, readable, within the contract's limits. */
function idFor(name: string, taken: readonly AlertRule[]): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 56) || 'rule';
  let id = base;
  for (let n = 2; taken.some((r) => r.id === id); n++) id = `${base}-${n}`;
  return id;
}

interface AlertRuleFormProps {
  readonly rule: AlertRule;
  readonly onSave: (rule: AlertRule) => Promise<boolean>;
  readonly onCancel: () => void;
}

/** Creates or changes a rule: which series, what threshold, for how long, how severe. */
export function AlertRuleForm({ rule, onSave, onCancel }: AlertRuleFormProps) {
  const catalog = useStore((s) => s.seriesCatalog);
  const rules = useStore((s) => s.alertRules);
  const [draft, setDraft] = useState(rule);
  const [clear, setClear] = useState(rule.clearThreshold === undefined ? '' : String(rule.clearThreshold));
  const [saving, setSaving] = useState(false);
  const listId = useId();
  const set = (patch: Partial<AlertRule>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { clearThreshold: _previous, ...rest } = draft;
    const saved: AlertRule = { ...rest, id: draft.id || idFor(draft.name, rules), ...(clear.trim() === '' ? {} : { clearThreshold: Number(clear) }) };
    setSaving(true);
    const ok = await onSave(saved);
    setSaving(false);
    if (ok) onCancel();
  };

  return (
    <form className="rule-form" onSubmit={(e) => void submit(e)} data-testid="rule-form">
      <label className="field">
        <span>Name</span>
        <input type="text" required maxLength={200} value={draft.name} onChange={(e) => set({ name: e.target.value })} data-testid="rule-name" />
      </label>
      <label className="field">
        <span>Series (an id, or a pattern with *)</span>
        <input type="text" required maxLength={200} list={listId} value={draft.selector} onChange={(e) => set({ selector: e.target.value })} data-testid="rule-selector" />
        <datalist id={listId}>
          {catalog.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </datalist>
      </label>
      <div className="field-row">
        <label className="field">
          <span>Fires when the value is</span>
          <select value={draft.comparison} onChange={(e) => set({ comparison: e.target.value as AlertRule['comparison'] })} data-testid="rule-comparison">
            {comparisons.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Threshold</span>
          <input type="number" required step="any" value={draft.threshold} onChange={(e) => set({ threshold: Number(e.target.value) })} data-testid="rule-threshold" />
        </label>
        <label className="field">
          <span>for (seconds)</span>
          <input
            type="number"
            required
            min={0}
            max={86_400}
            value={draft.forSeconds}
            onChange={(e) => set({ forSeconds: Number(e.target.value) })}
            data-testid="rule-for"
          />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>Resolves past (optional)</span>
          <input type="number" step="any" value={clear} onChange={(e) => setClear(e.target.value)} placeholder="the threshold" data-testid="rule-clear" />
        </label>
        <label className="field">
          <span>Severity</span>
          <select value={draft.severity} onChange={(e) => set({ severity: e.target.value as AlertRule['severity'] })} data-testid="rule-severity">
            {severities.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid="rule-enabled" />
          Enabled
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="rule-save">
          {saving ? 'Saving…' : 'Save rule'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
