import type { MonotonicClock } from '../clock.js';

/** Something checked on every heartbeat: keep-alives, timeouts, sweeps. */
export interface HeartbeatListener {
  onHeartbeat(now: number): void;
}

/**
 * One timer for all connections of a hub instead of timers per connection: idle connections then
 * cost no timer memory, as ASP.NET Core's single heartbeat does.
 */
export class Heartbeat {
  private readonly listeners = new Set<HeartbeatListener>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly clock: MonotonicClock,
  ) {}

  add(listener: HeartbeatListener): void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => this.beat(), this.intervalMs);
      this.timer.unref();
    }
  }

  delete(listener: HeartbeatListener): void {
    this.listeners.delete(listener);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private beat(): void {
    const now = this.clock();
    for (const listener of this.listeners) listener.onHeartbeat(now);
  }
}
