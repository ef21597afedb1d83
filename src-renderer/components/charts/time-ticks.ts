import type { TimeWindow } from '../../store/time-windows.js';

/** Axis ticks on round local times (every 15 s, 3 min, 15 min or 4 h) between two instants. */
export function timeTicks(from: number, to: number, window: TimeWindow): number[] {
  const offset = -new Date(to).getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((from + offset) / window.tickMs) * window.tickMs - offset; t <= to; t += window.tickMs) ticks.push(t);
  return ticks;
}
