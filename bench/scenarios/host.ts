/**
 * The host: what one sampler tick of the default metric sources costs, and, when the UI is built,
 * the dashboard's frame rate in Chromium while the headless host streams 10 updates a second.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from '@playwright/test';
import { chromiumLaunch } from '../../e2e/playwright.config.js';
import { Sampler } from '../../src-main/core/metrics/sampler.js';
import { createDefaultSources } from '../../src-main/core/metrics/sources/default-sources.js';
import { type HostProcess, startHostProcess } from '../../test/support/headless-process.js';
import { killOnExit, startLoadWorker, withProcesses } from '../lib/child-processes.js';
import type { Scenario } from '../lib/report.js';
import type { Table } from '../lib/table.js';
import { summarize } from '../lib/stats.js';
import { fixed } from '../lib/table.js';
import { HubStats } from '../../src-server/hub-stats.js';

const sampleHz = 10;
const syntheticSeries = 50;
const uiIndex = fileURLToPath(new URL('../../out/renderer/index.html', import.meta.url));
// A gap between two frames longer than this is a long frame (the long-task threshold).
const longFrameMs = 50;

export interface SamplerFigures {
  readonly ticks: number;
  readonly meanMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly cpuMsPerTick: number;
  readonly series: number;
  readonly failingSources: readonly string[];
}

export interface FrameFigures {
  readonly seconds: number;
  readonly fps: number;
  readonly longFrames: number;
  readonly longestGapMs: number;
  readonly pageErrors: readonly string[];
  readonly failedUpdates: number;
}

export const host: Scenario = {
  name: 'host',
  title: `The host: sampler cost per tick and dashboard frame rate at ${sampleHz} Hz`,
  async run(settings, progress) {
    progress(`host: ${settings.samplerTicks} sampler ticks at ${sampleHz} Hz`);
    const sampler = await withProcesses([startLoadWorker<typeof load>(import.meta.url)] as const, (worker) =>
      worker.call('sampler', { ticks: settings.samplerTicks }),
    );
    const tables: Table[] = [
      {
        title: `Sampler, default sources (src-main/core/metrics), ${sampleHz} Hz, in a process of its own`,
        columns: ['ticks', 'series', 'mean ms', 'p99 ms', 'max ms', 'CPU ms/tick', 'failing sources'],
        rows: [[
          String(sampler.ticks), String(sampler.series), fixed(sampler.meanMs, 2), fixed(sampler.p99Ms, 2), fixed(sampler.maxMs, 2),
          fixed(sampler.cpuMsPerTick, 2), sampler.failingSources.join(', ') || 'none',
        ]],
      },
    ];
    const notes: string[] = ['Sampler tick time is wall time from the start of a tick to its hand-off (file reads included); CPU is the process\'s CPU time per tick.'];
    let frames: FrameFigures | undefined;
    if (existsSync(uiIndex)) {
      progress(`host: dashboard frame rate for ${settings.frameCountMs} ms`);
      frames = await measureFrames(settings.frameCountMs);
      tables.push({
        title: `Dashboard in headless Chromium, headless host at ${sampleHz} Hz with ${syntheticSeries} synthetic series`,
        columns: ['seconds', 'fps', `long frames (> ${longFrameMs} ms)`, 'longest gap ms', 'page errors', 'failed updates'],
        rows: [[fixed(frames.seconds, 1), fixed(frames.fps, 1), String(frames.longFrames), fixed(frames.longestGapMs, 1), String(frames.pageErrors.length), String(frames.failedUpdates)]],
      });
      if (frames.pageErrors.length > 0) notes.push(`Page errors: ${frames.pageErrors.slice(0, 3).join(' | ')}`);
    } else {
      notes.push('Renderer frame rate: SKIPPED, the UI is not built (out/renderer/index.html is missing; npm run build makes it).');
    }
    return { tables, figures: { sampler, frames }, targets: [], notes };
  },
};

/** Counts requestAnimationFrame callbacks in the dashboard while the host streams metrics. */
async function measureFrames(durationMs: number): Promise<FrameFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hubdeck-bench-'));
  let hostProcess: HostProcess | undefined;
  let browser: Browser | undefined;
  let forget = () => {};
  let failedUpdates = 0;
  let feeder: NodeJS.Timeout | undefined;
  try {
    // --no-mdns: nothing of the benchmark leaves this machine.
    hostProcess = await startHostProcess(['--port', '0', '--synthetic', '--hz', String(sampleHz), '--data-dir', dataDir, '--no-mdns']);
    const child = hostProcess.child;
    forget = killOnExit(() => child.kill('SIGKILL'));
    const token = await ownerToken(hostProcess);
    const syntheticUrl = `${hostProcess.url}/api/synthetic`;
    let step = 0;
    feeder = setInterval(() => {
      step++;
      const values = Object.fromEntries(Array.from({ length: syntheticSeries }, (_, i) => [`bench.series${i}`, 50 + 40 * Math.sin((step + i) / 10)]));
      const failed = () => {
        failedUpdates++;
      };
      fetch(syntheticUrl, { method: 'POST', body: JSON.stringify(values) }).then((response) => {
        if (!response.ok) failed();
      }, failed);
    }, 1000 / sampleHz);
    browser = await chromium.launch(chromiumLaunch);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${hostProcess.url}/#token=${token}`);
    // Let the page connect, subscribe and render its first updates before counting.
    await sleep(Math.min(2000, durationMs));
    const counted = (await page.evaluate(countFrames(durationMs))) as CountedFrames;
    return { ...counted, seconds: counted.elapsedMs / 1000, fps: counted.frames / (counted.elapsedMs / 1000), pageErrors, failedUpdates };
  } finally {
    clearInterval(feeder);
    await browser?.close();
    if (hostProcess) {
      hostProcess.child.kill('SIGTERM');
      await hostProcess.exited;
    }
    forget();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface CountedFrames {
  readonly frames: number;
  readonly longFrames: number;
  readonly longestGapMs: number;
  readonly elapsedMs: number;
}

/**
 * Runs in the page: frames, and long gaps between them, over `durationMs`. A string rather than a
 * function, because tsx wraps functions in a __name helper that the page does not have.
 */
function countFrames(durationMs: number): string {
  return `new Promise((resolve) => {
    let frames = 0, longFrames = 0, longestGapMs = 0, start, last;
    const onFrame = (time) => {
      if (start === undefined) {
        start = last = time;
      } else {
        frames++;
        const gap = time - last;
        if (gap > ${longFrameMs}) longFrames++;
        longestGapMs = Math.max(longestGapMs, gap);
        last = time;
      }
      if (time - start < ${durationMs}) requestAnimationFrame(onFrame);
      else resolve({ frames, longFrames, longestGapMs, elapsedMs: time - start });
    };
    requestAnimationFrame(onFrame);
  })`;
}

/** The owner token the host prints in its owner link, which signs the page in. */
async function ownerToken(hostProcess: HostProcess): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const match = /#token=(\S+)/.exec(hostProcess.output());
    if (match) return match[1]!;
    await sleep(50);
  }
  throw new Error(`The host printed no owner link:\n${hostProcess.output()}`);
}

/** Runs in the load worker. */
export const load = {
  sampler({ ticks }: { ticks: number }): Promise<SamplerFigures> {
    // Rate sources report nothing on their first read, and first reads open files: not measured.
    const warmupTicks = 5;
    const idleHub = new HubStats().snapshot();
    const costs: number[] = [];
    const failing = new Set<string>();
    let series = 0;
    let seen = 0;
    let cpuAtStart = process.cpuUsage();
    return new Promise((resolve) => {
      const sampler = new Sampler(createDefaultSources(() => idleHub), sampleHz, Date.now, (tick) => {
        seen++;
        if (seen === warmupTicks) cpuAtStart = process.cpuUsage();
        if (seen <= warmupTicks) return;
        costs.push(sampler.stats.lastTickMs);
        series = tick.readings.length;
        for (const failure of tick.failures) failing.add(failure.source);
        if (costs.length < ticks) return;
        const cpu = process.cpuUsage(cpuAtStart);
        void sampler.stop();
        const { mean, p99, max } = summarize(costs);
        resolve({ ticks, meanMs: mean, p99Ms: p99, maxMs: max, cpuMsPerTick: (cpu.user + cpu.system) / 1000 / ticks, series, failingSources: [...failing] });
      });
      sampler.start();
    });
  },
};
