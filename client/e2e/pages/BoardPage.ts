import type { Locator, Page } from 'playwright-core';

// Page object for a participant's board: tests say what a person does
// ("add a card to column X"), this file knows how the page does it.
export class BoardPage {
  constructor(readonly page: Page) {}

  async open(link: string): Promise<void> {
    await this.page.goto(link);
    await this.page.locator('.board').waitFor();
  }

  column(title: string): Locator {
    return this.page.locator('section.column', { has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  cards(columnTitle: string): Locator {
    return this.column(columnTitle).locator('.card');
  }

  async addCard(columnTitle: string, text: string): Promise<void> {
    const input = this.column(columnTitle).locator('textarea.card-input');
    await input.fill(text);
    await input.press('Enter');
  }

  async cardTexts(columnTitle: string): Promise<string[]> {
    return this.cards(columnTitle).allInnerTexts();
  }
}
