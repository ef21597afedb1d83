import type { HubStatsSnapshot } from '../../../../src-server/index.js';
import type { MetricSource } from '../metric-source.js';
import { CpuSource } from './cpu.js';
import { DiskSource } from './disk.js';
import { EventLoopSource } from './event-loop.js';
import { HubSource } from './hub.js';
import { LoadSource } from './load.js';
import { MemorySource } from './memory.js';
import { NetworkSource } from './network.js';
import { ProcessSource } from './processes.js';

/** Every source that measures the machine, the host process and its hub (all but the synthetic one). */
export function createDefaultSources(hubStats: () => HubStatsSnapshot): MetricSource[] {
  return [
    new CpuSource(),
    new MemorySource(),
    new LoadSource(),
    new NetworkSource(),
    new DiskSource(),
    new ProcessSource(),
    new EventLoopSource(),
    new HubSource(hubStats),
  ];
}
