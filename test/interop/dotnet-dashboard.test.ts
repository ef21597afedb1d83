import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/backplane-cluster.js';
import { type TestHost, startTestHost } from '../support/host-fixture.js';
import { buildDotnet, dotnetAvailability, programOf, projects, run } from './dotnet.js';
import { type CellResult, formatTable, parseRunnerOutput } from './interop-table.js';

const availability = dotnetAvailability();

// A second loopback address stands for the LAN, where peers join with a code.
const lanAddress = '127.0.0.2';
const operatorName = '.NET operator';

describe.skipIf(!availability.run)('a host\'s DashboardHub through the generated C# client', () => {
  let test: TestHost;
  let results: CellResult[];

  beforeAll(async () => {
    await buildDotnet(projects.client);
    // The machine's own metric sources, so there are series, history and alerts to see.
    test = await startTestHost({ shareAddresses: [lanAddress], advertise: false, sources: undefined });
    const owner = await test.client();
    const lan = (await owner.startSharing(false)).urls[0]!;
    const grant = await fetch(`${lan}/api/join`, { method: 'POST', body: JSON.stringify({ code: (await owner.createJoinCode('operator', 10)).code, name: operatorName }) });
    const { token } = (await grant.json()) as { token: string };
    await eventually('the host to sample its first series', async () => (await owner.listSeries()).length > 0);
    const { code, output } = await run(
      'dotnet',
      [programOf(projects.client), '--host-local', test.host.url, '--host-lan', lan, '--owner-token', await test.host.ownerToken(), '--operator-token', token, '--operator-name', operatorName],
      5 * 60_000,
    );
    results = parseRunnerOutput(output).results;
    if (code !== 0 || results.length === 0) throw new Error(`The .NET scenario runner failed (${code}):\n${output}`);
    console.log(formatTable('Generated C# × DashboardHub', results));
  }, 15 * 60_000);

  afterAll(async () => {
    await test?.stop();
  });

  it('subscribes, receives metrics and alerts, acknowledges, saves a dashboard and streams history on every transport and protocol', () => {
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(results.filter((r) => r.status === 'pass').length).toBe(20);
  });
});
