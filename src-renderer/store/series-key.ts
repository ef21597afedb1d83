/**
 * Live data is kept per series and per host: hosts sharing one Redis each send their own
 * "cpu.total", told apart by the metric's `host` tag.
 */
export type SeriesKey = string;

const separator = '\u0000';

export function seriesKey(host: string, seriesId: string): SeriesKey {
  return `${host}${separator}${seriesId}`;
}
