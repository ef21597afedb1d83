import type { Panel } from '../../contracts/generated/dashboard-hub.types.js';

export type WindowId = Panel['window'];

export interface TimeWindow {
  readonly label: string;
  readonly spanMs: number;
  /** What one point of a line stands for. */
  readonly bucketMs: number;
  /** Time between axis ticks. */
  readonly tickMs: number;
}

/**
 * The spans a panel can show and the bucket each is drawn at: a few hundred points per line,
 * whatever the span, so a chart costs about the same to draw at 1 min as at 24 h. A chart
 * redraws when a new bucket opens, so even the 1-min window redraws at most four times a
 * second, however fast the host samples.
 */
export const timeWindows: Readonly<Record<WindowId, TimeWindow>> = {
  '1m': { label: '1 min', spanMs: 60_000, bucketMs: 250, tickMs: 15_000 },
  '15m': { label: '15 min', spanMs: 15 * 60_000, bucketMs: 2_000, tickMs: 3 * 60_000 },
  '1h': { label: '1 h', spanMs: 3_600_000, bucketMs: 10_000, tickMs: 15 * 60_000 },
  '24h': { label: '24 h', spanMs: 86_400_000, bucketMs: 120_000, tickMs: 4 * 3_600_000 },
};

export const windowIds = Object.keys(timeWindows) as WindowId[];
