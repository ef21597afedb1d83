const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const hourMinute = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** An axis tick: seconds matter within a minute, not beyond. */
export function formatTick(time: number, spanMs: number): string {
  return (spanMs <= 60_000 ? timeOfDay : hourMinute).format(time);
}

export function formatClock(time: number | string): string {
  return timeOfDay.format(typeof time === 'string' ? Date.parse(time) : time);
}

/** The full date and time, for tooltips. */
export function formatDateTime(time: number | string): string {
  return dateTime.format(typeof time === 'string' ? Date.parse(time) : time);
}

/** "just now", "5 min ago", "2 h ago", "3 d ago". */
export function formatAgo(time: number | string, now: number): string {
  const seconds = Math.max(0, Math.round((now - (typeof time === 'string' ? Date.parse(time) : time)) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

/** "in 4 min", "in 50 s", for what expires or ends. */
export function formatIn(time: number | string, now: number): string {
  const seconds = Math.max(0, Math.round(((typeof time === 'string' ? Date.parse(time) : time) - now) / 1000));
  if (seconds < 60) return `in ${seconds} s`;
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`;
  return `in ${Math.round(seconds / 360) / 10} h`;
}
