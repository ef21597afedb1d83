import { useState } from 'react';
import type { JoinCode } from '../../../contracts/generated/dashboard-hub.types.js';
import { formatIn } from '../../format/format-time.js';
import { useHub } from '../../hub/hub-context.js';
import { useNow } from '../../hooks/use-now.js';
import { CopyField } from '../common/CopyField.js';

const lifetimes = [5, 15, 60, 240, 1440];
const roles: Array<{ role: JoinCode['role']; label: string }> = [
  { role: 'viewer', label: 'Viewer: sees the dashboard' },
  { role: 'operator', label: 'Operator: also acknowledges alerts and edits dashboards' },
  { role: 'owner', label: 'Owner: everything, including sharing' },
];

/** Invitations: a single-use code per peer, shown large enough to read across a desk, with a link that carries it. */
export function JoinCodes({ codes, url }: { codes: readonly JoinCode[]; url: string | undefined }) {
  const { commands } = useHub();
  const [role, setRole] = useState<JoinCode['role']>('viewer');
  const [minutes, setMinutes] = useState(15);
  const [busy, setBusy] = useState(false);
  const now = useNow(1_000);
  const create = async () => {
    setBusy(true);
    await commands.createJoinCode(role, minutes);
    setBusy(false);
  };
  return (
    <section className="dialog-section" aria-labelledby="codes-title">
      <h3 id="codes-title">Invite someone</h3>
      <div className="field-row">
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as JoinCode['role'])} data-testid="join-code-role">
            {roles.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Valid for</span>
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="join-code-minutes">
            {lifetimes.map((m) => (
              <option key={m} value={m}>
                {m < 60 ? `${m} minutes` : `${m / 60} hour${m === 60 ? '' : 's'}`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void create()} data-testid="create-join-code">
          Create join code
        </button>
      </div>
      {codes.length > 0 && (
        <ul className="join-codes">
          {codes.map((code) => (
            <li key={code.code} className="join-code" data-testid={`join-code-${code.code}`}>
              <p className="code-big" aria-label={`Code ${code.code.split('').join(' ')}`}>
                {code.code}
              </p>
              <p className="hint">
                {code.role} · single use · expires {formatIn(code.expiresAt, now)}
              </p>
              {url && <CopyField label={`Link that joins with code ${code.code}`} value={`${url}/#code=${code.code}`} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
