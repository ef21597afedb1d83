import type { SystemStatus } from '../../../contracts/generated/dashboard-hub.types.js';
import { type Clock, isoTime } from '../clock.js';

type Component = SystemStatus['component'];
type Status = SystemStatus['status'];

/** The status of each host component; a change is published, a repeat is not. */
export class SystemStatusBoard {
  private readonly statuses = new Map<Component, SystemStatus>();

  constructor(
    private readonly clock: Clock,
    private readonly publish: (status: SystemStatus) => void,
  ) {}

  set(component: Component, status: Status, message: string): void {
    const previous = this.statuses.get(component);
    const next: SystemStatus = { component, status, message, lastChecked: isoTime(this.clock.now()) };
    this.statuses.set(component, next);
    if (previous?.status !== status || previous.message !== message) this.publish(next);
  }

  list(): SystemStatus[] {
    return [...this.statuses.values()];
  }
}
