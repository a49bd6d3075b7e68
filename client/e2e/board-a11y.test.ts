import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCard } from '@plenum/shared/board-doc';
import { BoardPage } from './pages/BoardPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import { createSession, type TestServer } from './support/server.ts';
import { controlSession, type SessionControl } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// axe-core (WCAG 2.0/2.1 A and AA) on every participant screen, in German
// and English, on a laptop and a phone; and nothing is fetched from elsewhere.

async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('accessibility of the participant screens', () => {
  let browser: Browser;
  let server: TestServer;
  let moderator: SessionControl;

  withBrowserAndServer(
    (b, s) => {
      browser = b;
      server = s;
    },
    () => {
      moderator?.close();
    },
  );

  // Fourteen axe runs in two viewports: about 30 s alone, past the default
  // 60 s when the whole suite shares a busy 2-core machine.
  it('axe: join step, waiting screen, information phase and a board with cards have no WCAG 2.1 AA violations (de and en, 1280 and 360 px)', { timeout: 150_000 }, async () => {
    const session = await createSession(server.url, { template: 'bilanz-zukunft', title: 'Bilanz & Zukunft' });
    moderator = await controlSession(server.url, session);
    const origin = new URL(server.url).origin;

    // Someone else on the board, so presence, authors and the editing label show.
    const other = await newPage(browser);
    const otherBoard = new BoardPage(other.page);

    for (const width of [1280, 360]) {
      const tab = await newPage(browser, { viewport: { width, height: 720 } });
      const { page } = tab;
      const board = new BoardPage(page);
      const setLanguage = (label: 'Deutsch' | 'English') => page.locator('.language-switch select').selectOption({ label });

      moderator.start(null);
      await page.goto(session.links.participant);
      await board.join.waitFor();
      await expectNoViolations(page, `${width}px join step`);
      await board.join.join({ name: 'Gül' });
      await page.getByTestId('waiting').waitFor();
      await expectNoViolations(page, `${width}px waiting`);

      moderator.start(0);
      await page.getByTestId('phase-info').waitFor();
      await expectNoViolations(page, `${width}px information phase`);

      moderator.start(1);
      await board.join.waitFor();
      await board.join.join({}); // no group: the error is shown
      await page.getByRole('alert').waitFor();
      await expectNoViolations(page, `${width}px group choice with error`);
      await board.join.join({ group: 'Arbeitsgruppe 1' });
      await board.board.waitFor();

      if (width === 1280) {
        await otherBoard.open(session.links.participant, { name: 'Hannes', group: 'Arbeitsgruppe 1' });
        await otherBoard.addCard('Die Zusammenarbeit mit dem Jugendamt bzw. den freien Trägern', 'Kurze Wege, gute Absprachen');
      }
      const column = 'Die Arbeit im eigenen Hause – interne Prozesse und Arbeitsorganisation';
      await board.addCard(column, `Interne Prozesse besser koordinieren (${width})`);
      await board.vote(`Interne Prozesse besser koordinieren (${width})`, 1);
      await expect.poll(() => board.cardTexts(column)).toContain(`Interne Prozesse besser koordinieren (${width})`);
      await expect.poll(() => board.presenceNames()).toHaveLength(2);
      if ((await other.page.locator('.card-editor').count()) === 0) {
        await otherBoard.card('Kurze Wege, gute Absprachen').locator('.edit-button').click();
      }
      await page.getByTestId('card-editing').waitFor();
      await expectNoViolations(page, `${width}px board (de)`);

      // In English, with the move menu and an editor open, and after the reveal.
      await setLanguage('English');
      await board.card(`Interne Prozesse besser koordinieren (${width})`).locator('.move-menu-button').click();
      await page.locator('.move-menu-list').waitFor();
      await expectNoViolations(page, `${width}px board (en) with move menu`);
      await page.keyboard.press('Escape');
      await board.card(`Interne Prozesse besser koordinieren (${width})`).locator('.edit-button').click();
      await page.locator('.card-editor textarea').waitFor();
      moderator.flag(1, 'votesRevealed', true);
      await page.locator('[data-total-votes]').first().waitFor();
      await expectNoViolations(page, `${width}px board (en) with editor and vote totals`);
      await page.keyboard.press('Escape');
      moderator.flag(1, 'votesRevealed', false);
      await setLanguage('Deutsch');

      for (const url of tab.requests) expect(new URL(url).origin).toBe(origin);
      expect(tab.errors).toEqual([]);
      await tab.context.close();
    }
    for (const url of other.requests) expect(new URL(url).origin).toBe(origin);
    await other.context.close();
  });

  it('axe: the viewer’s board has no violations', async () => {
    const session = await createSession(server.url, { template: 'bilanz-zukunft' });
    const control = await controlSession(server.url, session);
    control.start(1);
    const tab = await newPage(browser);
    const board = new BoardPage(tab.page);
    await board.open(session.links.viewer);
    await tab.page.getByTestId('group-picker').waitFor();
    await expectNoViolations(tab.page, 'viewer board');
    control.close();
    await tab.context.close();
  });
  // Issue 12 tried `content-visibility: auto` on the cards (a 500-card
  // board's first frame spends about a third of its time on style, layout and
  // paint): Chromium then left the buttons of cards far out of sight out of
  // its accessibility tree, so a screen reader could not reach them. Cards out
  // of sight must stay in that tree and in the tab order, and a card reached
  // by Tab opens its editor.
  it('a long board: cards far out of sight are in the accessibility tree and the tab order, and Tab and Enter open the editor of one', async () => {
    const session = await createSession(server.url);
    const control = await controlSession(server.url, session);
    control.start(0);
    const doc = await control.board(0, 0);
    const columns = control.phase(0).prompts.map((p) => p.id);
    doc.transact(() => {
      for (let i = 0; i < 60; i++) addCard(doc, { columnId: columns[i % columns.length]!, text: `Karte ${i}` });
    });
    const tab = await newPage(browser);
    const { page } = tab;
    const board = new BoardPage(page);
    await board.open(session.links.participant);
    await expect.poll(() => page.locator('li.card').count()).toBe(60);

    // "Karte 59" is the last card of the third column, far below the fold.
    const last = board.card('Karte 59');
    const editName = await last.locator('.edit-button').getAttribute('aria-label');
    expect(editName).toBe('Bearbeiten „Karte 59“');
    expect(await last.evaluate((el) => el.getBoundingClientRect().top > window.innerHeight * 2)).toBe(true);

    // Chromium updates its accessibility tree after the DOM: asked until the button is there.
    const cdp = await tab.context.newCDPSession(page);
    const axRole = async (name: string | null) => {
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      return nodes.find((n) => !n.ignored && n.name?.value === name)?.role?.value;
    };
    await expect.poll(() => axRole(editName)).toBe('button');
    await cdp.detach();

    // From the card above it, Tab goes on to its drag handle, then to "Bearbeiten".
    await board.card('Karte 56').locator('.move-menu-button').focus();
    const focused = () => page.evaluate(() => `${document.activeElement?.closest('li.card')?.querySelector('.card-text')?.textContent} ${document.activeElement?.className}`);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Karte 59 icon-button drag-handle');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Karte 59 icon-button edit-button');
    await page.keyboard.press('Enter');
    const editor = page.locator('.card-editor textarea');
    await editor.waitFor();
    expect(await editor.evaluate((el) => document.activeElement === el && (el as HTMLTextAreaElement).value)).toBe('Karte 59');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await expectNoViolations(page, 'long board');
    expect(tab.errors).toEqual([]);
    control.close();
    await tab.context.close();
  });
});
