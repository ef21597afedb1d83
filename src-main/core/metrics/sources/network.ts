import { readFile } from 'node:fs/promises';
import { platform } from 'node:os';
import type { MetricReading, MetricSource } from '../metric-source.js';
import { CounterRates, type CounterSeries, fieldsOf, linesOf } from './source-helpers.js';

/** Received and transmitted byte totals per interface, from the text of /proc/net/dev. */
export function parseNetDev(text: string): Map<string, { rx: number; tx: number }> {
  const interfaces = new Map<string, { rx: number; tx: number }>();
  // The first two lines are headers; each other line is "iface: rx_bytes ... (8 rx fields) tx_bytes ...".
  for (const line of linesOf(text).slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const counters = fieldsOf(line.slice(colon + 1)).map(Number);
    const rx = counters[0];
    const tx = counters[8];
    if (rx === undefined || tx === undefined || Number.isNaN(rx) || Number.isNaN(tx)) continue;
    interfaces.set(line.slice(0, colon).trim(), { rx, tx });
  }
  return interfaces;
}

/** Bytes per second received and sent on each network interface, loopback included (Linux only). */
export class NetworkSource implements MetricSource {
  readonly name = 'network';
  private readonly rates = new CounterRates();

  async sample(elapsedMs: number): Promise<readonly MetricReading[]> {
    if (platform() !== 'linux') return [];
    const counters: CounterSeries[] = [];
    for (const [iface, { rx, tx }] of parseNetDev(await readFile('/proc/net/dev', 'utf8'))) {
      const tags = { interface: iface };
      counters.push(
        { series: { id: `net.${iface}.rx`, type: 'network', name: `${iface} received`, unit: 'B/s', tags }, total: rx },
        { series: { id: `net.${iface}.tx`, type: 'network', name: `${iface} sent`, unit: 'B/s', tags }, total: tx },
      );
    }
    return this.rates.readings(counters, elapsedMs);
  }
}
