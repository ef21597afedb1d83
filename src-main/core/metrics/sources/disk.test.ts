import { describe, expect, it } from 'vitest';
import { DiskSource, parseDiskstats } from './disk.js';
import { parseMounts } from './filesystem-usage.js';

describe('DiskSource', () => {
  it('reports root filesystem usage at once and device I/O rates from the second call', async () => {
    const source = new DiskSource();
    const first = await source.sample(0);
    expect(first.some((r) => r.id.startsWith('disk.'))).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 200));
    const readings = await source.sample(200);

    const rootUsed = readings.find((r) => r.id === 'fs./.used_percent');
    expect(rootUsed).toMatchObject({ type: 'filesystem', unit: '%', tags: { mount: '/' } });
    expect(rootUsed!.tags?.['fstype']).toBeTruthy();
    expect(rootUsed!.value).toBeGreaterThan(0);
    expect(rootUsed!.value).toBeLessThanOrEqual(100);
    expect(readings.find((r) => r.id === 'fs./.free')!.value).toBeGreaterThan(0);

    const io = readings.filter((r) => r.id.startsWith('disk.'));
    expect(io.length).toBeGreaterThan(0);
    for (const reading of io) {
      expect(reading).toMatchObject({ type: 'disk', unit: 'B/s' });
      expect(reading.id).toMatch(/^disk\.(?!loop|ram).+\.(read|write)$/);
      expect(reading.value).toBeGreaterThanOrEqual(0);
    }
    // Pseudo filesystems such as /proc and /sys never show up.
    expect(readings.some((r) => r.tags?.['mount'] === '/proc' || r.tags?.['mount'] === '/sys')).toBe(false);
  });
});

describe('parseDiskstats', () => {
  it('turns sectors read and written into bytes', () => {
    const text = ' 254       0 vda 55893 10757 4350170 35940 27262 43944 3266392 11421 0 9620 48261 9794 49 406888 757 3512 141\n';
    expect(parseDiskstats(text)).toEqual(new Map([['vda', { read: 4350170 * 512, written: 3266392 * 512 }]]));
  });
});

describe('parseMounts', () => {
  it('keeps real filesystems once per mount point, the last mount winning, with escapes decoded', () => {
    const text = [
      'proc /proc proc rw,relatime 0 0',
      'tmpfs /dev/shm tmpfs rw 0 0',
      '/dev/vda / ext4 rw,relatime 0 0',
      'overlay /var/lib/docker/x/merged overlay rw 0 0',
      '/dev/sdb1 /media/My\\040Disk vfat rw 0 0',
      '/dev/sdc1 /data ext4 rw 0 0',
      '/dev/sdd1 /data xfs rw 0 0',
      '/dev/loop0 /snap/core/1 squashfs ro 0 0',
    ].join('\n');
    expect(parseMounts(text)).toEqual([
      { mountPoint: '/', fsType: 'ext4' },
      { mountPoint: '/var/lib/docker/x/merged', fsType: 'overlay' },
      { mountPoint: '/media/My Disk', fsType: 'vfat' },
      { mountPoint: '/data', fsType: 'xfs' },
    ]);
  });
});
