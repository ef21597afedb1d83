/** A table as printed: column titles and rows of already formatted cells. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

const figure = /^(n\/a|-?[\d,.]+(x|%)?)$/;

/** Renders a table as aligned text: columns of figures right-aligned, text left-aligned. */
export function renderTable(table: Table): string {
  const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((row) => figure.test(row[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [table.title, line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

/** A ratio as the tables show it, e.g. "0.84x". */
export function times(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a';
}

/** A figure with `digits` decimals, grouped by thousands when large. */
export function fixed(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * Hubdeck's figures divided by raw ws's and Socket.IO's, and by ASP.NET Core's in the same
 * protocol where a row has them: one row per Hubdeck configuration, a column per figure and reference.
 */
export function ratioTable<T>(
  title: string,
  hubdeckRows: ReadonlyArray<{ readonly label: string; readonly figures: T; readonly aspNetCore?: T }>,
  rawWs: T,
  socketIo: T,
  figures: ReadonlyArray<readonly [name: string, read: (figures: T) => number]>,
): Table {
  const withAspNetCore = hubdeckRows.some((row) => row.aspNetCore !== undefined);
  return {
    title,
    columns: ['Hubdeck', ...figures.flatMap(([name]) => [`${name} ÷ raw ws`, `${name} ÷ Socket.IO`, ...(withAspNetCore ? [`${name} ÷ ASP.NET Core`] : [])])],
    rows: hubdeckRows.map(({ label, figures: hubdeck, aspNetCore }) => [
      label,
      ...figures.flatMap(([, read]) => [
        times(read(hubdeck) / read(rawWs)),
        times(read(hubdeck) / read(socketIo)),
        ...(withAspNetCore ? [aspNetCore === undefined ? 'n/a' : times(read(hubdeck) / read(aspNetCore))] : []),
      ]),
    ]),
  };
}
