import type { DashboardHubClient, Metric } from '../../../contracts/generated/dashboard-hub.types.js';
import type { HubContext } from '../../../src-server/index.js';
import { isoTime } from '../clock.js';
import type { MetricReading } from '../metrics/metric-source.js';

/** The group of a dashboard's subscribers to one metric type; `*` stands for every type. */
export function metricsGroup(dashboardId: string, type: string): string {
  return `metrics:${dashboardId}:${type}`;
}

export const allTypes = '*';

/** The contract's Metric for a reading, tagged with the host it came from. */
export function toMetric(reading: MetricReading, hostName: string): Metric {
  return { type: reading.type, name: reading.id, value: reading.value, unit: reading.unit, tags: { ...reading.tags, host: hostName } };
}

/**
 * Sends each tick's values to the dashboards' subscribers. Subscribers join one group per metric
 * type (or the all-types group), so a message is serialized once per group whatever the number
 * of viewers, and groups work across nodes. Metrics are latest-value data: each send is
 * conflated per group, so a viewer that falls behind gets the newest values, not a backlog.
 */
export class MetricsFanout {
  constructor(
    private readonly context: HubContext<DashboardHubClient>,
    private readonly hostName: string,
    private readonly dashboards: () => Iterable<string>,
  ) {}

  async publish(timestamp: number, readings: readonly MetricReading[]): Promise<void> {
    const byType = new Map<string, Metric[]>();
    const all: Metric[] = [];
    for (const reading of readings) {
      const metric = toMetric(reading, this.hostName);
      all.push(metric);
      let list = byType.get(reading.type);
      if (!list) byType.set(reading.type, (list = []));
      list.push(metric);
    }
    const sends: Array<Promise<void>> = [];
    const at = isoTime(timestamp);
    for (const dashboardId of this.dashboards()) {
      for (const [type, metrics] of [[allTypes, all] as const, ...byType]) {
        const group = metricsGroup(dashboardId, type);
        sends.push(this.context.clients.group(group).conflate(group).ReceiveMetrics({ dashboardId, timestamp: at, metrics }));
      }
    }
    await Promise.all(sends);
  }

  /** The current values of some types (all when `types` is empty), for a new subscriber. */
  snapshot(readings: readonly MetricReading[], types: readonly string[]): Metric[] {
    const wanted = types.length === 0 ? undefined : new Set(types);
    return readings.filter((r) => !wanted || wanted.has(r.type)).map((r) => toMetric(r, this.hostName));
  }
}
