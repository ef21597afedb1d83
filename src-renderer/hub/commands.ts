import type { Alert, AlertRule, Dashboard, DashboardDraft, JoinCode } from '../../contracts/generated/dashboard-hub.types.js';
import { defaultDashboardId } from '../env/launch-options.js';
import type { Store } from '../store/store.js';
import { hostMessage, hostReason, parseConflict, refusedMethod } from './hub-errors.js';
import type { HubSession } from './hub-session.js';

/** The draft of a saved dashboard, based on its current version. */
function draftOf(dashboard: Dashboard): DashboardDraft {
  return { id: dashboard.id, name: dashboard.name, panels: dashboard.panels, baseVersion: dashboard.version };
}

/**
 * What a person does on the dashboard, as hub calls. A refusal is shown as an error toast in
 * the host's words, so nothing fails silently; meaningful actions are told to the other viewers.
 */
export class DashboardCommands {
  constructor(
    private readonly hub: HubSession,
    private readonly store: Store,
  ) {}

  /** Records an action in the activity feed, here and on the other viewers' pages. */
  track(activityType: string, details: string): void {
    const state = this.store.getState();
    if (state.connection.phase !== 'connected') return;
    this.hub.proxy
      .trackUserActivity(state.currentDashboardId, activityType, details.slice(0, 2000))
      .then((event) => this.store.getState().addActivity(event))
      .catch((error: unknown) => console.warn('Could not record activity', error));
  }

  async acknowledge(alert: Alert): Promise<void> {
    const updated = await this.attempt('Could not acknowledge the alert', () => this.hub.proxy.acknowledgeAlert(alert.id));
    if (!updated) return;
    this.store.getState().upsertAlert(updated);
    this.track('alert.acknowledged', alert.message);
  }

  async silence(alert: Alert, minutes: number): Promise<void> {
    const updated = await this.attempt('Could not silence the alert', () => this.hub.proxy.silenceAlert(alert.id, minutes));
    if (!updated) return;
    this.store.getState().upsertAlert(updated);
    this.track('alert.silenced', `${alert.message} (for ${minutes} min)`);
  }

  editDashboard(dashboard: Dashboard): void {
    this.store.getState().startEditing(draftOf(dashboard));
    this.track('editor.opened', dashboard.name);
  }

  /** Starts editing a dashboard that does not exist yet; saving creates it. */
  newDashboard(): void {
    const ids = new Set(Object.keys(this.store.getState().dashboardList));
    let n = 1;
    while (ids.has(`dashboard-${n}`)) n++;
    this.store.getState().startEditing({ id: `dashboard-${n}`, name: `Dashboard ${n}`, panels: [], baseVersion: 0 });
  }

  async saveDashboard(): Promise<void> {
    const state = this.store.getState();
    const editor = state.editor;
    if (!editor || editor.saving) return;
    state.setSaving(true);
    state.setConflict(undefined);
    try {
      const saved = await this.hub.proxy.saveDashboard(editor.draft);
      const after = this.store.getState();
      after.upsertDashboard(saved);
      after.stopEditing();
      this.track('dashboard.saved', `${saved.name}, version ${saved.version}`);
      if (saved.id !== after.currentDashboardId) await this.hub.openDashboard(saved.id);
    } catch (error) {
      const conflict = parseConflict(error);
      if (conflict) this.store.getState().setConflict(conflict);
      else this.showError('Could not save the dashboard', error);
    } finally {
      this.store.getState().setSaving(false);
    }
  }

  /** After a conflict: starts again from the version on the host, as the host asks. */
  async reloadDashboard(): Promise<void> {
    const editor = this.store.getState().editor;
    if (!editor) return;
    const current = await this.attempt('Could not reload the dashboard', () => this.hub.proxy.getDashboard(editor.draft.id));
    if (!current) return;
    this.store.getState().upsertDashboard(current);
    this.store.getState().startEditing(draftOf(current));
  }

  async deleteDashboard(dashboard: Dashboard): Promise<void> {
    const deleted = await this.attempt('Could not delete the dashboard', () => this.hub.proxy.deleteDashboard(dashboard.id).then(() => true));
    if (!deleted) return;
    this.store.getState().stopEditing();
    this.track('dashboard.deleted', dashboard.name);
    await this.hub.openDashboard(defaultDashboardId);
  }

  async startSharing(tls: boolean): Promise<void> {
    const sharing = await this.attempt('Could not start sharing', () => this.hub.proxy.startSharing(tls));
    if (sharing) this.store.getState().setSharing(sharing);
  }

  async stopSharing(): Promise<void> {
    const sharing = await this.attempt('Could not stop sharing', () => this.hub.proxy.stopSharing());
    if (sharing) this.store.getState().setSharing(sharing);
  }

  async createJoinCode(role: JoinCode['role'], minutes: number): Promise<void> {
    const code = await this.attempt('Could not create a join code', () => this.hub.proxy.createJoinCode(role, minutes));
    const sharing = this.store.getState().sharing;
    // SharingChanged follows; adding the code now shows it without waiting for the echo.
    if (code && sharing && !sharing.joinCodes.some((c) => c.code === code.code)) {
      this.store.getState().setSharing({ ...sharing, joinCodes: [...sharing.joinCodes, code] });
    }
  }

  async revokePeer(peerId: string): Promise<void> {
    const sharing = await this.attempt('Could not revoke the peer', () => this.hub.proxy.revokePeer(peerId));
    if (sharing) this.store.getState().setSharing(sharing);
  }

  async revokeAllTokens(): Promise<void> {
    const sharing = await this.attempt('Could not revoke the tokens', () => this.hub.proxy.revokeAllTokens());
    if (sharing) this.store.getState().setSharing(sharing);
  }

  async saveAlertRule(rule: AlertRule): Promise<boolean> {
    const saved = await this.attempt('Could not save the alert rule', () => this.hub.proxy.saveAlertRule(rule));
    if (saved) this.track('alert-rule.saved', rule.name);
    return saved !== undefined;
  }

  async deleteAlertRule(rule: AlertRule): Promise<void> {
    const deleted = await this.attempt('Could not delete the alert rule', () => this.hub.proxy.deleteAlertRule(rule.id).then(() => true));
    if (deleted) this.track('alert-rule.deleted', rule.name);
  }

  private async attempt<T>(failure: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      this.showError(failure, error);
      return undefined;
    }
  }

  private showError(failure: string, error: unknown): void {
    const state = this.store.getState();
    const refused = refusedMethod(error);
    const detail = refused
      ? `${hostMessage(error)}. Your role on this host is ${state.session?.role ?? 'viewer'}; ask its owner for a join code with more rights.`
      : (hostReason(error) ?? 'The host could not be reached. Try again once the connection is back.');
    state.showToast('error', failure, detail);
  }
}
