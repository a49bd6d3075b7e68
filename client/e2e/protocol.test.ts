import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCard } from '@plenum/shared/board-doc';
import { addPhase } from '@plenum/shared/session-doc';
import { ModeratorPage } from './pages/ModeratorPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import { countSockets, socketCounts } from './support/socket-counts.ts';
import { createSession, type TestServer } from './support/server.ts';
import { controlSession, startedWorkshop, type SessionControl } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// The moderator's "Protokoll" view (issue 11): the draft previewed live from
// the workshop's documents, with the export's options and downloads.

const SEEN = { timeout: 10_000 };

describe('moderator: the protocol view', () => {
  let browser: Browser;
  let server: TestServer;
  const controls: SessionControl[] = [];
  withBrowserAndServer(
    (b, s) => {
      browser = b;
      server = s;
    },
    () => controls.forEach((c) => c.close()),
  );

  it('shows the draft live (a card written meanwhile appears), downloads it as Markdown, and has no axe violations at 1280 and 360 px', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls);
    const phase = moderator.phase(0);
    const board = await moderator.board(0, 0);
    addCard(board, { columnId: phase.prompts[0]!.id, text: 'Mehr Zeit für Fallbesprechungen' });

    const { page } = await newPage(browser);
    const mod = new ModeratorPage(page);
    await mod.open(session.links.moderator);
    // Opening the view gets the server's DOCX and PDF rendering ready (docs/api.md).
    const prepared = page.waitForResponse((res) => res.url().endsWith('/export/prepare') && res.request().method() === 'POST', SEEN);
    await page.getByRole('navigation').getByRole('button', { name: 'Protokoll' }).click();
    expect((await prepared).status()).toBe(202);
    const preview = page.getByTestId('protocol-preview');
    await preview.getByText('Mehr Zeit für Fallbesprechungen').waitFor(SEEN);
    await expect(preview.getByRole('heading', { level: 4 }).first().innerText()).resolves.toContain(phase.title);

    // Live: a card added now shows up without reloading.
    addCard(board, { columnId: phase.prompts[1]!.id, text: 'Wer lädt zum nächsten Treffen ein?' });
    await preview.getByText('Wer lädt zum nächsten Treffen ein?').waitFor(SEEN);

    // The options change the draft: English labels.
    await page.getByLabel('Sprache des Protokolls').selectOption('en');
    await expect(preview.getAttribute('lang')).resolves.toBe('en');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Markdown' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/\.md$/);
    const markdown = await readFile((await file.path())!, 'utf8');
    expect(markdown).toContain('Mehr Zeit für Fallbesprechungen');
    expect(markdown).toContain('Wer lädt zum nächsten Treffen ein?');

    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a workshop of ten phases of 30 groups: the draft shows the boards of every phase, reading the closed phases once instead of holding 300 sockets open (Chromium allows about 255 a page); the open phase stays live', async () => {
    const session = await createSession(server.url);
    const moderator = await controlSession(server.url, session);
    controls.push(moderator);
    const groups = Array.from({ length: 30 }, (_, g) => ({ name: `Gruppe ${g + 1}` }));
    const ids = Array.from({ length: 10 }, (_, p) =>
      addPhase(moderator.doc, { title: `Runde ${p + 1}`, kind: 'groupwork', prompts: ['Ergebnisse'], groups }),
    );
    const index = (id: string) => moderator.phases().findIndex((phase) => phase.id === id);
    // Run one after the other: the first nine are closed, the last is open.
    for (const id of ids) moderator.start(index(id));
    const write = async (id: string, text: string) => {
      const phase = moderator.phase(index(id));
      addCard(await moderator.board(index(id), 29), { columnId: phase.prompts[0]!.id, text });
    };
    await write(ids[0]!, 'Aus der ersten Runde');
    await write(ids[9]!, 'Aus der letzten Runde');

    const { page, context } = await newPage(browser);
    await countSockets(context);
    await new ModeratorPage(page).open(session.links.moderator);
    await page.getByRole('navigation').getByRole('button', { name: 'Protokoll' }).click();
    const preview = page.getByTestId('protocol-preview');
    await preview.getByText('Aus der ersten Runde').waitFor({ timeout: 30_000 });
    await preview.getByText('Aus der letzten Runde').waitFor({ timeout: 30_000 });
    // Live where the groups may still write.
    await write(ids[9]!, 'Gerade noch geschrieben');
    await preview.getByText('Gerade noch geschrieben').waitFor(SEEN);
    // The session, the open phase's 30 boards, and the few being read at a time.
    expect((await socketCounts(page)).mostOpen).toBeLessThanOrEqual(45);
    await context.close();
  });

  it('a group phase changed into an information phase keeps its cards in the draft, as in the download', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls);
    const phase = moderator.phase(0);
    addCard(await moderator.board(0, 0), { columnId: phase.prompts[0]!.id, text: 'Vor dem Wechsel geschrieben' });
    moderator.update(0, { kind: 'information' });

    const { page } = await newPage(browser);
    await new ModeratorPage(page).open(session.links.moderator);
    await page.getByRole('navigation').getByRole('button', { name: 'Protokoll' }).click();
    const preview = page.getByTestId('protocol-preview');
    await preview.getByText('Vor dem Wechsel geschrieben').waitFor(SEEN);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Markdown' }).click();
    expect(await readFile((await (await downloading).path())!, 'utf8')).toContain('Vor dem Wechsel geschrieben');
  });

  it('two note-takers write one phase note at the same time: both keep their words, the preview shows the note, a reload keeps it', async () => {
    const { session, moderator } = await startedWorkshop(server.url, controls);
    const phase = moderator.phase(0);
    const open = async () => {
      const tab = await newPage(browser);
      await new ModeratorPage(tab.page).open(session.links.moderator);
      await tab.page.getByRole('navigation').getByRole('button', { name: 'Protokoll' }).click();
      const note = tab.page.getByLabel(`Notiz zu 1. ${phase.title}`);
      await note.waitFor();
      return { page: tab.page, note };
    };
    const a = await open();
    const b = await open();
    // The draft's own sentence stands as the suggestion until someone writes.
    expect(await a.note.getAttribute('placeholder')).not.toBe('');
    await a.note.click();
    await a.note.pressSequentially('Vorstellungsrunde.', { delay: 10 });
    await expect.poll(() => b.note.inputValue(), SEEN).toBe('Vorstellungsrunde.');
    // Now both type at once: one before the sentence, one after it.
    await a.note.press('Home');
    await b.note.click();
    await b.note.press('End');
    await Promise.all([
      a.note.pressSequentially('Begrüßung durch die Leitung. ', { delay: 20 }),
      b.note.pressSequentially(' Der Rückblick erfolgte in Gruppen.', { delay: 20 }),
    ]);
    const expected = 'Begrüßung durch die Leitung. Vorstellungsrunde. Der Rückblick erfolgte in Gruppen.';
    for (const tab of [a, b]) await expect.poll(() => tab.note.inputValue(), SEEN).toBe(expected);
    const preview = a.page.getByTestId('protocol-preview');
    await preview.getByText('Begrüßung durch die Leitung.', { exact: false }).waitFor(SEEN);
    await a.page.reload();
    await new ModeratorPage(a.page).ready();
    await a.page.getByRole('navigation').getByRole('button', { name: 'Protokoll' }).click();
    await expect.poll(() => a.note.inputValue(), SEEN).toContain('Der Rückblick erfolgte in Gruppen.');
    expect(await axeViolations(a.page)).toEqual([]);
  });
});
