import { readdir } from 'node:fs/promises';
import { platform } from 'node:os';
import type { MetricReading, MetricSource } from '../metric-source.js';
import { fieldsOf, mapWithConcurrency, readProcRecord } from './source-helpers.js';

// USER_HZ, what /proc/<pid>/stat counts CPU time in; `getconf CLK_TCK` is 100 on every Linux
// architecture Node runs on.
const clockTicksPerSecond = 100;
// Enough to keep the thread pool busy without queueing hundreds of opens behind other sources.
const readsInFlight = 32;

/** What /proc/<pid>/stat says about one process. */
export interface ProcessStat {
  readonly command: string;
  /** User plus system CPU time, in clock ticks. */
  readonly cpuTicks: number;
  /** Start time after boot, in clock ticks: with the pid it names a process even after pid reuse. */
  readonly startTime: string;
}

/** Parses the text of /proc/<pid>/stat; undefined if it is not in the expected shape. */
export function parseProcStat(text: string): ProcessStat | undefined {
  // The command sits in parentheses and may itself contain spaces and parentheses.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // After the command: state(3) ppid(4) ... utime(14) stime(15) ... starttime(22), numbered as in proc(5).
  const fields = fieldsOf(text.slice(close + 1));
  const cpuTicks = Number(fields[11]) + Number(fields[12]);
  const startTime = fields[19];
  if (Number.isNaN(cpuTicks) || startTime === undefined) return undefined;
  return { command: text.slice(open + 1, close), cpuTicks, startTime };
}

interface ProcessTicks {
  readonly pid: string;
  readonly command: string;
  readonly cpuTicks: number;
}

function isPid(name: string): boolean {
  return /^\d+$/.test(name);
}

/**
 * The number of processes and the ones that used the most CPU since the last call (five unless
 * told), in percent of one core (Linux only).
 */
export class ProcessSource implements MetricSource {
  readonly name = 'processes';
  /** CPU ticks by `pid:starttime` at the previous call. */
  private previous: Map<string, ProcessTicks> | undefined;

  constructor(private readonly topCount = 5) {}

  async sample(elapsedMs: number): Promise<readonly MetricReading[]> {
    if (platform() !== 'linux') return [];
    const pids = (await readdir('/proc')).filter(isPid);
    const current = await this.readProcesses(pids);
    const previous = this.previous;
    this.previous = current;

    const count: MetricReading = { id: 'process.count', type: 'process', name: 'Processes', unit: '', value: pids.length };
    if (!previous || elapsedMs <= 0) return [count];
    const usage: Array<{ process: ProcessTicks; ticks: number }> = [];
    for (const [key, process] of current) {
      // A process not seen last time started since, so all of its CPU time falls in this interval.
      const ticks = process.cpuTicks - (previous.get(key)?.cpuTicks ?? 0);
      if (ticks > 0) usage.push({ process, ticks });
    }
    usage.sort((a, b) => b.ticks - a.ticks);
    const top = usage.slice(0, this.topCount).map(({ process: { pid, command }, ticks }, index): MetricReading => ({
      id: `process.top.${index + 1}`,
      type: 'process',
      name: `Top process ${index + 1}`,
      unit: '%',
      value: (ticks / clockTicksPerSecond / (elapsedMs / 1000)) * 100,
      tags: { pid, command },
    }));
    return [count, ...top];
  }

  private async readProcesses(pids: readonly string[]): Promise<Map<string, ProcessTicks>> {
    const stats = await mapWithConcurrency(pids, readsInFlight, async (pid) => {
      // Processes exit all the time; one that is gone by now simply has no record.
      const text = await readProcRecord(`/proc/${pid}/stat`);
      return text === undefined ? undefined : parseProcStat(text);
    });
    const processes = new Map<string, ProcessTicks>();
    stats.forEach((stat, i) => {
      if (!stat) return;
      const pid = pids[i]!;
      processes.set(`${pid}:${stat.startTime}`, { pid, command: stat.command, cpuTicks: stat.cpuTicks });
    });
    return processes;
  }
}
