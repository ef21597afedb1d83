import type { DashboardDraft, Panel } from '../../contracts/generated/dashboard-hub.types.js';
import { clampPanel, gridColumns, newPanel } from './panel-layout.js';
import type { SliceCreator } from './store-types.js';

/** A save the host refused because someone saved first. */
export interface Conflict {
  readonly message: string;
  /** The version now on the host, when the message names it. */
  readonly version: number | undefined;
}

export interface EditorState {
  readonly draft: DashboardDraft;
  readonly selectedPanelId: string | undefined;
  readonly saving: boolean;
  readonly conflict: Conflict | undefined;
}

/** The dashboard editor: a draft of the open dashboard, saved as a whole against its base version. */
export interface EditorSlice {
  editor: EditorState | undefined;
  startEditing(draft: DashboardDraft): void;
  stopEditing(): void;
  renameDraft(name: string): void;
  addPanel(kind: Panel['kind']): void;
  removePanel(panelId: string): void;
  movePanel(panelId: string, dx: number, dy: number): void;
  resizePanel(panelId: string, dw: number, dh: number): void;
  updatePanel(panelId: string, patch: Partial<Omit<Panel, 'id'>>): void;
  selectPanel(panelId: string | undefined): void;
  setSaving(saving: boolean): void;
  setConflict(conflict: Conflict | undefined): void;
}

export const createEditorSlice: SliceCreator<EditorSlice> = (set, get) => {
  const edit = (change: (editor: EditorState) => Partial<EditorState>) => {
    const editor = get().editor;
    if (editor) set({ editor: { ...editor, ...change(editor) } });
  };
  const editPanels = (change: (panels: Panel[]) => Panel[]) => edit((e) => ({ draft: { ...e.draft, panels: change(e.draft.panels) } }));
  const editPanel = (panelId: string, change: (panel: Panel) => Panel) =>
    editPanels((panels) => panels.map((p) => (p.id === panelId ? clampPanel(change(p)) : p)));

  return {
    editor: undefined,
    startEditing: (draft) =>
      set({
        editor: {
          draft,
          selectedPanelId: undefined,
          saving: false,
          conflict: undefined,
        },
      }),
    stopEditing: () => set({ editor: undefined }),
    renameDraft: (name) => edit((e) => ({ draft: { ...e.draft, name } })),
    addPanel: (kind) =>
      edit((e) => {
        const panel = newPanel(kind, e.draft.panels);
        return { draft: { ...e.draft, panels: [...e.draft.panels, panel] }, selectedPanelId: panel.id };
      }),
    removePanel: (panelId) =>
      edit((e) => ({
        draft: { ...e.draft, panels: e.draft.panels.filter((p) => p.id !== panelId) },
        selectedPanelId: e.selectedPanelId === panelId ? undefined : e.selectedPanelId,
      })),
    movePanel: (panelId, dx, dy) => editPanel(panelId, (p) => ({ ...p, x: p.x + dx, y: p.y + dy })),
    // Growing at the right edge stops there rather than pushing the panel left.
    resizePanel: (panelId, dw, dh) => editPanel(panelId, (p) => ({ ...p, w: Math.min(p.w + dw, gridColumns - p.x), h: p.h + dh })),
    updatePanel: (panelId, patch) => editPanel(panelId, (p) => ({ ...p, ...patch })),
    selectPanel: (selectedPanelId) => edit(() => ({ selectedPanelId })),
    setSaving: (saving) => edit(() => ({ saving })),
    setConflict: (conflict) => edit(() => ({ conflict })),
  };
};
