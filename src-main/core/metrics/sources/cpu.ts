import { cpus } from 'node:os';
import type { MetricReading, MetricSource } from '../metric-source.js';

interface CpuTimes {
  busy: number;
  total: number;
}

function readCoreTimes(): CpuTimes[] {
  return cpus().map(({ times }) => {
    const total = times.user + times.nice + times.sys + times.idle + times.irq;
    return { busy: total - times.idle, total };
  });
}

/** Busy percentage across a span, or undefined when no time was counted (calls too close together). */
function busyPercent(before: CpuTimes, after: CpuTimes): number | undefined {
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  return Math.min(100, Math.max(0, ((after.busy - before.busy) * 100) / total));
}

/** CPU use, overall and per core, from the OS's cumulative CPU times (Linux, macOS, Windows). */
export class CpuSource implements MetricSource {
  readonly name = 'cpu';
  private previous: CpuTimes[] | undefined;

  async sample(_elapsedMs: number): Promise<readonly MetricReading[]> {
    const current = readCoreTimes();
    const previous = this.previous;
    this.previous = current;
    if (!previous) return [];

    const cores: MetricReading[] = [];
    const allBefore: CpuTimes = { busy: 0, total: 0 };
    const allAfter: CpuTimes = { busy: 0, total: 0 };
    current.forEach((after, core) => {
      // A core that came online since the last call has no baseline yet.
      const before = previous[core];
      if (!before) return;
      allBefore.busy += before.busy;
      allBefore.total += before.total;
      allAfter.busy += after.busy;
      allAfter.total += after.total;
      const value = busyPercent(before, after);
      if (value !== undefined) cores.push({ id: `cpu.core.${core}`, type: 'cpu', name: `CPU core ${core}`, unit: '%', value, tags: { core: String(core) } });
    });
    const total = busyPercent(allBefore, allAfter);
    return total === undefined ? cores : [{ id: 'cpu.total', type: 'cpu', name: 'CPU total', unit: '%', value: total }, ...cores];
  }
}
