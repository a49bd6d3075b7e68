import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCards } from '@plenum/shared/board-doc';
import { BoardPage } from './pages/BoardPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import type { TestServer } from './support/server.ts';
import { startedWorkshop, type SessionControl } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// Editing an existing card (issue 9: "no silent loss of a colleague's
// words"). A card's text is a Y.Text edited live (board schema 3), so two
// people typing in one card keep both their words, and a reload keeps what
// was typed, with no "save" needed.

const SEEN = { timeout: 5000 };

describe('editing a card (issue 9)', () => {
  let browser: Browser;
  let server: TestServer;
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

  async function person(link: string, name?: string) {
    const tracked = await newPage(browser);
    const board = new BoardPage(tracked.page);
    await board.open(link, name === undefined ? {} : { name });
    return board;
  }

  /** The card texts of the first board as the stock y-websocket client reads them from the server. */
  async function storedTexts(moderator: SessionControl): Promise<string[]> {
    const doc = await moderator.board(0, 0);
    for (const card of doc.getMap<Y.Map<unknown>>('cards').values()) expect(card.get('text')).toBeInstanceOf(Y.Text);
    return readCards(doc).map((c) => c.text);
  }

  it('two people typing in one card at once both keep their words, on both pages and on the server', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls);
    const a = await person(session.links.participant, 'Anna');
    const b = await person(session.links.participant, 'Ben');
    await a.addCard('Ideen', 'Fortbildung');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Fortbildung']);

    await a.startEditing('Fortbildung');
    await expect.poll(() => b.editingLabel('Fortbildung'), SEEN).toBe('Anna bearbeitet gerade');
    await b.startEditing('Fortbildung');
    // Anna types at the end, Ben at the start, each seeing the other's words
    // arrive in the open editor while typing.
    await a.type(' im');
    await expect.poll(() => b.editorText(), SEEN).toBe('Fortbildung im');
    await b.page.keyboard.press('Control+Home');
    await b.type('Gemeinsame ');
    await expect.poll(() => a.editorText(), SEEN).toBe('Gemeinsame Fortbildung im');
    await a.type(' Sozialraum');
    await expect.poll(() => b.editorText(), SEEN).toBe('Gemeinsame Fortbildung im Sozialraum');
    await b.type('und ');
    await a.finishEditing();
    await b.finishEditing();

    const both = ['Gemeinsame und Fortbildung im Sozialraum'];
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(both);
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(both);
    await expect.poll(() => storedTexts(moderator), SEEN).toEqual(both);
  });

  it('a reload in the middle of editing an existing card keeps what was typed', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls);
    const a = await person(session.links.participant);
    await a.addCard('Fragen', 'Entwurf');
    await a.startEditing('Entwurf');
    await a.type(' mit Nachtrag');
    await a.reload();
    await expect.poll(() => a.cardTexts('Fragen'), SEEN).toEqual(['Entwurf mit Nachtrag']);
    await expect.poll(() => storedTexts(moderator), SEEN).toEqual(['Entwurf mit Nachtrag']);
  });

  it('Escape takes back only this editor’s own typing; what someone else typed meanwhile stays', async () => {
    const { session } = await startedWorkshop(server.url, controls);
    const a = await person(session.links.participant);
    const b = await person(session.links.participant);
    await a.addCard('Ideen', 'Mitte');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Mitte']);
    await a.startEditing('Mitte');
    await b.startEditing('Mitte');
    await a.type(' von Anna');
    await expect.poll(() => b.editorText(), SEEN).toBe('Mitte von Anna');
    await b.page.keyboard.press('Control+Home');
    await b.type('Ben: ');
    await expect.poll(() => a.editorText(), SEEN).toBe('Ben: Mitte von Anna');
    await a.page.keyboard.press('Escape');
    await expect.poll(() => b.editorText(), SEEN).toBe('Ben: Mitte');
    await b.finishEditing();
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Ben: Mitte']);
    // The undo button brings the cancelled words back (Escape is one step of undo).
    await a.undo();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Ben: Mitte von Anna']);
  });

  it('one edit typed key by key is one step of undo, and undoing it leaves the other person’s words', async () => {
    const { session } = await startedWorkshop(server.url, controls);
    const a = await person(session.links.participant);
    const b = await person(session.links.participant);
    await a.addCard('Ideen', 'Kaffee');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Kaffee']);
    await a.startEditing('Kaffee');
    await a.type(' und Kuchen');
    await a.finishEditing();
    await b.startEditing('Kaffee und Kuchen');
    await b.page.keyboard.press('Control+Home');
    await b.type('Mehr ');
    await b.finishEditing();
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Mehr Kaffee und Kuchen']);
    await a.undo();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Mehr Kaffee']);
    await a.redo();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Mehr Kaffee und Kuchen']);
  });

  it('typing through an input method (IME) keeps the composed characters and what someone else typed meanwhile', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls);
    const a = await person(session.links.participant);
    const b = await person(session.links.participant);
    await a.addCard('Ideen', 'Gr');
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Gr']);
    await a.startEditing('Gr');
    await b.startEditing('Gr');
    // Anna composes "ü" as an input method does (dead key, then the letter)…
    const cdp = await a.page.context().newCDPSession(a.page);
    await cdp.send('Input.imeSetComposition', { text: '¨', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'ü', selectionStart: 1, selectionEnd: 1 });
    // …while Ben types at the start; Anna's editor must not be rewritten mid-composition.
    await b.page.keyboard.press('Control+Home');
    await b.type('Neu: ');
    await expect.poll(() => storedTexts(moderator), SEEN).toEqual(['Neu: Gr']);
    expect(await a.editorText()).toBe('Grü');
    await cdp.send('Input.insertText', { text: 'ü' });
    await cdp.detach();
    await a.type('n');
    await expect.poll(() => a.editorText(), SEEN).toBe('Neu: Grün');
    await a.finishEditing();
    await b.finishEditing();
    await expect.poll(() => b.cardTexts('Ideen'), SEEN).toEqual(['Neu: Grün']);
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Neu: Grün']);
  });

  it('a script replacing the text of a card being edited: the editor follows it and offers back what was typed', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls);
    const a = await person(session.links.participant);
    await a.addCard('Ideen', 'Alt');
    await a.startEditing('Alt');
    await a.type(' und neu');
    // As a schema 2 script writes: a plain string, replacing the text whole.
    const board = await moderator.board(0, 0);
    await expect.poll(() => readCards(board).map((c) => c.text), SEEN).toEqual(['Alt und neu']);
    const card = [...board.getMap<Y.Map<unknown>>('cards').values()][0]!;
    card.set('text', 'Vom Skript');
    await expect.poll(() => a.editorText(), SEEN).toBe('Vom Skript');
    const rescue = a.page.getByTestId('rescue');
    await rescue.waitFor({ timeout: SEEN.timeout });
    expect(await rescue.locator('.rescue-text').innerText()).toBe('Alt und neu');
    expect(await rescue.innerText()).toContain('von außen ersetzt');
    expect(await axeViolations(a.page)).toEqual([]);
    await a.type('!');
    await a.finishEditing();
    await expect.poll(() => storedTexts(moderator), SEEN).toEqual(['Vom Skript!']);
  });
});
