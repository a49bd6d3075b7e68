import type { Locator, Page } from 'playwright-core';

// Page object for the start page: create a workshop.
export type HomeField = 'title' | 'subtitle' | 'place' | 'date' | 'startTime' | 'endTime' | 'contact' | 'template';

export class HomePage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(baseUrl);
    await this.page.locator('form.home-form').waitFor();
  }

  field(name: HomeField): Locator {
    return this.page.locator(`#home-${name}`);
  }

  /** The message shown beside a field (the element its aria-describedby names). */
  error(name: HomeField): Locator {
    return this.page.locator(`#home-${name}-error`);
  }

  async fill(values: Partial<Record<HomeField, string>>): Promise<void> {
    for (const [name, value] of Object.entries(values) as [HomeField, string][]) {
      if (name === 'template') await this.field(name).selectOption(value);
      else await this.field(name).fill(value);
    }
  }

  async submit(): Promise<void> {
    await this.page.locator('form.home-form button[type=submit]').click();
  }

  /** Fills the form, submits it and waits for the moderator link to open. */
  async createWorkshop(values: Partial<Record<HomeField, string>>): Promise<void> {
    await this.fill(values);
    await this.submit();
    await this.page.waitForURL(/\/s\/[A-Za-z0-9_-]+#t=/);
  }

  async setLanguage(locale: 'de' | 'en'): Promise<void> {
    await this.page.locator('.language-switch select').selectOption(locale);
  }
}
