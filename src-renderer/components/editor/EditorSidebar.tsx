import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';
import { defaultDashboardId } from '../../env/launch-options.js';
import { useHub } from '../../hub/hub-context.js';
import { useStore } from '../../store/store.js';
import { ConflictNotice } from './ConflictNotice.js';
import { PanelSettings } from './PanelSettings.js';

const addable: Array<{ kind: Panel['kind']; label: string }> = [
  { kind: 'line', label: 'Line' },
  { kind: 'area', label: 'Area' },
  { kind: 'stat', label: 'Stat' },
  { kind: 'alerts', label: 'Alerts' },
];

/** The dashboard editor: name, panels to add, the selected panel's settings, and save or cancel. */
export function EditorSidebar() {
  const editor = useStore((s) => s.editor)!;
  const saved = useStore((s) => s.dashboards[editor.draft.id]);
  const renameDraft = useStore((s) => s.renameDraft);
  const addPanel = useStore((s) => s.addPanel);
  const stopEditing = useStore((s) => s.stopEditing);
  const { commands } = useHub();
  const { draft, selectedPanelId, saving } = editor;
  const selected = draft.panels.find((p) => p.id === selectedPanelId);

  return (
    <aside className="sidebar editor" aria-labelledby="editor-title" data-testid="editor">
      <h2 id="editor-title">{saved ? `Editing version ${draft.baseVersion}` : 'New dashboard'}</h2>
      <ConflictNotice />
      <label className="field">
        <span>Dashboard name</span>
        <input type="text" maxLength={200} value={draft.name} onChange={(e) => renameDraft(e.target.value)} data-testid="editor-name" />
      </label>
      <section className="editor-section" aria-labelledby="add-panel-title">
        <h3 id="add-panel-title">Add a panel</h3>
        <div className="button-row">
          {addable.map(({ kind, label }) => (
            <button key={kind} type="button" className="button button-small" onClick={() => addPanel(kind)} data-testid={`add-panel-${kind}`}>
              + {label}
            </button>
          ))}
        </div>
      </section>
      {selected ? <PanelSettings panel={selected} /> : <p className="hint">Choose a panel’s Settings to change its title, kind, window and series.</p>}
      <p className="hint" id="editor-keys">
        With a panel focused, arrow keys move it, Shift+arrows resize it and Delete removes it.
      </p>
      <div className="editor-actions">
        <button type="button" className="button button-primary" disabled={saving || !draft.name.trim()} onClick={() => void commands.saveDashboard()} data-testid="editor-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={stopEditing} data-testid="editor-cancel">
          Cancel
        </button>
        {saved && saved.id !== defaultDashboardId && (
          <button type="button" className="button button-danger" onClick={() => confirm(`Delete the dashboard “${saved.name}” for everyone?`) && void commands.deleteDashboard(saved)} data-testid="editor-delete">
            Delete dashboard
          </button>
        )}
      </div>
    </aside>
  );
}
