import type { Locator, Page } from 'playwright-core';
import { letGo } from '../support/drop.ts';
import { ModeratorPage } from './ModeratorPage.ts';

// Page object for the moderator's plenum view of a phase: every group's
// board, the summary, similar cards, presenting. Tests say what the moderator
// does ("merge this card into point 2"); this file knows how (German UI).
export class PlenumPage {
  readonly moderator: ModeratorPage;

  constructor(readonly page: Page) {
    this.moderator = new ModeratorPage(page);
  }

  /** Opens the moderator link, chooses the phase by part of its title and opens its plenum view. */
  async open(moderatorLink: string, phaseTitle: string): Promise<void> {
    await this.moderator.open(moderatorLink);
    await this.moderator.openPhase(phaseTitle);
    await this.page.getByTestId('open-plenum').click();
    await this.root.waitFor();
  }

  get root(): Locator {
    return this.page.getByTestId('plenum');
  }

  board(groupName: string): Locator {
    return this.page.getByTestId('plenum-board').filter({ has: this.page.getByRole('heading', { name: groupName }) });
  }

  /** On a narrow screen (one board at a time): switches to the group's board. Wide screens show them all. */
  async showGroup(groupName: string): Promise<void> {
    const switcher = this.page.getByRole('group', { name: 'Board einer Gruppe anzeigen' });
    if (await switcher.isVisible()) await switcher.getByRole('button', { name: groupName }).click();
    await this.board(groupName).waitFor();
  }

  /** A card on one of the boards, by its whole text. */
  card(text: string): Locator {
    return this.page.getByTestId('plenum-card').filter({ has: this.page.locator('.plenum-card-text').getByText(text, { exact: true }) });
  }

  get summary(): Locator {
    return this.page.getByTestId('summary');
  }

  items(): Locator {
    return this.summary.getByTestId('summary-item');
  }

  /** Point `n` (1-based) of the summary. */
  item(n: number): Locator {
    return this.items().nth(n - 1);
  }

  itemTexts(): Promise<string[]> {
    return this.items().locator('.summary-item-body').allInnerTexts();
  }

  /** "aus Arbeitsgruppe 1, Arbeitsgruppe 2" of point `n`. */
  itemGroups(n: number): Promise<string> {
    return this.item(n).getByTestId('item-groups').innerText();
  }

  /** Opens the sources of point `n` and returns their rows. */
  async sources(n: number): Promise<Locator> {
    const details = this.item(n).locator('details.summary-sources');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details.getByTestId('summary-source');
  }

  /**
   * Drags a card by its handle with the mouse onto "neuer Punkt" or onto point
   * `n`, as a person watching the screen would: once the drag has started,
   * aim at the target, and aim again while the page scrolls under the pointer
   * (dnd-kit scrolls the page when a drag nears its edge), until the target
   * is lit and stands still; then let go.
   */
  async dragCard(text: string, target: 'new' | number): Promise<void> {
    await this.holdOver(text, target);
    await this.letGo();
  }

  /** Lets go of a held card, once the page takes clicks again (support/drop.ts). */
  async letGo(): Promise<void> {
    await letGo(this.page);
  }

  /** dragCard up to the moment it lets go: the card is held over its target, which is lit. */
  async holdOver(text: string, target: 'new' | number): Promise<void> {
    const handle = this.card(text).locator('.drag-handle');
    const dragging = this.page.locator('.plenum-card-dragging');
    // Pick the card up; if the page moved under the pointer (a notice appeared), let go and try again.
    for (let attempt = 0; ; attempt++) {
      await handle.scrollIntoViewIfNeeded();
      const from = await handle.boundingBox();
      if (!from) throw new Error('drag: handle not visible');
      const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
      await this.page.mouse.move(start.x, start.y);
      await this.page.mouse.down();
      await this.page.mouse.move(start.x + 10, start.y + 10, { steps: 3 });
      const picked = await dragging.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (picked) break;
      await this.page.mouse.up();
      if (attempt === 2) throw new Error(`drag: could not pick up "${text}"`);
    }
    const zone = target === 'new' ? this.summary.getByTestId('summary-new') : this.item(target);
    const lit = zone.and(this.page.locator('.summary-drop-over, .summary-item-over'));
    // While the pointer is near the window's edge, dnd-kit scrolls the page,
    // and the target moves away from under it: lit when looked at, it was no
    // longer under the pointer a few milliseconds later, and the drop landed
    // on nothing (a flake of the plenum-view bench's smoke test). So let go
    // only once the target has stood still for two frames and is lit.
    for (let attempt = 0; ; attempt++) {
      const to = await zone.boundingBox();
      if (!to) throw new Error('drag: target not visible');
      const end = { x: to.x + to.width / 2, y: to.y + Math.min(to.height / 2, 20) };
      await this.page.mouse.move(end.x, end.y, { steps: attempt === 0 ? 12 : 2 });
      await this.page.mouse.move(end.x, end.y + 1);
      if ((await standsStill(zone)) && (await lit.isVisible())) break;
      if (attempt === 20) throw new Error(`drag: "${text}" did not come to rest over its target`);
    }
  }

  /**
   * "Zur Zusammenfassung …" with keys only: focus the card's menu button,
   * Enter opens the list (focus on its first entry), Tab walks to the entry
   * `choice` ("Neuer Punkt", "Zu Punkt 2: …"), Enter picks it.
   */
  async mergeByKeyboard(text: string, choice: string): Promise<void> {
    const card = this.card(text);
    const button = card.locator('.to-summary .plenum-menu-button');
    await button.focus();
    await this.page.keyboard.press('Enter');
    const entries = card.locator('.plenum-menu-item');
    try {
      await entries.first().waitFor({ timeout: 10_000 });
    } catch {
      const focused = await this.page.evaluate(() => (document.activeElement?.outerHTML ?? 'nothing').slice(0, 200));
      throw new Error(`the menu of "${text}" did not open on Enter; the focus is on ${focused}`);
    }
    const labels = await entries.allInnerTexts();
    const at = labels.findIndex((label) => label.startsWith(choice));
    if (at < 0) throw new Error(`no entry "${choice}" in ${JSON.stringify(labels)}`);
    for (let i = 0; i < at; i++) await this.page.keyboard.press('Tab');
    await this.page.keyboard.press('Enter');
  }

  /** "Zeigen" on a card: every participant and viewer page shows it. */
  async presentCard(text: string): Promise<void> {
    await this.card(text).locator('.present-button').click();
  }

  async presentItem(n: number): Promise<void> {
    await this.item(n).locator('.present-button').click();
  }

  /** "Alle sehen gerade: …" on the moderator's page. */
  presentationStatus(): Locator {
    return this.page.getByTestId('presentation-status');
  }

  async undo(): Promise<void> {
    await this.root.locator('.undo-buttons .undo-button').click();
  }

  notice(): Locator {
    return this.page.getByTestId('plenum-notice');
  }

  similarPairs(): Locator {
    return this.page.getByTestId('similar-pair');
  }
}

/** What a participant or viewer page shows of a presentation. */
export class PresentedPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('presented');
  }

  cardTexts(): Promise<string[]> {
    return this.root.locator('.presented-card-text').allInnerTexts();
  }

  async leave(): Promise<void> {
    await this.page.locator('.follow-bar button').click();
  }

  async backToPresentation(): Promise<void> {
    await this.page.getByRole('button', { name: 'Zurück zur Präsentation' }).click();
    await this.root.waitFor();
  }
}

/** Whether the element is in the same place on the screen two frames later. */
function standsStill(element: Locator): Promise<boolean> {
  return element.evaluate(
    (node) =>
      new Promise<boolean>((resolve) => {
        const before = node.getBoundingClientRect();
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const after = node.getBoundingClientRect();
            resolve(after.x === before.x && after.y === before.y);
          }),
        );
      }),
  );
}
