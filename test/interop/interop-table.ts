/** One cell of the interop table, as the .NET runner reports it. */
export interface CellResult {
  readonly scenario: string;
  readonly transport: string;
  readonly protocol: string;
  readonly status: 'pass' | 'fail' | 'n/a';
  readonly detail: string;
  readonly ms: number;
}

/** Something a scenario saw where servers may differ, to compare Hubdeck's with ASP.NET Core's. */
export interface Observation {
  readonly scenario: string;
  readonly transport: string;
  readonly protocol: string;
  readonly key: string;
  readonly value: string;
}

/** Reads the runner's RESULT and OBSERVED lines; any other line is kept as noise for failure messages. */
export function parseRunnerOutput(output: string): { results: CellResult[]; observations: Observation[] } {
  const results: CellResult[] = [];
  const observations: Observation[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('RESULT ')) results.push(JSON.parse(line.slice(7)) as CellResult);
    else if (line.startsWith('OBSERVED ')) observations.push(JSON.parse(line.slice(9)) as Observation);
  }
  return { results, observations };
}

const transportShort: Record<string, string> = { WebSockets: 'WS', ServerSentEvents: 'SSE', LongPolling: 'LP' };
const protocolShort: Record<string, string> = { json: 'JSON', messagepack: 'MsgPack' };

/** The column a cell belongs to, e.g. "WS/JSON". */
export function columnOf(cell: { transport: string; protocol: string }): string {
  return `${transportShort[cell.transport] ?? cell.transport}/${protocolShort[cell.protocol] ?? cell.protocol}`;
}

/** The scenario × transport/protocol table as fixed-width text, failures explained below it. */
export function formatTable(title: string, results: readonly CellResult[]): string {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  // Cells arrive as they finish; the columns keep one order in every table.
  const order = ['WS/JSON', 'SSE/JSON', 'LP/JSON', 'WS/MsgPack', 'LP/MsgPack', 'SSE/MsgPack'];
  const rank = (column: string) => (order.includes(column) ? order.indexOf(column) : order.length);
  const columns = [...new Set(results.map(columnOf))].sort((a, b) => rank(a) - rank(b));
  const byKey = new Map(results.map((r) => [`${r.scenario}|${columnOf(r)}`, r]));
  const width = Math.max(title.length, ...scenarios.map((s) => s.length));
  const cellWidth = Math.max(...columns.map((c) => c.length), 4);
  const lines = [`${title.padEnd(width)}  ${columns.map((c) => c.padEnd(cellWidth)).join('  ')}`];
  for (const scenario of scenarios) {
    const cells = columns.map((column) => (byKey.get(`${scenario}|${column}`)?.status ?? 'missing').padEnd(cellWidth));
    lines.push(`${scenario.padEnd(width)}  ${cells.join('  ')}`);
  }
  const counts = { pass: 0, fail: 0, 'n/a': 0 };
  for (const r of results) counts[r.status]++;
  lines.push(`cells: ${counts.pass} pass, ${counts.fail} fail, ${counts['n/a']} not applicable`);
  for (const r of results.filter((r) => r.status === 'fail')) lines.push(`  FAIL ${r.scenario} [${columnOf(r)}]: ${r.detail}`);
  for (const r of results.filter((r) => r.status === 'n/a' && r.transport === 'WebSockets' && r.protocol === 'json')) lines.push(`  n/a ${r.scenario}: ${r.detail}`);
  return lines.join('\n');
}
