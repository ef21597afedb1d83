import { useShallow } from 'zustand/react/shallow';
import { useNow } from '../../hooks/use-now.js';
import { selectAlertIds } from '../../store/alerts-slice.js';
import { useStore } from '../../store/store.js';
import { AlertItem } from './AlertItem.js';

/** Every alert the host reported, firing first; each entry updates in place as its alert changes. */
export function AlertList() {
  const ids = useStore(useShallow(selectAlertIds));
  const now = useNow(15_000);
  if (ids.length === 0) return <p className="placeholder">No alerts. Every sample is checked against the alert rules.</p>;
  return (
    <ul className="alert-list" data-testid="alert-list" aria-label="Alerts">
      {ids.map((id) => (
        <AlertItem key={id} id={id} now={now} />
      ))}
    </ul>
  );
}
