import { type WindowId, timeWindows, windowIds } from '../../store/time-windows.js';

/** The span a chart shows: a row of toggle buttons, one pressed. */
export function WindowSelector({ panelId, value, onChange }: { panelId: string; value: WindowId; onChange: (window: WindowId) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Time window">
      {windowIds.map((id) => (
        <button
          key={id}
          type="button"
          aria-pressed={id === value}
          data-testid={`window-${panelId}-${id}`}
          onClick={() => onChange(id)}
        >
          {timeWindows[id].label}
        </button>
      ))}
    </div>
  );
}
