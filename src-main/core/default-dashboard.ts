import type { DashboardDraft } from '../../contracts/generated/dashboard-hub.types.js';

/** The dashboard a new host starts with. */
export const defaultDashboard: DashboardDraft = {
  id: 'main',
  name: 'This machine',
  baseVersion: 0,
  panels: [
    { id: 'cpu', kind: 'line', title: 'CPU', series: ['cpu.total'], window: '15m', x: 0, y: 0, w: 6, h: 4 },
    { id: 'memory', kind: 'area', title: 'Memory', series: ['memory.used_percent', 'swap.used_percent'], window: '15m', x: 6, y: 0, w: 6, h: 4 },
    { id: 'cpu-now', kind: 'stat', title: 'CPU now', series: ['cpu.total'], window: '1m', x: 0, y: 4, w: 3, h: 2 },
    { id: 'memory-now', kind: 'stat', title: 'Memory now', series: ['memory.used_percent'], window: '1m', x: 3, y: 4, w: 3, h: 2 },
    { id: 'load', kind: 'line', title: 'Load average', series: ['load.1m', 'load.5m', 'load.15m'], window: '1h', x: 6, y: 4, w: 6, h: 4 },
    { id: 'alerts', kind: 'alerts', title: 'Alerts', series: [], window: '24h', x: 0, y: 6, w: 6, h: 4 },
    { id: 'hub', kind: 'line', title: 'Hub messages/s', series: ['hub.messages_in', 'hub.messages_out'], window: '15m', x: 6, y: 8, w: 6, h: 4 },
  ],
};
