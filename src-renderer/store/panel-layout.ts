import type { Panel } from '../../contracts/generated/dashboard-hub.types.js';

/** The dashboard grid's width in columns; panels' x and w count in these. */
export const gridColumns = 12;

const maxRow = 1000;
const maxHeight = 100;

const defaults: Record<Panel['kind'], Pick<Panel, 'title' | 'w' | 'h' | 'window'>> = {
  line: { title: 'Line chart', w: 6, h: 4, window: '15m' },
  area: { title: 'Area chart', w: 6, h: 4, window: '15m' },
  stat: { title: 'Stat', w: 3, h: 2, window: '1m' },
  alerts: { title: 'Alerts', w: 6, h: 4, window: '24h' },
};

/** Keeps a panel on the grid: inside the columns, at least one cell, within the contract's limits. */
export function clampPanel(panel: Panel): Panel {
  const w = clamp(panel.w, 1, gridColumns);
  return { ...panel, w, h: clamp(panel.h, 1, maxHeight), x: clamp(panel.x, 0, gridColumns - w), y: clamp(panel.y, 0, maxRow) };
}

/** A new panel of a kind, below the others, with an id unused on the dashboard and no series yet. */
export function newPanel(kind: Panel['kind'], panels: readonly Panel[]): Panel {
  const ids = new Set(panels.map((p) => p.id));
  let n = 1;
  while (ids.has(`${kind}-${n}`)) n++;
  const y = panels.reduce((bottom, p) => Math.max(bottom, p.y + p.h), 0);
  return clampPanel({ id: `${kind}-${n}`, kind, series: [], x: 0, y, ...defaults[kind] });
}

/** Panels in reading order (row, then column), for narrow screens and for keyboard order. */
export function readingOrder(panels: readonly Panel[]): Panel[] {
  return [...panels].sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Ids of panels that cover a grid cell another panel covers too. */
export function overlappingPanels(panels: readonly Panel[]): Set<string> {
  const overlapping = new Set<string>();
  for (let i = 0; i < panels.length; i++) {
    for (let j = i + 1; j < panels.length; j++) {
      const a = panels[i]!;
      const b = panels[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlapping.add(a.id).add(b.id);
    }
  }
  return overlapping;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
