import type { Browser, Page, WebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BoardPage } from './pages/BoardPage.ts';
import { newPage } from './support/browser.ts';
import { withBrowserAndServer } from './support/fixture.ts';
import { createSession, type TestServer } from './support/server.ts';
import { controlSession } from './support/session-control.ts';

// How a reload of a page that has been here before starts: the role check,
// the session document and the board shown last load side by side
// (SessionGate.tsx, ParticipantView.tsx), not one after the other.

const SEEN = { timeout: 10_000 };

/** The next websocket the page opens to `path` (under /ws/). */
const nextSocket = (page: Page, path: (pathname: string) => boolean) =>
  page.waitForEvent('websocket', { predicate: (ws: WebSocket) => path(new URL(ws.url()).pathname), ...SEEN });

describe('a returning page loads its documents side by side', () => {
  let browser: Browser;
  let server: TestServer;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  it("a participant's session and board connections open while the role check is still unanswered", async () => {
    const session = await createSession(server.url);
    const moderator = await controlSession(server.url, session);
    moderator.start(0);
    moderator.close();
    const { page, context } = await newPage(browser);
    const board = new BoardPage(page);
    await board.open(session.links.participant);
    await board.addCard('Ideen', 'Schon da');
    await expect.poll(() => board.savedStatus(), SEEN).toBe('true');

    // The server's answer to "which role does this link grant?" is held back until both sockets are open.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await page.route(
      (url) => url.pathname === `/api/sessions/${session.id}`,
      async (route) => {
        asked = true;
        await held;
        await route.continue();
      },
    );
    const sessionSocket = nextSocket(page, (p) => p === `/ws/${session.id}`);
    const boardSocket = nextSocket(page, (p) => p.startsWith(`/ws/${session.id}/board/`));
    await page.reload();
    await Promise.all([sessionSocket, boardSocket]);
    expect(asked).toBe(true);

    release();
    await board.board.waitFor();
    expect(await board.cardTexts('Ideen')).toEqual(['Schon da']);
    await context.close();
  });

  it('a viewer opens the board shown last before the session document has answered, and shows it only once that does', async () => {
    const session = await createSession(server.url);
    const moderator = await controlSession(server.url, session);
    moderator.start(0);
    moderator.close();
    const { page, context } = await newPage(browser);
    const board = new BoardPage(page);
    await board.open(session.links.viewer);

    // The session document's socket reaches no server: it never syncs, and a
    // viewer keeps no local copy, so the page cannot learn the current board from it.
    await page.routeWebSocket(
      (url) => url.pathname === `/ws/${session.id}`,
      () => {},
    );
    const boardSocket = nextSocket(page, (p) => p.startsWith(`/ws/${session.id}/board/`));
    await page.reload();
    await boardSocket;
    expect(await page.locator('[aria-busy="true"]').isVisible()).toBe(true);
    expect(await board.board.count()).toBe(0);
    await context.close();
  });
});
