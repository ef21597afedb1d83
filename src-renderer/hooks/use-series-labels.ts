import { useMemo } from 'react';
import { useStore } from '../store/store.js';

/** People's names for series ("CPU total" for cpu.total), from the host's catalog. */
export function useSeriesLabels(): Record<string, string> {
  const catalog = useStore((s) => s.seriesCatalog);
  return useMemo(() => Object.fromEntries(catalog.map((s) => [s.id, s.name || s.id])), [catalog]);
}
