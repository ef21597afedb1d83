import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NetworkSource, parseNetDev } from './network.js';

const megabyte = 1_000_000;

async function loopbackDownload(): Promise<void> {
  const server = createServer((_req, res) => res.end(Buffer.alloc(megabyte, 1)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const body = await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer();
    expect(body.byteLength).toBe(megabyte);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('NetworkSource', () => {
  it('reports nothing first, then loopback rates that cover a 1 MB local download', async () => {
    const source = new NetworkSource();
    expect(await source.sample(0)).toEqual([]);
    const started = Date.now();
    await loopbackDownload();
    const elapsedMs = Math.max(1, Date.now() - started);

    const readings = await source.sample(elapsedMs);
    const rx = readings.find((r) => r.id === 'net.lo.rx');
    const tx = readings.find((r) => r.id === 'net.lo.tx');
    expect(rx).toMatchObject({ type: 'network', unit: 'B/s', tags: { interface: 'lo' } });
    expect(tx).toMatchObject({ type: 'network', unit: 'B/s', tags: { interface: 'lo' } });
    // Loopback counts every byte on both sides, so at least the megabyte went through.
    expect((rx!.value * elapsedMs) / 1000).toBeGreaterThanOrEqual(megabyte);
    expect((tx!.value * elapsedMs) / 1000).toBeGreaterThanOrEqual(megabyte);
    for (const reading of readings) expect(reading.value).toBeGreaterThanOrEqual(0);
  });
});

describe('parseNetDev', () => {
  it('reads the byte counters of each interface, including names glued to their counters', () => {
    const text = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo:  1000      10    0    0    0     0          0         0  2000      10    0    0    0     0       0          0',
      'eth0.100:3000 1 0 0 0 0 0 0 4000 1 0 0 0 0 0 0',
    ].join('\n');
    expect(parseNetDev(text)).toEqual(new Map([['lo', { rx: 1000, tx: 2000 }], ['eth0.100', { rx: 3000, tx: 4000 }]]));
  });
});
