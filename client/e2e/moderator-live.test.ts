import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCard } from '@plenum/shared/board-doc';
import { addGroup } from '@plenum/shared/session-doc';
import { BoardPage } from './pages/BoardPage.ts';
import { ModeratorPage } from './pages/ModeratorPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import { type TestServer } from './support/server.ts';
import { startedWorkshop, type SessionControl } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// What the moderator changes while a phase runs (issue 9): removing a column
// that holds cards asks first and can be undone; private writing shows counts
// per group, never texts; the participants' form of address is chosen live.

const SEEN = { timeout: 5000 };

describe('moderator during a running phase', () => {
  let browser: Browser;
  let server: TestServer;
  const controls: SessionControl[] = [];
  withBrowserAndServer(
    (b, s) => {
      browser = b;
      server = s;
    },
    () => {
      for (const control of controls) control.close();
    },
  );

  it('removing a column with cards asks first, naming the count and the column they go to; confirming moves them there, “Rückgängig” brings the column and its cards back', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls);
    const phase = moderator.phase(0);
    const [ideas, questions] = phase.prompts;
    const board = await moderator.board(0, 0);
    addCard(board, { columnId: ideas!.id, text: 'Eine Idee' });
    addCard(board, { columnId: questions!.id, text: 'Wer macht mit?' });
    addCard(board, { columnId: questions!.id, text: 'Bis wann?' });

    const participantTab = await newPage(browser);
    const participant = new BoardPage(participantTab.page);
    await participant.open(session.links.participant, { name: 'Ina' });
    await expect.poll(() => participant.cardTexts('Fragen'), SEEN).toEqual(['Wer macht mit?', 'Bis wann?']);

    const tab = await newPage(browser);
    const mod = new ModeratorPage(tab.page);
    await mod.open(session.links.moderator);
    await mod.openPhase('Sammlung');
    await mod.removePrompt('Fragen');
    const dialog = mod.dialog();
    await dialog.waitFor();
    const question = await dialog.innerText();
    expect(question).toContain('„Fragen“');
    expect(question).toContain('2 Karten');
    expect(question).toContain('„Ideen“');
    expect(await axeViolations(tab.page)).toEqual([]);

    // Cancel keeps everything as it was.
    await mod.answerDialog(false);
    expect(await mod.promptTexts()).toEqual(['Ideen', 'Fragen', 'Nächste Schritte']);

    await mod.removePrompt('Fragen');
    await mod.answerDialog(true);
    await expect.poll(() => mod.promptTexts(), SEEN).toEqual(['Ideen', 'Nächste Schritte']);
    const notice = mod.promptNotice();
    await expect.poll(() => notice.innerText(), SEEN).toContain('„Ideen“');
    expect(await notice.innerText()).toContain('2 Karten');
    await expect.poll(() => participant.column('Fragen').count(), SEEN).toBe(0);
    await expect.poll(() => participant.cardTexts('Ideen'), SEEN).toEqual(['Eine Idee', 'Wer macht mit?', 'Bis wann?']);
    expect(await axeViolations(tab.page)).toEqual([]);

    await mod.undoPromptRemoval();
    await expect.poll(() => mod.promptTexts(), SEEN).toEqual(['Ideen', 'Fragen', 'Nächste Schritte']);
    await expect.poll(() => participant.cardTexts('Fragen'), SEEN).toEqual(['Wer macht mit?', 'Bis wann?']);
    expect(await participant.cardTexts('Ideen')).toEqual(['Eine Idee']);
    await expect.poll(() => mod.promptNotice().innerText(), SEEN).toContain('wieder da');
    expect(await mod.promptNotice().getByRole('button', { name: 'Rückgängig' }).count()).toBe(0);

    // An empty column of the running phase is asked about too, saying no card is affected.
    await mod.removePrompt('Nächste Schritte');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('keine Karten');
    await mod.answerDialog(true);
    await expect.poll(() => mod.promptTexts(), SEEN).toEqual(['Ideen', 'Fragen']);

    expect(tab.errors).toEqual([]);
    expect(participantTab.errors).toEqual([]);
    await tab.context.close();
    await participantTab.context.close();
  });

  it('while participants write privately the moderator sees each group’s card and writer counts, never the texts; after the reveal the texts appear', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls, { privateWriting: true });
    addGroup(moderator.doc, moderator.phase(0).id, { name: 'Gruppe 2' });

    const tab = await newPage(browser);
    const mod = new ModeratorPage(tab.page);
    await mod.open(session.links.moderator);
    await mod.openPhase('Sammlung');
    await expect.poll(() => mod.privateCount('Gruppe 1').innerText(), SEEN).toContain('0 Karten');

    const tabA = await newPage(browser);
    const tabB = await newPage(browser);
    const a = new BoardPage(tabA.page);
    const b = new BoardPage(tabB.page);
    await a.open(session.links.participant, { name: 'Ina', group: 'Gruppe 1' });
    await b.open(session.links.participant, { name: 'Jonas', group: 'Gruppe 1' });
    await a.addCard('Ideen', 'Geheime Idee von Ina');
    await a.addCard('Fragen', 'Geheime Frage von Ina');
    await b.addCard('Ideen', 'Geheime Idee von Jonas');
    await expect.poll(() => a.savedStatus(), SEEN).toBe('true');
    await expect.poll(() => b.savedStatus(), SEEN).toBe('true');

    await expect.poll(() => mod.privateCount('Gruppe 1').innerText(), SEEN).toBe('Privat geschrieben: 3 Karten von 2 Personen');
    expect(await mod.privateCount('Gruppe 2').innerText()).toBe('Privat geschrieben: 0 Karten');
    const page = await tab.page.locator('body').innerText();
    for (const secret of ['Geheime Idee von Ina', 'Geheime Frage von Ina', 'Geheime Idee von Jonas']) expect(page).not.toContain(secret);
    expect(await axeViolations(tab.page)).toEqual([]);

    await mod.revealPrivate();
    await expect.poll(() => mod.groupPeek('Gruppe 1').innerText(), SEEN).toContain('Geheime Idee von Jonas');
    expect(await mod.privateCount('Gruppe 1').count()).toBe(0);
    expect(tab.errors).toEqual([]);
    for (const t of [tab, tabA, tabB]) await t.context.close();
  });

  it('participants are addressed with “Sie” by default; choosing “du” changes an open participant page at once', async () => {
    const { session } = await startedWorkshop(server.url, controls);
    const participantTab = await newPage(browser);
    const participant = new BoardPage(participantTab.page);
    await participantTab.page.goto(session.links.participant);
    const form = participant.join.form;
    await form.waitFor();
    await form.getByText('Ihr Name (freiwillig)').waitFor();

    const tab = await newPage(browser);
    const mod = new ModeratorPage(tab.page);
    await mod.open(session.links.moderator);
    await mod.showWorkshop();
    expect(await mod.addressChoice('formal').isChecked()).toBe(true);
    expect(await axeViolations(tab.page)).toEqual([]);
    await mod.addressChoice('informal').check();

    await form.getByText('Dein Name (freiwillig)').waitFor(SEEN);
    await participant.join.join({ name: 'Dana' });
    await participant.board.waitFor();
    await expect.poll(() => participant.presenceNames(), SEEN).toEqual(['Dana (du)']);

    await mod.addressChoice('formal').check();
    await expect.poll(() => participant.presenceNames(), SEEN).toEqual(['Dana (Sie)']);
    expect(tab.errors).toEqual([]);
    expect(participantTab.errors).toEqual([]);
    await tab.context.close();
    await participantTab.context.close();
  });
});
