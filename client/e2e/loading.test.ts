import type { Browser, Page, WebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BoardPage } from './pages/BoardPage.ts';
import { newPage } from './support/browser.ts';
import { withBrowserAndServer } from './support/fixture.ts';
import { createSession, type TestServer } from './support/server.ts';
import { addCard } from '@plenum/shared/board-doc';
import { controlSession } from './support/session-control.ts';

// How a reload of a page that has been here before starts: the role check,
// the session document and the board shown last load side by side
// (SessionGate.tsx, ParticipantView.tsx), not one after the other; and a
// board with a local copy connects once the copy is loaded (sync/connection.ts).

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

  /** A new session whose first phase the moderator has started. */
  async function sessionInFirstPhase() {
    const session = await createSession(server.url);
    const moderator = await controlSession(server.url, session);
    moderator.start(0);
    moderator.close();
    return session;
  }

  it("a participant's session and board connections open while the role check is still unanswered", async () => {
    const session = await sessionInFirstPhase();
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
    const session = await sessionInFirstPhase();
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

  const CARDS = 100;
  it("a participant's board connects once its local copy is loaded: the first sync step names what the copy holds, and nothing is sent or received whole again", async () => {
    const session = await createSession(server.url);
    const moderator = await controlSession(server.url, session);
    moderator.start(0);
    const doc = await moderator.board(0, 0);
    const columnId = moderator.phase(0).prompts[0]!.id;
    doc.transact(() => {
      for (let i = 0; i < CARDS; i++) addCard(doc, { columnId, text: `Karte ${i} ${'x'.repeat(100)}` });
    });
    const { page, context } = await newPage(browser);
    const board = new BoardPage(page);
    await board.open(session.links.participant);
    await expect.poll(() => board.cards('Ideen').count(), SEEN).toBe(CARDS);

    // In the page, in order: when a board's socket is made, and when the read of a board's copy has finished.
    await context.addInitScript(() => {
      const order: string[] = [];
      (window as unknown as { loadOrder: string[] }).loadOrder = order;
      const { getAll } = IDBObjectStore.prototype;
      IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
        const request = getAll.apply(this, args);
        const name = this.transaction.db.name;
        if (name.includes('/board/')) request.addEventListener('success', () => order.push('copy read'));
        return request;
      };
      const Socket = window.WebSocket;
      window.WebSocket = class extends Socket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          if (String(url).includes('/board/')) order.push('socket made');
        }
      };
    });
    const sent: Buffer[] = [];
    const received: Buffer[] = [];
    const boardSocket = nextSocket(page, (p) => p.startsWith(`/ws/${session.id}/board/`)).then((ws) => {
      ws.on('framesent', (frame) => sent.push(Buffer.from(frame.payload)));
      ws.on('framereceived', (frame) => received.push(Buffer.from(frame.payload)));
    });
    await page.reload();
    await boardSocket;
    await expect.poll(() => board.cards('Ideen').count(), SEEN).toBe(CARDS);
    await expect.poll(() => board.savedStatus(), SEEN).toBe('true');
    // The round trip of one write proves the sync steps have all arrived.
    addCard(doc, { columnId, text: 'Danach' });
    await board.card('Danach').waitFor(SEEN);

    expect(await page.evaluate(() => (window as unknown as { loadOrder: string[] }).loadOrder)).toEqual(['copy read', 'socket made']);
    // y-websocket's sync step 1: [message sync 0, step 1 0, vector length, vector...]; an empty vector is [0].
    const first = sent[0]!;
    expect([first[0], first[1]]).toEqual([0, 0]);
    expect(first.length).toBeGreaterThan(4);
    const whole = CARDS * 100;
    expect(Math.max(...sent.map((f) => f.length))).toBeLessThan(whole / 4);
    expect(Math.max(...received.map((f) => f.length))).toBeLessThan(whole / 4);
    moderator.close();
    await context.close();
  });

  it("a participant's board still connects when its local copy cannot be opened", async () => {
    const session = await sessionInFirstPhase();
    const { page, context } = await newPage(browser);
    // Every board database fails to open (its upgrade is aborted), as in a browser that blocks IndexedDB.
    await context.addInitScript(() => {
      const { open } = IDBFactory.prototype;
      IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
        const request = open.call(this, name.includes('/board/') ? `${name}/failing` : name, version);
        if (name.includes('/board/')) request.addEventListener('upgradeneeded', () => request.transaction?.abort());
        return request;
      };
    });
    const board = new BoardPage(page);
    await board.open(session.links.participant);
    await board.addCard('Ideen', 'Ohne Kopie');
    await expect.poll(() => board.savedStatus(), SEEN).toBe('true');
    await context.close();
  });
});
