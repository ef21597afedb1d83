import { type Locator, type Page, expect } from '@playwright/test';

/** The dashboard as a test drives it: through the test ids the renderer puts on its parts. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  get banner(): Locator {
    return this.byTestId('connection-banner');
  }

  alert(id: string): Locator {
    return this.byTestId(`alert-${id}`).first();
  }

  viewer(name: string): Locator {
    return this.byTestId(`viewer-${name}`);
  }

  /** Waits until the page is connected and a chart shows live points. */
  async expectLive(panelId = 'cpu'): Promise<void> {
    await expect(this.byTestId(`chart-${panelId}`)).toHaveAttribute('data-points', /^[1-9]\d*$/);
  }

  /** Waits until the connection banner is gone (connected). */
  async expectConnected(): Promise<void> {
    await expect(this.banner).toHaveCount(0);
  }

  /** The alerts dialog or panel must show the alert with this id in this state. */
  async expectAlert(id: string, state: 'pending' | 'firing' | 'resolved'): Promise<void> {
    await expect(this.alert(id)).toHaveAttribute('data-state', state);
  }

  async acknowledge(id: string): Promise<void> {
    await this.byTestId(`acknowledge-${id}`).first().click();
  }

  /** Renames the dashboard in the editor and saves (or, with save=false, leaves the editor open). */
  async rename(name: string, save = true): Promise<void> {
    if (!(await this.byTestId('editor').isVisible())) await this.byTestId('edit-dashboard').click();
    await this.byTestId('editor-name').fill(name);
    if (save) await this.byTestId('editor-save').click();
  }
}
