import { describe, expect, it } from 'vitest';
import type { Panel } from '../../contracts/generated/dashboard-hub.types.js';
import { clampPanel, newPanel, overlappingPanels, readingOrder } from './panel-layout.js';

const panel = (id: string, x: number, y: number, w: number, h: number): Panel => ({ id, kind: 'line', title: id, series: [], window: '15m', x, y, w, h });

describe('panel layout', () => {
  it('keeps panels on the 12-column grid', () => {
    expect(clampPanel(panel('a', 10, -1, 6, 0))).toMatchObject({ x: 6, y: 0, w: 6, h: 1 });
    expect(clampPanel(panel('a', 0, 0, 20, 4))).toMatchObject({ x: 0, w: 12 });
  });

  it('adds a panel below the others with an unused id', () => {
    const added = newPanel('line', [panel('line-1', 0, 0, 6, 4), panel('b', 6, 2, 6, 5)]);
    expect(added).toMatchObject({ id: 'line-2', kind: 'line', x: 0, y: 7, series: [] });
  });

  it('finds overlapping panels and orders panels by row then column', () => {
    const panels = [panel('a', 0, 0, 6, 4), panel('b', 4, 2, 4, 2), panel('c', 6, 1, 6, 2)];
    expect([...overlappingPanels(panels)].sort()).toEqual(['a', 'b', 'c']);
    expect(readingOrder(panels).map((p) => p.id)).toEqual(['a', 'c', 'b']);
  });
});
