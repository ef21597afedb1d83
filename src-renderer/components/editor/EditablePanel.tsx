import type { KeyboardEvent } from 'react';
import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';
import { useGridDrag } from '../../hooks/use-grid-drag.js';
import { useStore } from '../../store/store.js';
import { PanelView } from '../panels/PanelView.js';

interface EditablePanelProps {
  readonly panel: Panel;
  readonly selected: boolean;
  readonly overlapping: boolean;
}

const steps: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * A panel in the editor: live as usual, with controls to select, move, resize and remove it.
 * Its bar drags it and its corner resizes it; focused, arrow keys move it, Shift+arrows resize
 * it and Delete removes it.
 */
export function EditablePanel({ panel, selected, overlapping }: EditablePanelProps) {
  const selectPanel = useStore((s) => s.selectPanel);
  const movePanel = useStore((s) => s.movePanel);
  const resizePanel = useStore((s) => s.resizePanel);
  const removePanel = useStore((s) => s.removePanel);
  const updatePanel = useStore((s) => s.updatePanel);
  const id = panel.id;
  const drag = useGridDrag(panel, (change) => updatePanel(id, change));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const step = steps[event.key];
    if (step) {
      event.preventDefault();
      if (event.shiftKey) resizePanel(id, step[0], step[1]);
      else movePanel(id, step[0], step[1]);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      removePanel(id);
    } else if (event.key === 'Enter') {
      selectPanel(id);
    }
  };

  const tool = (label: string, testId: string, symbol: string, action: () => void) => (
    <button type="button" className="icon-button" aria-label={label} title={label} data-testid={`${testId}-${id}`} onClick={action}>
      {symbol}
    </button>
  );

  return (
    <div
      className={`editable${selected ? ' selected' : ''}${overlapping ? ' overlapping' : ''}`}
      tabIndex={0}
      aria-label={`${panel.title || 'Untitled'} panel, ${panel.w} by ${panel.h} at column ${panel.x + 1}, row ${panel.y + 1}`}
      aria-describedby="editor-keys"
      onKeyDown={onKeyDown}
      data-testid={`editable-${id}`}
    >
      <div className="edit-toolbar" role="toolbar" aria-label={`Arrange ${panel.title || 'panel'}`} onPointerDown={drag('move')}>
        <button type="button" className="button button-small" aria-pressed={selected} onClick={() => selectPanel(selected ? undefined : id)} data-testid={`select-panel-${id}`}>
          Settings
        </button>
        <span className="edit-size" aria-hidden="true">
          {panel.w}×{panel.h}
          {overlapping && ' · overlaps'}
        </span>
        <span className="spacer" />
        <span className="edit-tools">
          {tool('Move left', 'move-left', '←', () => movePanel(id, -1, 0))}
          {tool('Move up', 'move-up', '↑', () => movePanel(id, 0, -1))}
          {tool('Move down', 'move-down', '↓', () => movePanel(id, 0, 1))}
          {tool('Move right', 'move-right', '→', () => movePanel(id, 1, 0))}
          {tool('Narrower', 'narrower', '⇤', () => resizePanel(id, -1, 0))}
          {tool('Wider', 'wider', '⇥', () => resizePanel(id, 1, 0))}
          {tool('Shorter', 'shorter', '⤒', () => resizePanel(id, 0, -1))}
          {tool('Taller', 'taller', '⤓', () => resizePanel(id, 0, 1))}
          {tool('Remove panel', 'remove-panel', '✕', () => removePanel(id))}
        </span>
      </div>
      <PanelView panel={panel} />
      <div className="resize-grip" onPointerDown={drag('resize')} aria-hidden="true" title="Drag to resize" />
    </div>
  );
}
