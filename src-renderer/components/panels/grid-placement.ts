import type { CSSProperties } from 'react';
import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';

/**
 * Where a panel sits on the 12-column grid, as CSS variables rather than grid properties so the
 * stylesheet can stack panels on narrow screens. Grid lines count from 1.
 */
export function gridPlacement(panel: Panel): CSSProperties {
  return { '--x': panel.x + 1, '--y': panel.y + 1, '--w': panel.w, '--h': panel.h } as CSSProperties;
}
