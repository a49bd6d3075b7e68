import type { Locator, Page } from 'playwright-core';

// The step before the board: optional name, and the group when there is a choice.
export class JoinPage {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('join-form');
  }

  nameInput(): Locator {
    return this.form.getByRole('textbox');
  }

  groupOptions(): Locator {
    return this.form.getByRole('radio');
  }

  async groupNames(): Promise<string[]> {
    return this.form.locator('.join-group-name').allInnerTexts();
  }

  async waitFor(): Promise<void> {
    await this.form.waitFor();
  }

  /** Fills in what is given and submits; leaves the name empty (anonymous) unless told. */
  async join(options: { name?: string; group?: string } = {}): Promise<void> {
    await this.waitFor();
    if (options.name !== undefined) await this.nameInput().fill(options.name);
    if (options.group !== undefined) await this.form.getByRole('radio', { name: options.group }).check();
    await this.form.getByRole('button').last().click();
  }
}
