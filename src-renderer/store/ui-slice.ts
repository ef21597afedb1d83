import type { CurrentDashboard, SliceCreator } from './store-types.js';
import type { WindowId } from './time-windows.js';

export type Theme = 'light' | 'dark';

/** Dialogs over the dashboard; one at a time. */
export type DialogId = 'sharing' | 'alert-rules' | 'join-another' | 'alerts';

export interface Toast {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly title: string;
  readonly detail: string | undefined;
}

export interface UiSlice {
  theme: Theme;
  toasts: Toast[];
  dialog: DialogId | undefined;
  activityOpen: boolean;
  /** Windows chosen on this page, by `dashboardId/panelId`; a panel's saved window otherwise. */
  panelWindows: Record<string, WindowId>;
  setTheme(theme: Theme): void;
  showToast(kind: Toast['kind'], title: string, detail?: string): void;
  dismissToast(id: number): void;
  openDialog(dialog: DialogId): void;
  closeDialog(): void;
  setActivityOpen(open: boolean): void;
  setPanelWindow(dashboardId: string, panelId: string, window: WindowId): void;
}

const themeKey = 'hubdeck.theme';
const activityKey = 'hubdeck.activityOpen';
// Errors stay until read; they are few, and a person may be looking at another screen.
const infoToastMs = 5_000;
const maxToasts = 4;

let nextToastId = 1;

/** The remembered theme, else the system's preference. */
function initialTheme(): Theme {
  const saved = localStorage.getItem(themeKey);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  theme: initialTheme(),
  toasts: [],
  dialog: undefined,
  activityOpen: localStorage.getItem(activityKey) !== 'false',
  panelWindows: {},
  setTheme: (theme) => {
    localStorage.setItem(themeKey, theme);
    set({ theme });
  },
  showToast: (kind, title, detail) => {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts, { id, kind, title, detail }].slice(-maxToasts) }));
    if (kind === 'info') setTimeout(() => get().dismissToast(id), infoToastMs);
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: undefined }),
  setActivityOpen: (activityOpen) => {
    localStorage.setItem(activityKey, String(activityOpen));
    set({ activityOpen });
  },
  setPanelWindow: (dashboardId, panelId, window) => set((state) => ({ panelWindows: { ...state.panelWindows, [`${dashboardId}/${panelId}`]: window } })),
});

/** The window a panel shows on this page. */
export const selectPanelWindow =
  (panelId: string, saved: WindowId) =>
  (state: UiSlice & CurrentDashboard): WindowId =>
    state.panelWindows[`${state.currentDashboardId}/${panelId}`] ?? saved;
