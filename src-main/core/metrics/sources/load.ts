import { loadavg, platform } from 'node:os';
import type { MetricReading, MetricSource } from '../metric-source.js';

/** The 1, 5 and 15 minute load averages; nothing on Windows, which has none. */
export class LoadSource implements MetricSource {
  readonly name = 'load';

  async sample(_elapsedMs: number): Promise<readonly MetricReading[]> {
    if (platform() === 'win32') return [];
    const [one = 0, five = 0, fifteen = 0] = loadavg();
    return [
      { id: 'load.1m', type: 'load', name: 'Load 1 min', unit: '', value: one },
      { id: 'load.5m', type: 'load', name: 'Load 5 min', unit: '', value: five },
      { id: 'load.15m', type: 'load', name: 'Load 15 min', unit: '', value: fifteen },
    ];
  }
}
