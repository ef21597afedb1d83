import { readFile, readdir } from 'node:fs/promises';
import { platform } from 'node:os';
import type { MetricReading, MetricSource } from '../metric-source.js';
import { FilesystemUsage } from './filesystem-usage.js';
import { CounterRates, type CounterSeries, fieldsOf, linesOf } from './source-helpers.js';

// /proc/diskstats counts in 512-byte sectors whatever the device's real sector size.
const sectorBytes = 512;

/** Bytes read and written so far per block device, from the text of /proc/diskstats. */
export function parseDiskstats(text: string): Map<string, { read: number; written: number }> {
  const devices = new Map<string, { read: number; written: number }>();
  for (const line of linesOf(text)) {
    // major minor name reads merged sectors_read ms writes merged sectors_written ...
    const fields = fieldsOf(line);
    const name = fields[2];
    const sectorsRead = Number(fields[5]);
    const sectorsWritten = Number(fields[9]);
    if (name === undefined || Number.isNaN(sectorsRead) || Number.isNaN(sectorsWritten)) continue;
    devices.set(name, { read: sectorsRead * sectorBytes, written: sectorsWritten * sectorBytes });
  }
  return devices;
}

/**
 * Whole block devices worth watching: those in /sys/block, less loop and RAM disks. Partitions
 * are left out so that a disk's traffic is not shown twice.
 */
async function wholeDevices(): Promise<Set<string>> {
  const names = await readdir('/sys/block');
  // sysfs writes a "/" in a device name (cciss/c0d0) as "!".
  return new Set(names.filter((name) => !name.startsWith('loop') && !name.startsWith('ram')).map((name) => name.replaceAll('!', '/')));
}

/** Disk I/O in bytes per second per device (Linux only), and usage of mounted filesystems. */
export class DiskSource implements MetricSource {
  readonly name = 'disk';
  private readonly rates = new CounterRates();
  private readonly filesystems = new FilesystemUsage();

  async sample(elapsedMs: number): Promise<readonly MetricReading[]> {
    const [io, usage] = await Promise.all([platform() === 'linux' ? this.readIo(elapsedMs) : [], this.filesystems.read()]);
    return [...io, ...usage];
  }

  private async readIo(elapsedMs: number): Promise<MetricReading[]> {
    const [text, devices] = await Promise.all([readFile('/proc/diskstats', 'utf8'), wholeDevices()]);
    const counters: CounterSeries[] = [];
    for (const [device, { read, written }] of parseDiskstats(text)) {
      if (!devices.has(device)) continue;
      const tags = { device };
      counters.push(
        { series: { id: `disk.${device}.read`, type: 'disk', name: `${device} read`, unit: 'B/s', tags }, total: read },
        { series: { id: `disk.${device}.write`, type: 'disk', name: `${device} write`, unit: 'B/s', tags }, total: written },
      );
    }
    return this.rates.readings(counters, elapsedMs);
  }
}
