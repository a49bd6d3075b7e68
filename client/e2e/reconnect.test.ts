import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardPage } from './pages/BoardPage.ts';
import { launchBrowser, newPage } from './support/browser.ts';
import { createSession, restartableServer } from './support/server.ts';
import { controlSession } from './support/session-control.ts';

// Never lose a word: a card written while the server is away stays in the
// tab, the status says it is not saved yet, leaving would ask first, and once
// the server is back (same port, same data) it is sent and saved.

const SEEN = { timeout: 10_000 };

describe('writing while the server is away', () => {
  let browser: Browser;
  const plenum = restartableServer('plenum-e2e-reconnect-');

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await plenum.dispose();
  });

  it('keeps a card written offline, shows it as not saved, and saves it once the server is back', async () => {
    const { port, url } = await plenum.start();
    const session = await createSession(url);
    const moderator = await controlSession(url, session);
    moderator.start(0);
    moderator.close();

    const tab = await newPage(browser);
    const board = new BoardPage(tab.page);
    await board.open(session.links.participant);
    await board.addCard('Ideen', 'Vor dem Ausfall');
    await expect.poll(() => board.savedStatus(), SEEN).toBe('true');

    await plenum.stop();
    const status = tab.page.getByTestId('connection-status');
    await expect.poll(() => status.innerText(), SEEN).not.toMatch(/^Verbunden/);
    await board.addCard('Ideen', 'Während des Ausfalls');
    expect(await board.cardTexts('Ideen')).toEqual(['Vor dem Ausfall', 'Während des Ausfalls']);
    await expect.poll(() => board.savedStatus(), SEEN).toBe('false');
    // Leaving now would lose the card: the page asks before unloading.
    const asks = () =>
      tab.page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    expect(await asks()).toBe(true);

    await plenum.start(port);
    await expect.poll(() => board.savedStatus(), SEEN).toBe('true');
    expect(await asks()).toBe(false);

    const other = await newPage(browser);
    const second = new BoardPage(other.page);
    await second.open(session.links.participant);
    await expect.poll(() => second.cardTexts('Ideen'), SEEN).toEqual(['Vor dem Ausfall', 'Während des Ausfalls']);
    await tab.context.close();
    await other.context.close();
  });
});
