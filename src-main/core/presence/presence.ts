import type { Viewer } from '../../../contracts/generated/dashboard-hub.types.js';

/** Who views which dashboard, by connection. */
export class Presence {
  private readonly dashboards = new Map<string, Map<string, Viewer>>();

  /** Adds (or replaces) a viewer and returns everyone viewing the dashboard. */
  join(dashboardId: string, viewer: Viewer): Viewer[] {
    let viewers = this.dashboards.get(dashboardId);
    if (!viewers) this.dashboards.set(dashboardId, (viewers = new Map()));
    viewers.set(viewer.connectionId, viewer);
    return [...viewers.values()];
  }

  /** Removes a connection from a dashboard; returns the remaining viewers, or undefined if it was not there. */
  leave(dashboardId: string, connectionId: string): Viewer[] | undefined {
    const viewers = this.dashboards.get(dashboardId);
    if (!viewers?.delete(connectionId)) return undefined;
    if (viewers.size === 0) this.dashboards.delete(dashboardId);
    return [...viewers.values()];
  }

  /** Removes a departed connection everywhere; returns the dashboards it left with their viewers. */
  leaveAll(connectionId: string): Array<[dashboardId: string, viewers: Viewer[]]> {
    const left: Array<[string, Viewer[]]> = [];
    for (const dashboardId of [...this.dashboards.keys()]) {
      const viewers = this.leave(dashboardId, connectionId);
      if (viewers) left.push([dashboardId, viewers]);
    }
    return left;
  }

  viewers(dashboardId: string): Viewer[] {
    return [...(this.dashboards.get(dashboardId)?.values() ?? [])];
  }
}
