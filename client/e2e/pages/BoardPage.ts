import type { Locator, Page } from 'playwright-core';
import { letGo } from '../support/drop.ts';
import { JoinPage } from './JoinPage.ts';

// Page object for a participant's board: tests say what a person does
// ("add a card to column X"), this file knows how the page does it.
export class BoardPage {
  readonly join: JoinPage;

  constructor(readonly page: Page) {
    this.join = new JoinPage(page);
  }

  get board(): Locator {
    return this.page.locator('section.board');
  }

  /**
   * Opens a link and goes through the join step if it is shown (anonymous
   * unless a name is given; `group` picks the group when asked).
   */
  async open(link: string, options: { name?: string; group?: string } = {}): Promise<void> {
    await this.page.goto(link);
    await this.page.locator('section.board, [data-testid="join-form"]').first().waitFor();
    if (await this.join.form.isVisible()) await this.join.join(options);
    await this.board.waitFor();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.board.waitFor();
  }

  column(title: string): Locator {
    return this.page.locator('section.column', { has: this.page.locator('h2.column-title').getByText(title, { exact: true }) });
  }

  cards(columnTitle: string): Locator {
    return this.column(columnTitle).locator('li.card');
  }

  card(text: string): Locator {
    return this.page.locator('li.card', { has: this.page.locator('.card-text').getByText(text, { exact: true }) });
  }

  async cardTexts(columnTitle: string): Promise<string[]> {
    return this.column(columnTitle).locator('li.card .card-text').allInnerTexts();
  }

  async addCard(columnTitle: string, text: string): Promise<void> {
    const input = this.column(columnTitle).locator('textarea.card-input');
    await input.fill(text);
    await input.press('Enter');
  }

  async editCard(oldText: string, newText: string): Promise<void> {
    await this.card(oldText).locator('.edit-button').click();
    const editor = this.page.locator('.card-editor textarea');
    await editor.fill(newText);
    await editor.press('Enter');
  }

  /** Opens the editor of a card; the caret is at the end of its text. */
  async startEditing(text: string): Promise<void> {
    await this.card(text).locator('.edit-button').click();
    await this.editor().waitFor();
  }

  /** Types key by key at the caret of the open editor, as a person does. */
  async type(text: string): Promise<void> {
    await this.editor().pressSequentially(text);
  }

  /** What the open editor shows. */
  async editorText(): Promise<string> {
    return this.editor().inputValue();
  }

  /** Enter: closes the editor, keeping the text. */
  async finishEditing(): Promise<void> {
    await this.editor().press('Enter');
    await this.editor().waitFor({ state: 'detached' });
  }

  private editor(): Locator {
    return this.page.locator('.card-editor textarea');
  }

  async deleteCard(text: string): Promise<void> {
    await this.card(text).locator('.delete-button').click();
  }

  /** Picks an entry of "Verschieben nach …", e.g. `ans Ende von „Fragen“`. */
  async moveCardByMenu(text: string, target: string): Promise<void> {
    await this.card(text).locator('.move-menu-button').click();
    await this.card(text).locator('.move-menu-list').getByRole('button', { name: target, exact: true }).click();
  }

  private liveRegion(): Locator {
    return this.page.locator('[id^="DndLiveRegion"]');
  }

  /**
   * Picks the card up with Space on its handle, presses each key (arrow keys)
   * waiting for the screen-reader announcement each causes, then drops it.
   */
  async moveCardByKeyboard(text: string, keys: string[]): Promise<void> {
    const handle = this.card(text).locator('.drag-handle');
    await handle.focus();
    let said = await this.liveRegion().innerText().catch(() => '');
    await handle.press('Space');
    await this.page.locator('.drag-handle[aria-pressed="true"]').waitFor();
    // dnd-kit's KeyboardSensor starts listening for keys in a setTimeout after
    // the pick-up, and Chromium runs input before timers: a key sent as soon as
    // the card shows as picked up could reach nobody (CI lost one so). A timer
    // of our own, queued after dnd-kit's, runs only once that one has.
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    for (const key of [...keys]) {
      said = await this.waitForAnnouncementAfter(said);
      await this.page.keyboard.press(key);
    }
    await this.waitForAnnouncementAfter(said);
    await this.page.keyboard.press('Space');
    await this.page.locator('.drag-handle[aria-pressed="true"]').waitFor({ state: 'detached' });
  }

  private async waitForAnnouncementAfter(previous: string): Promise<string> {
    const region = this.liveRegion();
    await this.page.waitForFunction(
      ([selector, before]) => (document.querySelector(selector as string)?.textContent ?? '') !== before,
      ['[id^="DndLiveRegion"]', previous] as const,
    );
    return region.innerText();
  }

  /** Drags a card by its handle with the mouse onto the upper half of another card, or into a column's list. */
  async dragCard(text: string, target: { beforeCard: string } | { column: string }, options: { steps?: number } = {}): Promise<void> {
    const handle = this.card(text).locator('.drag-handle');
    const from = await handle.boundingBox();
    const targetBox =
      'beforeCard' in target
        ? await this.card(target.beforeCard).boundingBox()
        : await this.column(target.column).boundingBox();
    if (!from || !targetBox) throw new Error('drag: element not visible');
    const x = targetBox.x + targetBox.width / 2;
    const y = 'beforeCard' in target ? targetBox.y + targetBox.height * 0.25 : targetBox.y + targetBox.height - 8;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
    await this.page.mouse.move(x, y, { steps: options.steps ?? 12 });
    await this.page.mouse.move(x, y + 1, { steps: 2 });
    await letGo(this.page);
  }

  private voteButton(text: string, delta: 1 | -1): Locator {
    return this.card(text).locator('.vote-button').nth(delta > 0 ? 1 : 0);
  }

  /** Clicks + or −; `evenIfDisabled` clicks a greyed-out button as a person might. */
  /** The same with a finger: touch events through the DevTools protocol (the page's context needs hasTouch). */
  async dragCardByTouch(text: string, target: { column: string }): Promise<void> {
    await this.card(text).locator('.drag-handle').scrollIntoViewIfNeeded();
    const from = await this.card(text).locator('.drag-handle').boundingBox();
    const to = await this.column(target.column).boundingBox();
    if (!from || !to) throw new Error('drag: element not visible');
    const cdp = await this.page.context().newCDPSession(this.page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x?: number, y?: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: x === undefined || y === undefined ? [] : [{ x, y }] });
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    const end = { x: to.x + to.width / 2, y: to.y + to.height - 12 };
    await touch('touchStart', start.x, start.y);
    for (let i = 1; i <= 12; i++) {
      await touch('touchMove', start.x + ((end.x - start.x) * i) / 12, start.y + ((end.y - start.y) * i) / 12);
    }
    await touch('touchEnd');
    await cdp.detach();
  }

  async vote(text: string, delta: 1 | -1, options: { evenIfDisabled?: boolean } = {}): Promise<void> {
    await this.voteButton(text, delta).click({ force: options.evenIfDisabled ?? false });
  }

  async voteDisabled(text: string, delta: 1 | -1): Promise<boolean> {
    return (await this.voteButton(text, delta).getAttribute('aria-disabled')) === 'true';
  }

  async myVotes(text: string): Promise<number> {
    return Number(await this.card(text).locator('.votes').getAttribute('data-my-votes'));
  }

  /** Everyone's dots on a card, or null while they are hidden. */
  async totalVotes(text: string): Promise<number | null> {
    const votes = this.card(text).locator('.votes');
    if ((await votes.count()) === 0) return null;
    const total = await votes.getAttribute('data-total-votes');
    return total === null ? null : Number(total);
  }

  async votesLeft(): Promise<number> {
    return Number(await this.page.getByTestId('vote-budget').getAttribute('data-left'));
  }

  async undo(): Promise<void> {
    await this.page.locator('.undo-buttons .undo-button').click();
  }

  async canUndo(): Promise<boolean> {
    return (await this.page.locator('.undo-buttons .undo-button').getAttribute('aria-disabled')) !== 'true';
  }

  async redo(): Promise<void> {
    await this.page.locator('.undo-buttons .redo-button').click();
  }

  /** Ctrl+Z, or to redo Ctrl+Shift+Z / Ctrl+Y, with focus outside any text field. */
  async undoByKeyboard(redo: false | 'Control+Shift+Z' | 'Control+Y' = false): Promise<void> {
    await this.page.locator('#board-question').click();
    await this.page.keyboard.press(redo || 'Control+Z');
  }

  async presenceNames(): Promise<string[]> {
    return this.page.locator('.presence-peer').allInnerTexts();
  }

  async editingLabel(text: string): Promise<string | null> {
    const label = this.card(text).getByTestId('card-editing');
    return (await label.count()) ? label.innerText() : null;
  }

  async groupName(): Promise<string> {
    return this.page.getByTestId('group-name').innerText();
  }

  async savedStatus(): Promise<string | null> {
    return this.page.getByTestId('saved-status').getAttribute('data-saved');
  }
}
