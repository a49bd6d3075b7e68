import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard, readCards, updateCardText } from '../../shared/src/board-doc.ts';
import { present } from '../../shared/src/presentation.ts';
import { addGroup, addPhase } from '../../shared/src/session-doc.ts';
import { LIMITS } from '../../shared/src/limits.ts';
import { addItemFromCard, readLayout } from '../../shared/src/summary-doc.ts';
import { templatePhases } from '../../shared/src/templates.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { PlenumPage, PresentedPage } from './pages/PlenumPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import { countSockets, socketCounts } from './support/socket-counts.ts';
import { withBrowserAndServer } from './support/fixture.ts';
import { createSession, type CreatedSession, type TestServer } from './support/server.ts';
import { controlSession, type SessionControl } from './support/session-control.ts';

// The plenum (issue 10) in a real Chromium against a real server: the
// moderator brings two groups' cards together into one summary, by mouse and
// by keys alone, and presents a card that every participant and viewer page
// follows.

const BILANZ = templatePhases('bilanz-zukunft')[1]!;
const [COLUMN_1, COLUMN_2] = BILANZ.prompts ?? [];

const CARDS_1 = ['Kurze Wege zum Jugendamt', 'Fallberatung im Tandem', 'Mehr Zeit für Dokumentation'];
const CARDS_2 = ['Kurze Wege ins Jugendamt', 'Gemeinsame Fallberatung im Tandem', 'Neue Räume im Stadtteil'];

/** A condition the page reaches after a round trip; generous, as the machine may be busy. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 5_000 });

async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Whether all of the element is inside the window. */
async function inViewport(element: Locator): Promise<boolean> {
  return element.evaluate((node) => {
    const rect = node.getBoundingClientRect();
    return rect.top >= 0 && rect.left >= 0 && rect.bottom <= window.innerHeight && rect.right <= window.innerWidth;
  });
}

/** Whether all of a summary point shows in the summary, above its "neuer Punkt". */
async function inSummaryView(item: Locator): Promise<boolean> {
  return item.evaluate((node) => {
    const panel = node.closest('[data-testid="summary"]')!;
    const foot = panel.querySelector('[data-testid="summary-new"]')!;
    const rect = node.getBoundingClientRect();
    return rect.top >= panel.getBoundingClientRect().top && rect.bottom <= foot.getBoundingClientRect().top;
  });
}

/** Waits until the page has drawn `frames` more frames. */
async function framesPass(page: Page, frames: number): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let left = n;
        const next = () => (--left <= 0 ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    frames,
  );
}

describe('plenum: merge across groups and present', () => {
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

  /** The Bilanz phase started, each group's board with its cards (written as the groups would). */
  async function bilanzWithCards(): Promise<{ session: CreatedSession; control: SessionControl; boards: Y.Doc[] }> {
    const session = await createSession(server.url, { template: 'bilanz-zukunft', title: 'Bilanz & Zukunft' });
    const control = await controlSession(server.url, session);
    controls.push(control);
    control.start(1);
    const columns = control.phase(1).prompts.map((p) => p.id);
    const boards = [await control.board(1, 0), await control.board(1, 1)];
    CARDS_1.forEach((text, i) => addCard(boards[0]!, { columnId: columns[i % 2]!, text, author: 'Gül' }));
    CARDS_2.forEach((text, i) => addCard(boards[1]!, { columnId: columns[i % 2]!, text, author: 'Hannes' }));
    return { session, control, boards };
  }

  /** The Bilanz phase with `groups` groups (the template has two), started, nothing written yet. */
  async function bilanzWithGroups(title: string, groups: number): Promise<{ session: CreatedSession; control: SessionControl; phaseId: string }> {
    const session = await createSession(server.url, { template: 'bilanz-zukunft', title });
    const control = await controlSession(server.url, session);
    controls.push(control);
    const phaseId = control.phase(1).id;
    for (let g = control.phase(1).groups.length; g < groups; g++) addGroup(control.doc, phaseId, { name: `Arbeitsgruppe ${g + 1}` });
    control.start(1);
    return { session, control, phaseId };
  }

  it('the moderator merges cards of two groups by mouse and by keyboard only: items with sources from both groups, the cards on the boards untouched; undo takes back the last step', async () => {
    const { session, control, boards } = await bilanzWithCards();
    const before = boards.map((b) => readCards(b).map((c) => ({ id: c.id, text: c.text, columnId: c.columnId })));
    const tab = await newPage(browser);
    const plenum = new PlenumPage(tab.page);
    await plenum.open(session.links.moderator, 'Bilanzgespräch');
    await plenum.card(CARDS_2[0]!).waitFor();

    // Mouse: a card of group 1 onto "new point", the like card of group 2 onto that point.
    await plenum.dragCard(CARDS_1[0]!, 'new');
    await eventually(() => plenum.itemTexts()).toEqual([CARDS_1[0]]);
    await plenum.dragCard(CARDS_2[0]!, 1);
    await eventually(() => plenum.itemGroups(1)).toBe('aus Arbeitsgruppe 1, Arbeitsgruppe 2');
    expect(await (await plenum.sources(1)).count()).toBe(2);
    expect(await plenum.item(1).locator('.summary-item-heading').innerText()).toBe(COLUMN_1);

    // Keys only: "Zur Zusammenfassung …" → "Neuer Punkt", then the other group's card → "Zu Punkt 2".
    await plenum.mergeByKeyboard(CARDS_1[1]!, 'Neuer Punkt');
    await eventually(() => plenum.itemTexts()).toEqual([CARDS_1[0], CARDS_1[1]]);
    await eventually(() => plenum.notice().innerText()).toContain('ist jetzt Punkt 2');
    await plenum.mergeByKeyboard(CARDS_2[1]!, 'Zu Punkt 2');
    await eventually(() => plenum.itemGroups(2)).toBe('aus Arbeitsgruppe 1, Arbeitsgruppe 2');
    expect(await plenum.item(2).locator('.summary-item-heading').innerText()).toBe(COLUMN_2);
    // Focus came back to the menu button: the keyboard path goes on from where it was.
    expect(await tab.page.evaluate(() => document.activeElement?.classList.contains('plenum-menu-button'))).toBe(true);

    // The cards merged are marked on their boards; nothing on the boards changed.
    await eventually(() => plenum.card(CARDS_2[1]!).locator('.plenum-merged').count()).toBe(1);
    const after = boards.map((b) => readCards(b).map((c) => ({ id: c.id, text: c.text, columnId: c.columnId })));
    expect(after).toEqual(before);

    // Undo: the last merge step only.
    await plenum.undo();
    await eventually(() => plenum.itemGroups(2)).toBe('aus Arbeitsgruppe 1');
    expect(await plenum.itemTexts()).toEqual([CARDS_1[0], CARDS_1[1]]);

    // A source card edited on its board later: the item keeps its text and says so.
    const edited = readCards(boards[1]!).find((c) => c.text === CARDS_2[0])!;
    updateCardText(boards[1]!, edited.id, 'Kurze Wege ins Jugendamt und zurück');
    const rows = await plenum.sources(1);
    await eventually(() => rows.filter({ hasText: 'inzwischen geändert' }).count()).toBe(1);
    expect(await plenum.itemTexts()).toEqual([CARDS_1[0], CARDS_1[1]]);

    // The protocol layout of the phase: merged (the template's choice) or per group.
    expect(readLayout(control.doc, control.phase(1).id)).toBe('merged');
    await plenum.root.getByRole('radio', { name: 'Nach Gruppen' }).check();
    await eventually(() => readLayout(control.doc, control.phase(1).id)).toBe('perGroup');

    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('summary items: edit text and heading, move by buttons, highlight, split, take a source out, delete; on a phone one board at a time', async () => {
    const { session, boards } = await bilanzWithCards();
    const before = boards.map((b) => readCards(b));
    const tab = await newPage(browser, { viewport: { width: 360, height: 720 } });
    const plenum = new PlenumPage(tab.page);
    await plenum.open(session.links.moderator, 'Bilanzgespräch');
    // Narrow: one board, switched with the group buttons.
    await plenum.card(CARDS_1[0]!).waitFor();
    expect(await tab.page.getByTestId('plenum-board').count()).toBe(1);
    await plenum.showGroup('Arbeitsgruppe 2');
    await plenum.card(CARDS_2[0]!).waitFor();
    expect(await plenum.card(CARDS_1[0]!).count()).toBe(0);

    await plenum.mergeByKeyboard(CARDS_2[0]!, 'Neuer Punkt');
    await plenum.items().first().waitFor();
    await plenum.mergeByKeyboard(CARDS_2[2]!, 'Neuer Punkt');
    await eventually(() => plenum.items().count()).toBe(2);
    await plenum.showGroup('Arbeitsgruppe 1');
    await plenum.mergeByKeyboard(CARDS_1[0]!, 'Zu Punkt 1');
    await eventually(() => plenum.itemGroups(1)).toBe('aus Arbeitsgruppe 1, Arbeitsgruppe 2');

    // Edit: own text and heading; the protocol keeps them whatever the cards say.
    await plenum.item(1).locator('.item-edit').click();
    await plenum.item(1).getByLabel('Überschrift (freiwillig)').fill('Zusammenarbeit');
    await plenum.item(1).getByLabel('Text des Punkts').fill('Kurze Wege zwischen Jugendamt und Trägern');
    await plenum.item(1).getByRole('button', { name: 'Speichern' }).click();
    await eventually(() => plenum.itemTexts()).toEqual(['Kurze Wege zwischen Jugendamt und Trägern', CARDS_2[2]]);
    expect(await plenum.item(1).locator('.summary-item-heading').innerText()).toBe('Zusammenarbeit');

    // Move down with the button (focus stays on it), highlight.
    await plenum.item(1).locator('.item-down').click();
    await eventually(() => plenum.itemTexts()).toEqual([CARDS_2[2], 'Kurze Wege zwischen Jugendamt und Trägern']);
    await eventually(() => tab.page.evaluate(() => document.activeElement?.closest('[data-item-id]') !== null)).toBe(true);
    await plenum.item(2).locator('.item-highlight').click();
    await eventually(() => plenum.item(2).locator('.item-highlight').getAttribute('aria-pressed')).toBe('true');

    // Split the second source into a point of its own, right after; then take the other out.
    const sources = await plenum.sources(2);
    await sources.filter({ hasText: CARDS_1[0]! }).getByRole('button', { name: /^Als eigener Punkt/ }).click();
    await eventually(() => plenum.itemTexts()).toEqual([CARDS_2[2], 'Kurze Wege zwischen Jugendamt und Trägern', CARDS_1[0]]);
    expect(await plenum.itemGroups(3)).toBe('aus Arbeitsgruppe 1');
    const left = await plenum.sources(2);
    await left.getByRole('button', { name: /^Herausnehmen/ }).click();
    await eventually(() => plenum.item(2).getByTestId('item-groups').count()).toBe(0);
    expect(await plenum.itemTexts()).toEqual([CARDS_2[2], 'Kurze Wege zwischen Jugendamt und Trägern', CARDS_1[0]]);

    // Delete the first; the cards on the boards are as they were throughout.
    await plenum.item(1).locator('.item-delete').click();
    await eventually(() => plenum.itemTexts()).toEqual(['Kurze Wege zwischen Jugendamt und Trägern', CARDS_1[0]]);
    expect(boards.map((b) => readCards(b))).toEqual(before);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('a participant page and a viewer page follow the presented card, also in a plenum phase; the participant looks away and comes back; the moderator sees what everyone sees', async () => {
    const { session, control } = await bilanzWithCards();
    const modTab = await newPage(browser);
    const plenum = new PlenumPage(modTab.page);
    await plenum.open(session.links.moderator, 'Bilanzgespräch');
    await plenum.card(CARDS_2[2]!).waitFor();

    const participantTab = await newPage(browser);
    const participant = new BoardPage(participantTab.page);
    await participant.open(session.links.participant, { name: 'Gül', group: 'Arbeitsgruppe 1' });
    const viewerTab = await newPage(browser);
    await viewerTab.page.goto(session.links.viewer);
    await viewerTab.page.locator('section.board').waitFor();

    await plenum.presentCard(CARDS_2[2]!);
    await eventually(() => plenum.presentationStatus().innerText()).toContain('Alle sehen gerade: Eine Karte von Arbeitsgruppe 2');

    const onParticipant = new PresentedPage(participantTab.page);
    const onViewer = new PresentedPage(viewerTab.page);
    await eventually(() => onParticipant.cardTexts()).toEqual([CARDS_2[2]]);
    await eventually(() => onViewer.cardTexts()).toEqual([CARDS_2[2]]);
    expect(await onViewer.root.getAttribute('class')).toContain('presented-large');

    // Looking away: the own board, with the way back.
    await onParticipant.leave();
    await participant.board.waitFor();
    await onParticipant.backToPresentation();
    // The presented card's board opens again on the way back: its text follows the frame.
    await eventually(() => onParticipant.cardTexts()).toEqual([CARDS_2[2]]);

    // The moderator presents a summary item: everyone follows the new choice.
    await plenum.mergeByKeyboard(CARDS_1[2]!, 'Neuer Punkt');
    await plenum.items().first().waitFor();
    await plenum.presentItem(1);
    await eventually(() => viewerTab.page.getByTestId('presented-item').allInnerTexts()).toEqual([
      expect.stringContaining(CARDS_1[2]!),
    ]);
    await eventually(() => participantTab.page.getByTestId('presented-item').count()).toBe(1);

    // Ending the presentation gives everyone their own screen back.
    await plenum.presentationStatus().getByRole('button', { name: 'Präsentation beenden' }).click();
    await participant.board.waitFor();
    await viewerTab.page.locator('section.board').waitFor();
    expect(await viewerTab.page.getByTestId('presented').count()).toBe(0);

    // A phase of the kind 'plenum': without a presentation the sentence, with one what is presented.
    addPhase(control.doc, { title: 'Plenum', kind: 'plenum' });
    control.start(control.phases().length - 1);
    await participantTab.page.getByTestId('phase-info').waitFor();
    expect(await participantTab.page.getByTestId('phase-info').innerText()).toContain('Was die Moderation zeigt, erscheint hier von selbst.');
    await plenum.presentCard(CARDS_2[2]!);
    await eventually(() => onParticipant.cardTexts()).toEqual([CARDS_2[2]]);
    await eventually(() => onViewer.cardTexts()).toEqual([CARDS_2[2]]);

    for (const tab of [modTab, participantTab, viewerTab]) {
      expect(tab.errors).toEqual([]);
      await tab.context.close();
    }
  });

  it('similar cards: the moderator merges one suggestion into one item and dismisses another, which stays dismissed after a reload', async () => {
    const { session } = await bilanzWithCards();
    const tab = await newPage(browser);
    const plenum = new PlenumPage(tab.page);
    await plenum.open(session.links.moderator, 'Bilanzgespräch');
    const pair = (a: string, b: string) => plenum.similarPairs().filter({ hasText: a }).filter({ hasText: b });
    await pair(CARDS_1[0]!, CARDS_2[0]!).waitFor();
    await pair(CARDS_1[1]!, CARDS_2[1]!).waitFor();

    await pair(CARDS_1[0]!, CARDS_2[0]!).getByRole('button', { name: /^Zusammenführen/ }).click();
    await eventually(() => plenum.itemGroups(1)).toBe('aus Arbeitsgruppe 1, Arbeitsgruppe 2');
    await eventually(() => pair(CARDS_1[0]!, CARDS_2[0]!).count()).toBe(0);

    await pair(CARDS_1[1]!, CARDS_2[1]!).getByRole('button', { name: /^Verwerfen/ }).click();
    await eventually(() => pair(CARDS_1[1]!, CARDS_2[1]!).count()).toBe(0);
    await tab.page.reload();
    await plenum.moderator.ready();
    await plenum.moderator.openPhase('Bilanzgespräch');
    await tab.page.getByTestId('open-plenum').click();
    await plenum.card(CARDS_2[1]!).waitFor();
    await tab.page.getByTestId('similar-cards').waitFor();
    expect(await pair(CARDS_1[1]!, CARDS_2[1]!).count()).toBe(0);
    expect(await plenum.itemTexts()).toEqual([CARDS_1[0]]);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('statements live: the moderator notes points under each speaker, switching with one click, and deletes one (axe: no violations); a viewer sees them appear; the join step asks for a speaker, not "Deine Gruppe"', async () => {
    const session = await createSession(server.url, { template: 'bilanz-zukunft', title: 'Bilanz & Zukunft' });
    const control = await controlSession(server.url, session);
    controls.push(control);
    control.start(3);
    const viewerTab = await newPage(browser);
    await viewerTab.page.goto(session.links.viewer);
    await viewerTab.page.locator('section.board').waitFor();

    const modTab = await newPage(browser);
    const plenum = new PlenumPage(modTab.page);
    await plenum.moderator.open(session.links.moderator);
    await plenum.moderator.openPhase('Abschluss');
    await modTab.page.getByRole('button', { name: 'Statements mitschreiben' }).click();
    const editor = modTab.page.getByTestId('statements-editor');
    const speaker = (name: string) => editor.getByRole('button', { name: new RegExp(`^${name}`) });
    expect(await speaker('Regionalleitung').innerText()).toContain('Vertretung Regionalleitung');
    const write = async (text: string) => {
      const input = editor.locator('textarea.card-input');
      await input.fill(text);
      await input.press('Enter');
      await editor.locator('.statement-text').getByText(text, { exact: true }).waitFor();
    };
    await write('Commitments werden weiter voran gebracht');
    await speaker('Jugendamtsleitung').click();
    expect(await speaker('Jugendamtsleitung').getAttribute('aria-pressed')).toBe('true');
    await write('Sozialraumorientierung weiter entwickeln');
    expect(await editor.getByTestId('statement-points').innerText()).not.toContain('Commitments');
    // A point noted by mistake is deleted again.
    await write('Versehentlich notiert');
    await editor.getByRole('button', { name: 'Löschen: Punkt „Versehentlich notiert“' }).click();
    await eventually(() => editor.locator('.statement-text').allInnerTexts()).toEqual(['Sozialraumorientierung weiter entwickeln']);
    await expectNoViolations(modTab.page, 'statements editor');

    // The viewer shows the first speaker and sees the point appear; then the second speaker's.
    const viewer = new BoardPage(viewerTab.page);
    await eventually(() => viewer.board.locator('.card-text').allInnerTexts()).toEqual(['Commitments werden weiter voran gebracht']);
    await viewerTab.page.getByTestId('group-picker').selectOption({ label: 'Jugendamtsleitung' });
    await eventually(() => viewer.board.locator('.card-text').allInnerTexts()).toEqual(['Sozialraumorientierung weiter entwickeln']);

    // A participant is asked whose statement to see, with the speakers' roles.
    const participantTab = await newPage(browser);
    const board = new BoardPage(participantTab.page);
    await participantTab.page.goto(session.links.participant);
    await board.join.join({ name: 'Gül' }); // no speaker chosen: asked again, in the speakers' words
    await board.join.form.getByRole('alert').waitFor();
    await board.join.form.getByRole('group', { name: 'Sprecher*in' }).waitFor();
    expect(await board.join.form.innerText()).not.toMatch(/deine Gruppe/i);
    expect(await board.join.form.innerText()).toContain('Fachamtsleitung Jugend- und Familienhilfe');
    await board.join.join({ group: 'Regionalleitung' });
    await eventually(() => board.board.locator('.card-text').allInnerTexts()).toEqual(['Commitments werden weiter voran gebracht']);

    for (const tab of [modTab, viewerTab, participantTab]) {
      expect(tab.errors).toEqual([]);
      await tab.context.close();
    }
  });

  for (const width of [1280, 360]) {
    it(`axe: the plenum view, the summary with its sources and editor open, a card menu and the moderator presenting have no WCAG 2.1 AA violations (${width} px)`, async () => {
      const { session } = await bilanzWithCards();
      const modTab = await newPage(browser, { viewport: { width, height: 720 } });
      const plenum = new PlenumPage(modTab.page);
      await plenum.open(session.links.moderator, 'Bilanzgespräch');
      await plenum.card(CARDS_1[0]!).waitFor();
      await plenum.mergeByKeyboard(CARDS_1[0]!, 'Neuer Punkt');
      await plenum.items().first().waitFor();
      await plenum.showGroup('Arbeitsgruppe 2');
      await plenum.mergeByKeyboard(CARDS_2[0]!, 'Zu Punkt 1');
      await eventually(() => plenum.itemGroups(1)).toBe('aus Arbeitsgruppe 1, Arbeitsgruppe 2');
      await plenum.showGroup('Arbeitsgruppe 1');
      await modTab.page.getByTestId('similar-cards').waitFor();
      await expectNoViolations(modTab.page, `${width}px plenum view`);
      await plenum.sources(1);
      await plenum.item(1).locator('.item-edit').click();
      await expectNoViolations(modTab.page, `${width}px summary with sources and editor open`);
      await modTab.page.keyboard.press('Escape');
      await plenum.card(CARDS_1[1]!).locator('.to-summary .plenum-menu-button').click();
      await expectNoViolations(modTab.page, `${width}px card menu open`);
      await modTab.page.keyboard.press('Escape');
      await plenum.presentCard(CARDS_1[1]!);
      await plenum.presentationStatus().waitFor();
      await expectNoViolations(modTab.page, `${width}px moderator presenting`);
      expect(modTab.errors).toEqual([]);
      await modTab.context.close();
    });

    it(`axe: a participant and a viewer following a card and a summary item, and looking away, have no WCAG 2.1 AA violations (${width} px)`, async () => {
      const { session, control, boards } = await bilanzWithCards();
      const phase = control.phase(1);
      const viewport = { width, height: 720 };
      const participantTab = await newPage(browser, { viewport });
      const participant = new BoardPage(participantTab.page);
      await participant.open(session.links.participant, { group: 'Arbeitsgruppe 2' });
      const viewerTab = await newPage(browser, { viewport });
      await viewerTab.page.goto(session.links.viewer);
      await viewerTab.page.locator('section.board').waitFor();

      // The moderator's writes, from node: the browser side is what is checked here.
      const card = readCards(boards[0]!).find((c) => c.text === CARDS_1[1])!;
      present(control.doc, { kind: 'card', phaseId: phase.id, groupId: phase.groups[0]!.id, cardId: card.id });
      await new PresentedPage(participantTab.page).root.waitFor();
      await new PresentedPage(viewerTab.page).root.waitFor();
      await expectNoViolations(participantTab.page, `${width}px participant following a card`);
      await expectNoViolations(viewerTab.page, `${width}px viewer following a card`);
      await new PresentedPage(participantTab.page).leave();
      await participantTab.page.getByRole('button', { name: 'Zurück zur Präsentation' }).waitFor();
      await expectNoViolations(participantTab.page, `${width}px participant looking away`);

      const itemId = addItemFromCard(control.doc, phase.id, { groupId: phase.groups[0]!.id, columnId: card.columnId, cardId: card.id, text: card.text });
      present(control.doc, { kind: 'item', phaseId: phase.id, itemId });
      await viewerTab.page.getByTestId('presented-item').waitFor();
      await expectNoViolations(viewerTab.page, `${width}px viewer following a summary item`);

      for (const t of [participantTab, viewerTab]) {
        expect(t.errors).toEqual([]);
        await t.context.close();
      }
    });
  }
  it('a wide screen and twelve groups: the summary stays in view beside the last board, and its cards are dragged onto "neuer Punkt" and onto point 1 from there', async () => {
    const { session, control, phaseId } = await bilanzWithGroups('Zwölf Gruppen', 12);
    const columns = control.phase(1).prompts.map((p) => p.id);
    for (let g = 0; g < 12; g++) {
      const board = await control.board(1, g);
      for (let c = 0; c < 4; c++) addCard(board, { columnId: columns[c % 2]!, text: `Gruppe ${g + 1}, Karte ${c + 1}` });
    }

    const { page, context } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
    const plenum = new PlenumPage(page);
    await plenum.open(session.links.moderator, BILANZ.title);
    await eventually(() => page.getByTestId('plenum-card').count()).toBe(48);
    // The moderator reads the last group's board, far down the page: the summary is still beside it.
    await plenum.card('Gruppe 12, Karte 1').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    expect(await inViewport(plenum.summary.getByTestId('summary-new'))).toBe(true);
    await plenum.dragCard('Gruppe 12, Karte 1', 'new');
    await eventually(() => plenum.itemTexts()).toEqual(['Gruppe 12, Karte 1']);
    // Point 1 sits at the window's top edge, where a drag scrolls a page.
    await plenum.card('Gruppe 12, Karte 3').scrollIntoViewIfNeeded();
    expect(await inViewport(plenum.item(1))).toBe(true);
    await plenum.dragCard('Gruppe 12, Karte 3', 1);
    await eventually(async () => (await plenum.sources(1)).allInnerTexts()).toEqual([
      expect.stringContaining('Gruppe 12, Karte 1'),
      expect.stringContaining('Gruppe 12, Karte 3'),
    ]);
    // Held there, the card does not scroll the page (and the boards) under it.
    await plenum.card('Gruppe 12, Karte 4').scrollIntoViewIfNeeded();
    await plenum.holdOver('Gruppe 12, Karte 4', 1);
    const scrolled = await page.evaluate(() => window.scrollY);
    await framesPass(page, 10);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await plenum.letGo();
    await eventually(async () => (await plenum.sources(1)).count()).toBe(3);
    // A summary longer than the window scrolls by itself, "neuer Punkt" still in view at its foot.
    const phase = control.phase(1);
    for (let g = 0; g < 7; g++) {
      for (const card of readCards(await control.board(1, g)).slice(0, 2)) {
        addItemFromCard(control.doc, phaseId, { groupId: phase.groups[g]!.id, columnId: card.columnId, cardId: card.id, text: card.text });
      }
    }
    await eventually(() => plenum.items().count()).toBe(15);
    expect(await plenum.summary.evaluate((node) => node.scrollHeight > node.clientHeight)).toBe(true);
    expect(await inViewport(plenum.summary.getByTestId('summary-new'))).toBe(true);
    await plenum.dragCard('Gruppe 12, Karte 2', 'new');
    await eventually(async () => (await plenum.itemTexts()).at(-1)).toBe('Gruppe 12, Karte 2');
    // The point a drop or a menu choice wrote into comes into view in the summary; the page stays where it is.
    await eventually(() => inSummaryView(plenum.item(16))).toBe(true);
    const pageAt = await page.evaluate(() => window.scrollY);
    expect(await inSummaryView(plenum.item(2))).toBe(false);
    await plenum.mergeByKeyboard('Gruppe 11, Karte 2', 'Zu Punkt 2');
    await eventually(() => inSummaryView(plenum.item(2))).toBe(true);
    expect(await plenum.item(2).innerText()).toContain('aus Arbeitsgruppe 1, Arbeitsgruppe 11');
    expect(await page.evaluate(() => window.scrollY)).toBe(pageAt);
    await context.close();
  });

  it('a card menu at the foot of a board opens whole, over the board below it, and its last entry is chosen with the mouse', async () => {
    const { session, control, phaseId } = await bilanzWithGroups('Menü am Fuß', 6);
    const phase = control.phase(1);
    const lastColumn = phase.prompts.at(-1)!.id;
    for (let g = 0; g < 6; g++) addCard(await control.board(1, g), { columnId: lastColumn, text: `Unten auf Board ${g + 1}` });
    // Six points: the card's menu lists seven entries, taller than what is left of its board below the card.
    for (const card of readCards(await control.board(1, 1))) {
      for (let i = 0; i < 6; i++) addItemFromCard(control.doc, phaseId, { groupId: phase.groups[1]!.id, columnId: card.columnId, cardId: card.id, text: `Punkt ${i + 1}` });
    }

    const { page, context } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    const plenum = new PlenumPage(page);
    await plenum.open(session.links.moderator, BILANZ.title);
    await eventually(() => plenum.items().count()).toBe(6);
    const card = plenum.card('Unten auf Board 1');
    await card.locator('.to-summary .plenum-menu-button').click();
    const last = card.locator('.plenum-menu-item').last();
    await last.waitFor();
    const board = plenum.board('Arbeitsgruppe 1');
    const [listBox, boardBox] = [await card.locator('.plenum-menu-list').boundingBox(), await board.boundingBox()];
    expect(listBox!.y + listBox!.height).toBeGreaterThan(boardBox!.y + boardBox!.height);
    // What a pointer at the last entry's middle hits is that entry: it is neither cut off with its board nor under the board below.
    await last.scrollIntoViewIfNeeded();
    expect(
      await last.evaluate((entry) => {
        const rect = entry.getBoundingClientRect();
        return entry.contains(document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2));
      }),
    ).toBe(true);
    await last.click();
    await eventually(async () => (await plenum.sources(6)).allInnerTexts()).toEqual([
      expect.stringContaining('Unten auf Board 2'),
      expect.stringContaining('Unten auf Board 1'),
    ]);
    await context.close();
  });

  it('a phase of 30 groups: the plenum view opens their boards at most six handshakes at a time (Chromium holds back many at once) and shows every board', async () => {
    const { session, control } = await bilanzWithGroups('Dreißig Gruppen', LIMITS.groupsPerPhase);
    const column = control.phase(1).prompts[0]!.id;
    for (let g = 0; g < LIMITS.groupsPerPhase; g++) addCard(await control.board(1, g), { columnId: column, text: `Ergebnis der Gruppe ${g + 1}` });

    const { page, context } = await newPage(browser, { viewport: { width: 1600, height: 900 } });
    await countSockets(context);
    const plenum = new PlenumPage(page);
    await plenum.open(session.links.moderator, BILANZ.title);
    await eventually(() => page.getByTestId('plenum-card').count()).toBe(LIMITS.groupsPerPhase);
    const counts = await socketCounts(page);
    expect(counts.mostConnecting).toBeGreaterThan(1);
    expect(counts.mostConnecting).toBeLessThanOrEqual(6);
    await context.close();
  });
});
