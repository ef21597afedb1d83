/** Wall-clock milliseconds since the epoch; tests pass a clock they move by hand. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told, for deterministic tests of time-based rules. */
export class ManualClock implements Clock {
  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

/** An instant as the ISO 8601 text contracts carry. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
