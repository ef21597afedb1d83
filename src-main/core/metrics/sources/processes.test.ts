import { type ChildProcess, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessSource, parseProcStat } from './processes.js';

describe('ProcessSource', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    child = undefined;
  });

  it('reports only the count first, then the processes that used CPU, busiest first', async () => {
    // Every process that used CPU, so a busy child is listed however loaded the machine is.
    const source = new ProcessSource(100_000);
    const first = await source.sample(0);
    expect(first.map((r) => r.id)).toEqual(['process.count']);
    expect(first[0]!.value).toBeGreaterThan(1);

    const started = Date.now();
    child = spawn(process.execPath, ['-e', 'const t=Date.now(); while(Date.now()-t<1500){}'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const readings = await source.sample(Date.now() - started);

    expect(readings.find((r) => r.id === 'process.count')!.value).toBeGreaterThan(1);
    const top = readings.filter((r) => r.id.startsWith('process.top.'));
    expect(top.length).toBeGreaterThan(0);
    top.forEach((reading, i) => {
      expect(reading).toMatchObject({ id: `process.top.${i + 1}`, type: 'process', unit: '%' });
      expect(reading.tags?.['pid']).toMatch(/^\d+$/);
      expect(reading.tags?.['command']).toBeTruthy();
      expect(reading.value).toBeGreaterThan(0);
      // Clock-tick rounding can overshoot a little; the bound only rules out nonsense.
      expect(reading.value).toBeLessThanOrEqual(100 * cpus().length * 1.5);
      if (i > 0) expect(reading.value).toBeLessThanOrEqual(top[i - 1]!.value);
    });
    expect(top.map((r) => r.tags?.['pid'])).toContain(String(child.pid));
  });

  it('lists five processes at most unless told otherwise', async () => {
    const source = new ProcessSource();
    await source.sample(0);
    child = spawn(process.execPath, ['-e', 'const t=Date.now(); while(Date.now()-t<300){}'], { stdio: 'ignore' });
    await new Promise((resolve) => child!.once('exit', resolve));
    const top = (await source.sample(300)).filter((r) => r.id.startsWith('process.top.'));
    expect(top.length).toBeGreaterThan(0);
    expect(top.length).toBeLessThanOrEqual(5);
  });
});

describe('parseProcStat', () => {
  it('finds user plus system time and the start time after a command containing spaces and parentheses', () => {
    const text = '4242 (my (odd) cmd) R 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 987654 1000 100 18446744073709551615\n';
    expect(parseProcStat(text)).toEqual({ command: 'my (odd) cmd', cpuTicks: 300, startTime: '987654' });
  });

  it('refuses text that is not a stat line', () => {
    expect(parseProcStat('garbage')).toBeUndefined();
  });
});
