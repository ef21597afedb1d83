import type { StatsFs } from 'node:fs';
import { readFile, statfs } from 'node:fs/promises';
import { platform } from 'node:os';
import type { MetricReading } from '../metric-source.js';
import { fieldsOf, isVanished, linesOf } from './source-helpers.js';

/** One mounted filesystem, as /proc/mounts lists it. */
export interface Mount {
  readonly mountPoint: string;
  /** Unknown off Linux. */
  readonly fsType?: string;
}

// Kernel and memory-backed filesystems: their "usage" says nothing about disks. overlay stays,
// since it is the root filesystem of containers.
const pseudoFsTypes = new Set([
  'proc', 'sysfs', 'tmpfs', 'ramfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'squashfs', 'mqueue', 'debugfs', 'tracefs', 'securityfs',
  'pstore', 'bpf', 'autofs', 'hugetlbfs', 'fusectl', 'configfs', 'nsfs', 'binfmt_misc', 'rpc_pipefs', 'efivarfs',
]);

// /proc/mounts writes space, tab, newline and backslash in paths as octal escapes such as \040.
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * The real filesystems in the text of /proc/mounts, one per mount point: when several are
 * mounted on the same point the last one is the one visible there.
 */
export function parseMounts(text: string): Mount[] {
  const byMountPoint = new Map<string, Mount>();
  for (const line of linesOf(text)) {
    const [, mountField, fsType] = fieldsOf(line);
    if (mountField === undefined || fsType === undefined || pseudoFsTypes.has(fsType)) continue;
    const mountPoint = unescapeMountField(mountField);
    byMountPoint.delete(mountPoint);
    byMountPoint.set(mountPoint, { mountPoint, fsType });
  }
  return [...byMountPoint.values()];
}

// A hung network or FUSE mount can keep statfs from ever answering; waiting for it would stall
// every later tick, so it is given up on for this tick and skipped until its call returns.
const statfsTimeoutMs = 1000;

/** Usage of mounted filesystems: all real ones on Linux, the system root elsewhere. */
export class FilesystemUsage {
  private readonly unanswered = new Set<string>();

  /** `fs.<mount>.used_percent` and `fs.<mount>.free` for each filesystem that answered. */
  async read(): Promise<MetricReading[]> {
    const mounts = platform() === 'linux' ? parseMounts(await readFile('/proc/mounts', 'utf8')) : [{ mountPoint: systemRoot() }];
    const usages = await Promise.all(mounts.filter(({ mountPoint }) => !this.unanswered.has(mountPoint)).map((mount) => this.readOne(mount)));
    return usages.flat();
  }

  private async readOne({ mountPoint, fsType }: Mount): Promise<MetricReading[]> {
    const stats = await this.statfsWithin(mountPoint);
    if (!stats || stats.blocks <= 0) return [];
    // As df does: the reserved blocks count neither as used nor as available.
    const used = stats.blocks - stats.bfree;
    const usable = used + stats.bavail;
    const tags: Record<string, string> = fsType === undefined ? { mount: mountPoint } : { mount: mountPoint, fstype: fsType };
    return [
      { id: `fs.${mountPoint}.used_percent`, type: 'filesystem', name: `Disk used ${mountPoint}`, unit: '%', value: usable > 0 ? (used * 100) / usable : 0, tags },
      { id: `fs.${mountPoint}.free`, type: 'filesystem', name: `Disk free ${mountPoint}`, unit: 'B', value: stats.bavail * stats.bsize, tags },
    ];
  }

  private async statfsWithin(mountPoint: string): Promise<StatsFs | undefined> {
    this.unanswered.add(mountPoint);
    const call = statfs(mountPoint).catch((error: unknown) => {
      // Unmounted since /proc/mounts was read, or another user's mount we may not look into.
      const code = (error as NodeJS.ErrnoException).code;
      if (isVanished(error) || code === 'EACCES' || code === 'EPERM') return undefined;
      throw error;
    });
    void call.finally(() => this.unanswered.delete(mountPoint)).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), statfsTimeoutMs);
    });
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function systemRoot(): string {
  return platform() === 'win32' ? `${process.env['SystemDrive'] ?? 'C:'}\\` : '/';
}
