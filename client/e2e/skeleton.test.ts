import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BoardPage } from './pages/BoardPage.ts';
import { newPage } from './support/browser.ts';
import { createSession, type TestServer } from './support/server.ts';
import { controlSession } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

describe('walking skeleton in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  it('a card typed in one tab appears in another and survives a reload', async () => {
    const session = await createSession(server.url);
    // Participants see the board of the phase the moderator started.
    const moderator = await controlSession(server.url, session);
    moderator.start(0);
    const one = await newPage(browser);
    const two = await newPage(browser);
    const a = new BoardPage(one.page);
    const b = new BoardPage(two.page);
    await a.open(session.links.participant);
    await b.open(session.links.participant);
    await a.addCard('Ideen', 'Mehr Zeit für Fallbesprechungen');
    await expect.poll(() => b.cardTexts('Ideen'), { timeout: 5000 }).toEqual(['Mehr Zeit für Fallbesprechungen']);
    await two.page.reload();
    await two.page.locator('.board').waitFor();
    await expect.poll(() => b.cardTexts('Ideen'), { timeout: 5000 }).toEqual(['Mehr Zeit für Fallbesprechungen']);
    const origin = new URL(server.url).origin;
    for (const url of [...one.requests, ...two.requests]) expect(new URL(url).origin).toBe(origin);
    expect(one.errors).toEqual([]);
    await one.context.close();
    await two.context.close();
    moderator.close();
  });
});
