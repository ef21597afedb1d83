import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';
import { gridColumns } from '../../store/panel-layout.js';
import { useStore } from '../../store/store.js';
import { timeWindows, windowIds } from '../../store/time-windows.js';
import { SeriesPicker } from './SeriesPicker.js';

const kinds: Array<{ kind: Panel['kind']; label: string }> = [
  { kind: 'line', label: 'Line chart' },
  { kind: 'area', label: 'Area chart' },
  { kind: 'stat', label: 'Stat' },
  { kind: 'alerts', label: 'Alerts' },
];

/** The selected panel's title, kind, window, place and series. */
export function PanelSettings({ panel }: { panel: Panel }) {
  const updatePanel = useStore((s) => s.updatePanel);
  const update = (patch: Partial<Omit<Panel, 'id'>>) => updatePanel(panel.id, patch);
  const number = (key: 'x' | 'y' | 'w' | 'h', label: string, max: number) => (
    <label className="field field-number">
      <span>{label}</span>
      <input
        type="number"
        min={key === 'w' || key === 'h' ? 1 : 0}
        max={max}
        value={panel[key]}
        onChange={(e) => e.target.value !== '' && update({ [key]: Number(e.target.value) })}
        data-testid={`panel-${key}`}
      />
    </label>
  );

  return (
    <section className="editor-section" aria-labelledby="panel-settings-title" data-testid="panel-settings">
      <h3 id="panel-settings-title">Panel “{panel.title || panel.id}”</h3>
      <label className="field">
        <span>Title</span>
        <input type="text" maxLength={200} value={panel.title} onChange={(e) => update({ title: e.target.value })} data-testid="panel-title-input" />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Kind</span>
          <select value={panel.kind} onChange={(e) => update({ kind: e.target.value as Panel['kind'] })} data-testid="panel-kind">
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Window</span>
          <select value={panel.window} onChange={(e) => update({ window: e.target.value as Panel['window'] })} data-testid="panel-window">
            {windowIds.map((id) => (
              <option key={id} value={id}>
                {timeWindows[id].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field-row field-row-4">
        {number('x', 'Column', gridColumns - 1)}
        {number('y', 'Row', 1000)}
        {number('w', 'Width', gridColumns)}
        {number('h', 'Height', 100)}
      </div>
      {panel.kind !== 'alerts' && <SeriesPicker value={panel.series} onChange={(series) => update({ series })} />}
    </section>
  );
}
