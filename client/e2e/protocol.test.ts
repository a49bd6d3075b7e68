import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCard } from '@plenum/shared/board-doc';
import { ModeratorPage } from './pages/ModeratorPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import type { TestServer } from './support/server.ts';
import { startedWorkshop, type SessionControl } from './support/session-control.ts';
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
    await page.getByRole('navigation').getByRole('button', { name: 'Protokoll' }).click();
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
});
