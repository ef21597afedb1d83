import type { PointerEvent as ReactPointerEvent } from 'react';
import type { Panel } from '../../contracts/generated/dashboard-hub.types.js';
import { gridColumns } from '../store/panel-layout.js';

type Change = Partial<Pick<Panel, 'x' | 'y' | 'w' | 'h'>>;

/**
 * Dragging on the dashboard grid: returns pointer-down handlers that move a panel, or resize it,
 * by whole grid cells as the pointer travels. The buttons and keys do the same without a pointer.
 */
export function useGridDrag(panel: Panel, apply: (change: Change) => void): (mode: 'move' | 'resize') => (event: ReactPointerEvent<HTMLElement>) => void {
  return (mode) => (event) => {
    if (event.button !== 0 || (event.target as HTMLElement).closest('button')) return;
    const handle = event.currentTarget;
    const grid = handle.closest<HTMLElement>('.grid');
    if (!grid) return;
    event.preventDefault();
    const style = getComputedStyle(grid);
    const columnGap = parseFloat(style.columnGap) || 0;
    const columnStep = (grid.clientWidth + columnGap) / gridColumns;
    const rowStep = parseFloat(style.gridAutoRows) + (parseFloat(style.rowGap) || 0);
    const start = { x: event.clientX, y: event.clientY };
    let last = '0,0';
    const onMove = (move: PointerEvent) => {
      const dx = Math.round((move.clientX - start.x) / columnStep);
      const dy = Math.round((move.clientY - start.y) / rowStep);
      if (`${dx},${dy}` === last) return;
      last = `${dx},${dy}`;
      apply(mode === 'move' ? { x: panel.x + dx, y: panel.y + dy } : { w: Math.min(panel.w + dx, gridColumns - panel.x), h: panel.h + dy });
    };
    const onEnd = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onEnd);
      handle.removeEventListener('pointercancel', onEnd);
    };
    handle.setPointerCapture(event.pointerId);
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onEnd);
    handle.addEventListener('pointercancel', onEnd);
  };
}
