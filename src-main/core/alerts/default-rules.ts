import type { AlertRule } from '../../../contracts/generated/dashboard-hub.types.js';

/** The rules a new host starts with; users edit or delete them through the hub. */
export const defaultAlertRules: readonly AlertRule[] = [
  { id: 'cpu-high', name: 'CPU above 90 %', selector: 'cpu.total', comparison: '>', threshold: 90, forSeconds: 60, clearThreshold: 80, severity: 'warning', enabled: true },
  { id: 'memory-high', name: 'Memory above 90 %', selector: 'memory.used_percent', comparison: '>', threshold: 90, forSeconds: 60, clearThreshold: 85, severity: 'warning', enabled: true },
  { id: 'disk-full', name: 'Disk above 95 %', selector: 'fs.*.used_percent', comparison: '>', threshold: 95, forSeconds: 0, clearThreshold: 93, severity: 'error', enabled: true },
];
