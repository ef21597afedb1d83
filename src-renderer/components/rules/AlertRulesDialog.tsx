import { useState } from 'react';
import type { AlertRule } from '../../../contracts/generated/dashboard-hub.types.js';
import { useHub } from '../../hub/hub-context.js';
import { useStore } from '../../store/store.js';
import { Dialog } from '../common/Dialog.js';
import { AlertRuleForm, emptyRule } from './AlertRuleForm.js';

const describe = (rule: AlertRule) =>
  `${rule.selector} ${rule.comparison} ${rule.threshold}${rule.forSeconds ? ` for ${rule.forSeconds} s` : ''}${rule.clearThreshold === undefined ? '' : `, resolves past ${rule.clearThreshold}`}`;

/** The owner's alert rules: the list, and a form to add or change one. */
export function AlertRulesDialog({ onClose }: { onClose: () => void }) {
  const rules = useStore((s) => s.alertRules);
  const { commands } = useHub();
  const [editing, setEditing] = useState<AlertRule | undefined>();

  return (
    <Dialog title="Alert rules" onClose={onClose} testId="alert-rules-dialog" wide>
      {editing ? (
        <AlertRuleForm rule={editing} onSave={(rule) => commands.saveAlertRule(rule)} onCancel={() => setEditing(undefined)} />
      ) : (
        <>
          <ul className="rules">
            {rules.map((rule) => (
              <li key={rule.id} className={`rule${rule.enabled ? '' : ' rule-disabled'}`} data-testid={`rule-${rule.id}`}>
                <div>
                  <p className="rule-name">
                    <span className={`badge badge-severity-${rule.severity}`}>{rule.severity}</span> {rule.name}
                    {!rule.enabled && <span className="hint"> (disabled)</span>}
                  </p>
                  <code className="rule-condition">{describe(rule)}</code>
                </div>
                <div className="button-row">
                  <button type="button" className="button button-small" onClick={() => setEditing(rule)} data-testid={`rule-edit-${rule.id}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => confirm(`Delete the rule “${rule.name}”? Its open alerts resolve.`) && void commands.deleteAlertRule(rule)}
                    data-testid={`rule-delete-${rule.id}`}
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <button type="button" className="button button-primary" onClick={() => setEditing(emptyRule)} data-testid="rule-new">
            + New rule
          </button>
        </>
      )}
    </Dialog>
  );
}
