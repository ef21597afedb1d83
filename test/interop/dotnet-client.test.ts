import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/hub-fixture.js';
import { type DotnetProcess, buildDotnet, dotnetAvailability, programOf, projects, run, startDotnet } from './dotnet.js';
import { type CellResult, type Observation, columnOf, formatTable, parseRunnerOutput } from './interop-table.js';
import { mapInteropHubs } from './interop-server.js';
import { ProxyControl } from './proxy-control.js';

const availability = dotnetAvailability();
if (!availability.run) console.log(`The .NET interop tests were skipped: ${availability.reason}.`);

/** Runs the .NET scenarios against a server at `baseUrl` and returns what they reported. */
async function runScenarios(baseUrl: string): Promise<{ results: CellResult[]; observations: Observation[] }> {
  const control = await ProxyControl.start(Number(new URL(baseUrl).port));
  try {
    const { code, output } = await run('dotnet', [programOf(projects.client), '--base', baseUrl, '--control', control.url], 5 * 60_000);
    const parsed = parseRunnerOutput(output);
    if (code !== 0 || parsed.results.length === 0) throw new Error(`The .NET scenario runner failed (${code}):\n${output}`);
    return parsed;
  } finally {
    await control.close();
  }
}

describe.skipIf(!availability.run)('the .NET client against Hubdeck and ASP.NET Core', () => {
  let hubdeck: RunningServer;
  let aspnetcore: DotnetProcess;
  const runs = {} as Record<'hubdeck' | 'aspnetcore', { results: CellResult[]; observations: Observation[] }>;

  beforeAll(async () => {
    await buildDotnet(projects.client, projects.server);
    hubdeck = await startServer(mapInteropHubs);
    aspnetcore = await startDotnet(projects.server, []);
    // One after the other: each run keeps both cores busy on its own.
    runs.hubdeck = await runScenarios(hubdeck.url);
    runs.aspnetcore = await runScenarios(aspnetcore.url);
    console.log(`${formatTable('.NET client × Hubdeck', runs.hubdeck.results)}\n\n${formatTable('.NET client × ASP.NET Core', runs.aspnetcore.results)}`);
  }, 15 * 60_000);

  afterAll(async () => {
    await hubdeck?.close();
    await aspnetcore?.stop();
  });

  it('passes every scenario against ASP.NET Core, which proves the expectations', () => {
    expect(runs.aspnetcore.results.filter((r) => r.status === 'fail')).toEqual([]);
  });

  it('passes every scenario on every transport and protocol against Hubdeck', () => {
    expect(runs.hubdeck.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(runs.hubdeck.results.filter((r) => r.status === 'pass').length).toBeGreaterThan(60);
  });

  it('sees the same values and texts from both servers, except the differences the README lists', () => {
    const reference = new Map(runs.aspnetcore.observations.map((o) => [`${o.scenario}|${o.key}|${columnOf(o)}`, o.value]));
    const differences = runs.hubdeck.observations
      .filter((o) => reference.get(`${o.scenario}|${o.key}|${columnOf(o)}`) !== o.value)
      .map((o) => ({ key: o.key, column: columnOf(o), hubdeck: o.value, aspnetcore: reference.get(`${o.scenario}|${o.key}|${columnOf(o)}`) }));
    if (differences.length > 0) console.log(`Differences from ASP.NET Core:\n${differences.map((d) => `  ${d.key} [${d.column}]: Hubdeck ${d.hubdeck} | ASP.NET Core ${d.aspnetcore}`).join('\n')}`);
    expect(differences.filter((d) => !listedDifferences.has(d.key))).toEqual([]);
  });
});

/** Observations where Hubdeck differs on purpose; each is explained in the README's "Differences from ASP.NET Core SignalR". */
const listedDifferences = new Set<string>([
  // JavaScript numbers are doubles: 28-digit decimals and integers past 2^53 lose digits.
  'decimal with 28 digits',
  'long above 2^53',
  // MessagePack timestamps decode to JavaScript Dates, which hold milliseconds.
  'DateTime with 100 ns ticks',
  // Without parameter types there is nothing to refuse a string where a number belongs.
  'Add("x", 2)',
]);
