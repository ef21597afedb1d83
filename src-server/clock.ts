/** Milliseconds from a monotonic source (never jumps with the wall clock); tests may pass their own. */
export type MonotonicClock = () => number;

export const monotonicClock: MonotonicClock = () => performance.now();
