import { useId, useState } from 'react';
import { useStore } from '../../store/store.js';

// The contract's limit on series per panel.
const maxSeries = 32;

/** Chooses a panel's series from what the host samples, with a filter for hosts with many. */
export function SeriesPicker({ value, onChange }: { value: readonly string[]; onChange: (series: string[]) => void }) {
  const catalog = useStore((s) => s.seriesCatalog);
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const needle = filter.trim().toLowerCase();
  const shown = catalog.filter((s) => !needle || s.id.toLowerCase().includes(needle) || s.name.toLowerCase().includes(needle));
  const chosen = new Set(value);
  const nameOf = (id: string) => catalog.find((s) => s.id === id)?.name ?? id;
  const toggle = (id: string) => onChange(chosen.has(id) ? value.filter((s) => s !== id) : [...value, id]);

  return (
    <fieldset className="series-picker">
      <legend>
        Series <span className="hint">({value.length} chosen)</span>
      </legend>
      {value.length > 0 && (
        <ul className="chosen-series" aria-label="Chosen series">
          {value.map((id) => (
            <li key={id}>
              {nameOf(id)}
              <button type="button" className="icon-button" aria-label={`Remove ${nameOf(id)}`} onClick={() => toggle(id)} data-testid={`series-remove-${id}`}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={filterId} className="visually-hidden">
        Filter series
      </label>
      <input id={filterId} type="search" placeholder="Filter series…" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="series-filter" />
      <ul className="series-options">
        {shown.map((series) => (
          <li key={series.id}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(series.id)}
                disabled={!chosen.has(series.id) && value.length >= maxSeries}
                onChange={() => toggle(series.id)}
                data-testid={`series-option-${series.id}`}
              />
              <span className="series-name">{series.name}</span>
              <code className="series-id">{series.id}</code>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="hint">No series match.</li>}
      </ul>
    </fieldset>
  );
}
