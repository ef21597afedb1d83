import { afterEach, describe, expect, it } from 'vitest';
import type { MetricReading } from '../metric-source.js';
import { EventLoopSource } from './event-loop.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const valueOf = (readings: readonly MetricReading[], id: string) => readings.find((r) => r.id === id)?.value;

describe('EventLoopSource', () => {
  let source: EventLoopSource | undefined;
  afterEach(() => source?.close());

  it('shows a 100 ms synchronous block as event loop lag', async () => {
    source = new EventLoopSource();
    await pause(50);
    await source.sample(0);
    await pause(200);
    const calm = await source.sample(200);

    const blockedAt = Date.now();
    while (Date.now() - blockedAt < 100) Math.sqrt(Math.random());
    await pause(30);
    const blocked = await source.sample(230);

    expect(valueOf(blocked, 'node.event_loop_lag_p99')).toBeGreaterThanOrEqual(50);
    expect(valueOf(blocked, 'node.event_loop_lag')).toBeGreaterThan(valueOf(calm, 'node.event_loop_lag') ?? 0);
    for (const reading of [...calm, ...blocked]) expect(reading.type).toBe('node');
  });

  it('reports heap and resident memory in bytes', async () => {
    source = new EventLoopSource();
    const readings = await source.sample(0);
    expect(valueOf(readings, 'node.heap_used')).toBeGreaterThan(0);
    expect(valueOf(readings, 'node.rss')).toBeGreaterThan(0);
  });
});
