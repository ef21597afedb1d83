const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** A metric value for people: bytes scaled, percentages with one decimal, others to 3 significant digits. */
export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 'B' || unit === 'B/s') {
    let scaled = value;
    let i = 0;
    while (Math.abs(scaled) >= 1024 && i < byteUnits.length - 1) {
      scaled /= 1024;
      i++;
    }
    return `${formatNumber(scaled)} ${byteUnits[i]}${unit === 'B/s' ? '/s' : ''}`;
  }
  if (unit === '%') return `${value.toFixed(1)} %`;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** A number without its unit, for axis ticks: compact, so an axis stays narrow. */
export function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1_000_000) return `${trim(value / 1_000_000)}M`;
  if (magnitude >= 10_000) return `${trim(value / 1_000)}k`;
  if (magnitude >= 100 || Number.isInteger(value)) return String(Math.round(value));
  return value.toPrecision(3).replace(/\.?0+$/, '');
}

function trim(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}
