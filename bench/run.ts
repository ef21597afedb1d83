/**
 * The benchmark: `npm run bench -- [--quick] [--json FILE] [--only echo,broadcast] [--profile]`.
 * Every scenario runs against Hubdeck, raw ws and Socket.IO (echo, broadcast and idle also against
 * ASP.NET Core SignalR, interop/aspnetcore, which needs the .NET SDK), each server in a process of its own
 * and the load in another; the tables go to stdout, progress to stderr.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type ProfileSummary, summarizeProfile } from './lib/cpu-profile.js';
import { describeMachine } from './lib/machine.js';
import type { BenchSettings, Scenario, ScenarioReport, TargetResult } from './lib/report.js';
import { fixed, renderTable } from './lib/table.js';
import { attack } from './scenarios/attack.js';
import { broadcast } from './scenarios/broadcast.js';
import { crossNode } from './scenarios/cross-node.js';
import { echo } from './scenarios/echo.js';
import { host } from './scenarios/host.js';
import { idle } from './scenarios/idle.js';

const scenarios: readonly Scenario[] = [echo, broadcast, idle, host, attack, crossNode];
const usage = `Usage: npm run bench -- [--quick] [--json FILE] [--only ${scenarios.map((s) => s.name).join(',')}] [--profile]`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const only = values.only?.split(',');
const unknown = only?.filter((name) => !scenarios.some((s) => s.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown scenario ${unknown.join(', ')}.\n${usage}`);
  process.exit(2);
}

const profileDir = join(dirname(fileURLToPath(import.meta.url)), 'results', 'profiles');
const settings: BenchSettings = {
  ...(values.quick
    ? { quick: true, warmupMs: 200, measureMs: 500, rounds: 1, idleConnections: 1000, samplerTicks: 10, frameCountMs: 1000 }
    : { quick: false, warmupMs: 2000, measureMs: 5000, rounds: 3, idleConnections: 5000, samplerTicks: 100, frameCountMs: 10_000 }),
  profileDir: values.profile ? profileDir : undefined,
};
if (settings.profileDir) {
  // Profiles of an earlier run would be summarized as if they were this run's.
  await rm(settings.profileDir, { recursive: true, force: true });
  await mkdir(settings.profileDir, { recursive: true });
}

const machine = describeMachine();
const startedAt = new Date();
console.log(`Hubdeck benchmark, ${startedAt.toISOString()}${settings.quick ? ' (--quick: short windows, fewer idle connections)' : ''}`);
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}; load average at start ${machine.loadAverage}`);
console.log('Load generators and servers are separate processes sharing this machine; other work on it affects the figures.');
console.log(
  `Each figure: ${settings.warmupMs} ms warm-up, then ${settings.measureMs} ms measured; echo, broadcast and cross-node rows: median of ${settings.rounds} interleaved round(s).`,
);

const reports: Array<{ name: string; title: string } & (ScenarioReport | { error: string })> = [];
for (const scenario of scenarios.filter((s) => !only || only.includes(s.name))) {
  console.log(`\n=== ${scenario.title}`);
  try {
    const report = await scenario.run(settings, (line) => console.error(`  ... ${line}`));
    for (const table of report.tables) console.log(`\n${renderTable(table)}`);
    for (const note of report.notes) console.log(`\n${note}`);
    reports.push({ name: scenario.name, title: scenario.title, ...report });
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.log(`\n${scenario.name} FAILED: ${text}`);
    reports.push({ name: scenario.name, title: scenario.title, error: text });
  }
}

const targets: TargetResult[] = reports.flatMap((r) => ('targets' in r ? r.targets : []));
if (targets.length > 0) {
  console.log(
    `\n${renderTable({ title: '=== Targets', columns: ['Target', 'Measured', 'Result'], rows: targets.map((t) => [t.target, t.measured, t.pass ? 'pass' : 'FAIL']) })}`,
  );
  console.log(`${targets.filter((t) => t.pass).length} of ${targets.length} targets met.`);
}

const profiles: ProfileSummary[] = [];
if (settings.profileDir) {
  for (const file of (await readdir(settings.profileDir)).filter((f) => f.endsWith('.cpuprofile')).sort()) {
    const summary = await summarizeProfile(join(settings.profileDir, file));
    profiles.push(summary);
    console.log(`\n=== Profile ${summary.file}: ${fixed(summary.busyMs)} ms busy`);
    console.log(renderTable({ title: 'By area (self time)', columns: ['Area', 'ms', 'share'], rows: summary.areas.map((a) => [a.area, fixed(a.ms), `${fixed(a.share * 100, 1)}%`]) }));
    console.log(
      `\n${renderTable({
        title: 'Hottest functions (self time)',
        columns: ['Function', 'Location', 'ms', 'share'],
        rows: summary.functions.map((f) => [f.name, f.location, fixed(f.ms), `${fixed(f.share * 100, 1)}%`]),
      })}`,
    );
  }
}

if (values.json) {
  const output = { startedAt: startedAt.toISOString(), machine, settings, scenarios: reports, targets, profiles };
  await writeFile(values.json, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nWrote ${values.json}`);
}
// A scenario that crashed means the benchmark is broken; a missed target is only reported.
process.exit(reports.some((r) => 'error' in r) ? 1 : 0);
