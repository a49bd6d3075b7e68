import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { newPage, type TrackedPage } from './support/browser.ts';
import type { TestServer } from './support/server.ts';
import { startedWorkshop, type SessionControl } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// Two people on one group board, each in their own browser context: what one
// does, the other sees. Polls with a timeout; never asserts on timings.

const SEEN = { timeout: 5000 };

describe('the group board with two participants', () => {
  let browser: Browser;
  let server: TestServer;
  const opened: TrackedPage[] = [];
  const controls: SessionControl[] = [];

  withBrowserAndServer(
    (b, s) => {
      browser = b;
      server = s;
    },
    () => {
      for (const c of controls) c.close();
    },
  );

  const workshop = (patch?: Parameters<typeof startedWorkshop>[2]) => startedWorkshop(server.url, controls, patch);

  async function person(link: string, name?: string) {
    const tracked = await newPage(browser);
    opened.push(tracked);
    const board = new BoardPage(tracked.page);
    await board.open(link, name === undefined ? {} : { name });
    return { board, tracked };
  }

  function expectSameOrigin() {
    const origin = new URL(server.url).origin;
    for (const { requests } of opened) for (const url of requests) expect(new URL(url).origin).toBe(origin);
  }

  it('adds, edits, moves (keyboard, mouse, menu) and deletes cards, and each person sees the other’s changes', async () => {
    const { session } = await workshop();
    const { board: a, tracked: ta } = await person(session.links.participant, 'Ayşe');
    const { board: b, tracked: tb } = await person(session.links.participant);

    await a.addCard('Ideen', 'Mehr Zeit für Fallbesprechungen');
    await a.addCard('Ideen', 'Gemeinsame Fortbildungen');
    await b.addCard('Ideen', 'Kollegiale Beratung\nmit freien Trägern');
    const all = ['Mehr Zeit für Fallbesprechungen', 'Gemeinsame Fortbildungen', 'Kollegiale Beratung\nmit freien Trägern'];
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(all);
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(all);
    // Author and time: the name when one was given, nothing when anonymous.
    expect(await b.card('Gemeinsame Fortbildungen').locator('.card-author').innerText()).toBe('Ayşe');
    expect(await a.card('Kollegiale Beratung\nmit freien Trägern').locator('.card-author').count()).toBe(0);
    expect(await a.card('Gemeinsame Fortbildungen').locator('time').innerText()).toMatch(/^\d{2}:\d{2}$/);

    await b.editCard('Gemeinsame Fortbildungen', 'Gemeinsame Fortbildungen im Sozialraum');
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toContain('Gemeinsame Fortbildungen im Sozialraum');

    // Keyboard: pick up, one column to the right, drop.
    await a.moveCardByKeyboard('Mehr Zeit für Fallbesprechungen', ['ArrowRight']);
    await expect.poll(() => b.cardTexts('Fragen'), SEEN).toEqual(['Mehr Zeit für Fallbesprechungen']);
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Gemeinsame Fortbildungen im Sozialraum', 'Kollegiale Beratung\nmit freien Trägern']);

    // Mouse: B drags the last card above the first one in the same column.
    await b.dragCard('Kollegiale Beratung\nmit freien Trägern', { beforeCard: 'Gemeinsame Fortbildungen im Sozialraum' });
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Kollegiale Beratung\nmit freien Trägern', 'Gemeinsame Fortbildungen im Sozialraum']);

    // Mouse, between columns.
    await b.dragCard('Gemeinsame Fortbildungen im Sozialraum', { column: 'Nächste Schritte' });
    await expect.poll(() => a.cardTexts('Nächste Schritte'), SEEN).toEqual(['Gemeinsame Fortbildungen im Sozialraum']);

    // The single-pointer alternative to dragging.
    await a.moveCardByMenu('Kollegiale Beratung\nmit freien Trägern', 'ans Ende von „Fragen“');
    await expect.poll(() => b.cardTexts('Fragen'), SEEN).toEqual(['Mehr Zeit für Fallbesprechungen', 'Kollegiale Beratung\nmit freien Trägern']);
    await a.moveCardByMenu('Kollegiale Beratung\nmit freien Trägern', 'eine Stelle nach oben');
    await expect.poll(() => b.cardTexts('Fragen'), SEEN).toEqual(['Kollegiale Beratung\nmit freien Trägern', 'Mehr Zeit für Fallbesprechungen']);

    await b.deleteCard('Mehr Zeit für Fallbesprechungen');
    await expect.poll(() => a.cardTexts('Fragen'), SEEN).toEqual(['Kollegiale Beratung\nmit freien Trägern']);

    // Everything is on the server: a reload shows the same board.
    await expect.poll(() => a.savedStatus(), SEEN).toBe('true');
    await expect.poll(() => b.savedStatus(), SEEN).toBe('true');
    await a.reload();
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual([]);
    await expect.poll(() => a.cardTexts('Fragen'), SEEN).toEqual(['Kollegiale Beratung\nmit freien Trägern']);
    await expect.poll(() => a.cardTexts('Nächste Schritte'), SEEN).toEqual(['Gemeinsame Fortbildungen im Sozialraum']);
    expectSameOrigin();
    expect(ta.errors).toEqual([]);
    expect(tb.errors).toEqual([]);
  });

  it('moves a card between columns by touch on a phone-sized screen', async () => {
    const { session } = await workshop();
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, locale: 'de-DE' });
    const phone = new BoardPage(await context.newPage());
    await phone.open(session.links.participant);
    await phone.addCard('Ideen', 'Mit dem Finger verschoben');
    await phone.addCard('Fragen', 'Bleibt hier');
    await phone.dragCardByTouch('Mit dem Finger verschoben', { column: 'Fragen' });
    await expect.poll(() => phone.cardTexts('Fragen'), SEEN).toEqual(['Bleibt hier', 'Mit dem Finger verschoben']);
    expect(await phone.cardTexts('Ideen')).toEqual([]);
    await context.close();
  });

  it('undo and redo take back only your own changes (buttons and Ctrl+Z), and a deleted card comes back', async () => {
    const { session } = await workshop();
    const { board: a } = await person(session.links.participant, 'Anna');
    const { board: b } = await person(session.links.participant, 'Ben');

    await a.addCard('Ideen', 'Von Anna');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Von Anna']);
    await b.addCard('Ideen', 'Von Ben');
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Von Anna', 'Von Ben']);
    await a.editCard('Von Anna', 'Von Anna, überarbeitet');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Von Anna, überarbeitet', 'Von Ben']);

    // Anna's undo reverts her edit, then her card; Ben's card is never touched.
    await a.undoByKeyboard();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Von Anna', 'Von Ben']);
    await a.undo();
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Von Ben']);
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Von Ben']);
    // Nothing of Anna's is left to undo; Ctrl+Z now must not touch Ben's card.
    expect(await a.canUndo()).toBe(false);
    await a.undoByKeyboard();

    await a.undoByKeyboard('Control+Shift+Z');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Von Anna', 'Von Ben']);
    await a.redo();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Von Anna, überarbeitet', 'Von Ben']);
    await a.undo();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Von Anna', 'Von Ben']);
    await a.undoByKeyboard('Control+Y');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Von Anna, überarbeitet', 'Von Ben']);

    // Deleting needs no confirmation because it can be undone from the notice.
    await b.deleteCard('Von Anna, überarbeitet');
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Von Ben']);
    await b.page.getByTestId('board-notice').getByRole('button', { name: 'Rückgängig' }).click();
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Von Anna, überarbeitet', 'Von Ben']);
  });

  it('dot voting: a budget per person, only your own dots until the reveal, then everyone’s totals', async () => {
    const { session, moderator } = await workshop({ votingEnabled: true, votingBudget: 2 });
    const { board: a } = await person(session.links.participant);
    const { board: b } = await person(session.links.participant);
    await a.addCard('Ideen', 'Karte eins');
    await a.addCard('Ideen', 'Karte zwei');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Karte eins', 'Karte zwei']);
    expect(await a.votesLeft()).toBe(2);

    await a.vote('Karte eins', 1);
    await a.vote('Karte eins', 1);
    await expect.poll(() => a.myVotes('Karte eins'), SEEN).toBe(2);
    expect(await a.votesLeft()).toBe(0);
    expect(await a.voteDisabled('Karte zwei', 1)).toBe(true);
    await a.vote('Karte zwei', 1, { evenIfDisabled: true }); // over budget: refused
    expect(await a.myVotes('Karte zwei')).toBe(0);
    await a.vote('Karte eins', -1);
    await a.vote('Karte zwei', 1);
    await b.vote('Karte zwei', 1);

    await expect.poll(() => a.myVotes('Karte zwei'), SEEN).toBe(1);
    await expect.poll(() => b.myVotes('Karte zwei'), SEEN).toBe(1);
    // Before the reveal nobody sees totals, only their own dots.
    await expect.poll(() => b.myVotes('Karte eins'), SEEN).toBe(0);
    expect(await a.totalVotes('Karte zwei')).toBeNull();
    expect(await b.totalVotes('Karte eins')).toBeNull();

    moderator.flag(0, 'votesRevealed', true);
    await expect.poll(() => b.totalVotes('Karte zwei'), SEEN).toBe(2);
    await expect.poll(() => a.totalVotes('Karte eins'), SEEN).toBe(1);
    await a.reload();
    await expect.poll(() => a.myVotes('Karte eins'), SEEN).toBe(1);
    expect(await a.votesLeft()).toBe(0);
  });

  it('shows card text as plain text, never as HTML', async () => {
    const { session } = await workshop();
    const { board: a, tracked } = await person(session.links.participant);
    const { board: b, tracked: tb } = await person(session.links.participant);
    const dialogs: string[] = [];
    for (const p of [tracked.page, tb.page]) p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const html = '<img src=x onerror=alert(1)><script>alert(2)</script><b>fett</b>';
    await a.addCard('Ideen', html);
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual([html]);
    for (const page of [tracked.page, tb.page]) {
      expect(await page.locator('li.card img, li.card script, li.card b').count()).toBe(0);
    }
    await b.reload();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual([html]);
    expect(dialogs).toEqual([]);
    expect(tb.requests.some((url) => new URL(url).pathname === '/x')).toBe(false);
  });

  it('counts down the characters left near the limit and never takes more than the limit', async () => {
    const { session } = await workshop();
    const { board: a } = await person(session.links.participant);
    const input = a.column('Ideen').locator('textarea.card-input');
    await input.fill('x'.repeat(100));
    expect(await a.column('Ideen').locator('.chars-left').innerText()).toBe('');
    await input.fill('x'.repeat(950));
    expect(await a.column('Ideen').locator('.chars-left').innerText()).toBe('Noch 50 Zeichen');
    await input.fill('y'.repeat(1200));
    expect(await a.column('Ideen').locator('.chars-left').innerText()).toBe('Noch 0 Zeichen');
    await input.press('Enter');
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['y'.repeat(1000)]);
  });

  it('shows who is on the board and who is editing which card', async () => {
    const { session } = await workshop();
    const { board: a } = await person(session.links.participant, 'Clara');
    const { board: b } = await person(session.links.participant);
    await expect.poll(async () => (await a.presenceNames()).sort(), SEEN).toEqual(['Anonym', 'Clara (Sie)']);
    await expect.poll(async () => (await b.presenceNames()).sort(), SEEN).toEqual(['Anonym (Sie)', 'Clara']);
    await b.addCard('Fragen', 'Wer lädt ein?');
    await expect.poll(() => a.cardTexts('Fragen'), SEEN).toEqual(['Wer lädt ein?']);
    await a.card('Wer lädt ein?').locator('.edit-button').click();
    await expect.poll(() => b.editingLabel('Wer lädt ein?'), SEEN).toBe('Clara bearbeitet gerade');
    await a.page.keyboard.press('Escape');
    await expect.poll(() => b.editingLabel('Wer lädt ein?'), SEEN).toBeNull();
  });

  it('keeps what is being typed in an open editor when someone else moves that card', async () => {
    const { session } = await workshop();
    const { board: a } = await person(session.links.participant);
    const { board: b } = await person(session.links.participant);
    await a.addCard('Ideen', 'Entwurf');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Entwurf']);
    await a.card('Entwurf').locator('.edit-button').click();
    await a.page.locator('.card-editor textarea').fill('Entwurf, gerade überarbeitet');
    // Typing is live (board schema 3): the other person sees it at once.
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Entwurf, gerade überarbeitet']);
    await b.moveCardByMenu('Entwurf, gerade überarbeitet', 'ans Ende von „Fragen“');
    await expect.poll(() => a.column('Fragen').locator('.card-editor textarea').count(), SEEN).toBe(1);
    expect(await a.page.locator('.card-editor textarea').inputValue()).toBe('Entwurf, gerade überarbeitet');
    await a.page.locator('.card-editor textarea').press('Enter');
    await expect.poll(() => b.cardTexts('Fragen'), SEEN).toEqual(['Entwurf, gerade überarbeitet']);
  });

  it('offers back what was typed when someone else deletes the card being edited', async () => {
    const { session } = await workshop();
    const { board: a } = await person(session.links.participant);
    const { board: b } = await person(session.links.participant);
    await a.addCard('Ideen', 'Wird gelöscht');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Wird gelöscht']);
    await a.card('Wird gelöscht').locator('.edit-button').click();
    await a.page.locator('.card-editor textarea').fill('Mein neuer Gedanke');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Mein neuer Gedanke']);
    await b.deleteCard('Mein neuer Gedanke');
    const rescue = a.page.getByTestId('rescue');
    await rescue.waitFor({ timeout: SEEN.timeout });
    expect(await rescue.locator('.rescue-text').innerText()).toBe('Mein neuer Gedanke');
    expect(await axeViolations(a.page)).toEqual([]);
    await rescue.getByRole('button', { name: 'Als neue Karte sichern' }).click();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Mein neuer Gedanke']);
    expect(await rescue.count()).toBe(0);
  });

  it('a viewer picks the group to watch and can change nothing', async () => {
    const { session, moderator } = await workshop({
      groups: [{ name: 'Gruppe Nord' }, { name: 'Gruppe Süd' }],
    });
    const south = moderator.phase(0).groups.find((g) => g.name === 'Gruppe Süd');
    const { board: a } = await person(`${session.links.participant}&g=${south?.id}`);
    expect(await a.groupName()).toBe('Gruppe Süd');
    await a.addCard('Ideen', 'Aus dem Süden');

    const viewerTab = await newPage(browser);
    opened.push(viewerTab);
    const viewer = new BoardPage(viewerTab.page);
    await viewer.open(session.links.viewer);
    expect(await viewer.groupName()).toBe('Gruppe Nord');
    await expect.poll(() => viewer.cardTexts('Ideen')).toEqual([]);
    await viewerTab.page.getByTestId('group-picker').selectOption({ label: 'Gruppe Süd' });
    await expect.poll(() => viewer.cardTexts('Ideen'), SEEN).toEqual(['Aus dem Süden']);
    const board = viewer.board;
    for (const selector of ['textarea', 'input', '.drag-handle', '.edit-button', '.delete-button', '.move-menu-button', '.undo-button']) {
      expect(await board.locator(selector).count(), selector).toBe(0);
    }
    expect(await viewerTab.page.getByTestId('join-form').count()).toBe(0);
  });
});
