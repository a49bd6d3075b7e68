import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardPage } from './pages/BoardPage.ts';
import { launchBrowser, newPage } from './support/browser.ts';
import { createSession, restartableServer, startFilesOnly } from './support/server.ts';
import { controlSession, tokenOf } from './support/session-control.ts';

// A participant's documents live in IndexedDB too (client/src/sync/local-copy.ts):
// cards written while the server is away survive a reload, and merge once
// it is back. For the reload the page's files must still load; the server's
// API and websocket stay unreachable (support/server.ts startFilesOnly).

const SEEN = { timeout: 10_000 };

/** Names of this page's IndexedDB databases that belong to a session. */
const localCopies = (page: Page, sessionId: string) =>
  page.evaluate(
    async (id) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n === `plenum:${id}` || n.startsWith(`plenum:${id}/`)),
    sessionId,
  );

/**
 * Runs `request` (JavaScript over `store`, y-indexeddb's 'updates' store of the
 * page's copy `name`) in the page; resolves with its result once its
 * transaction is done. A string: tsx would wrap named inner functions in a
 * helper the page lacks.
 */
const onUpdates = (page: Page, name: string, mode: 'readonly' | 'readwrite', request: string) =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open(${JSON.stringify(name)});
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('updates', '${mode}');
      const req = (${request})(tx.objectStore('updates'));
      tx.oncomplete = () => { open.result.close(); resolve(req.result); };
      tx.onerror = () => reject(tx.error);
    };
  })`);

/** The board's copy among the page's copies of a session. */
async function boardCopy(page: Page, sessionId: string): Promise<string> {
  const name = (await localCopies(page, sessionId)).find((n) => n.includes('/board/'));
  if (!name) throw new Error('no local copy of the board');
  return name;
}

/** How many updates the copy holds: IndexedDB stores asynchronously, so a test waits for a write before it reloads. */
const storedUpdates = async (page: Page, name: string) => Number(await onUpdates(page, name, 'readonly', '(store) => store.count()'));

describe('offline participants keep a local copy', () => {
  let browser: Browser;
  const plenum = restartableServer('plenum-e2e-offline-');

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await plenum.dispose();
  });

  /** A started workshop on the running server, and a participant's page that has saved one card on the first board. */
  async function participantWithCard(text: string) {
    const server = plenum.current ?? (await plenum.start());
    const session = await createSession(server.url);
    const moderator = await controlSession(server.url, session);
    moderator.start(0);
    moderator.close();
    const tab = await newPage(browser);
    const board = new BoardPage(tab.page);
    await board.open(session.links.participant);
    await board.addCard('Ideen', text);
    await expect.poll(() => board.savedStatus(), SEEN).toBe('true');
    return { server, session, tab, board };
  }

  it('keeps cards written offline across a reload and saves each of them once the server is back', async () => {
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
    const files = await startFilesOnly(port);
    const status = tab.page.getByTestId('connection-status');
    await expect.poll(() => status.innerText(), SEEN).not.toMatch(/^Verbunden/);
    const copy = await boardCopy(tab.page, session.id);
    const stored = await storedUpdates(tab.page, copy);
    await board.addCard('Ideen', 'Offline eins');
    await board.addCard('Ideen', 'Offline zwei');
    await expect.poll(() => board.savedStatus(), SEEN).toBe('false');
    await expect.poll(() => storedUpdates(tab.page, copy), SEEN).toBeGreaterThanOrEqual(stored + 2);

    // Unsaved and offline the page asks before leaving; the person leaves anyway.
    tab.page.on('dialog', (dialog) => void dialog.accept());
    await board.reload();
    expect(await board.cardTexts('Ideen')).toEqual(['Vor dem Ausfall', 'Offline eins', 'Offline zwei']);
    expect(await board.savedStatus()).toBe('false');
    expect(await status.innerText()).not.toMatch(/^Verbunden/);
    // Loading the local copy is nobody's action: nothing to undo.
    expect(await board.canUndo()).toBe(false);
    const reloaded = await storedUpdates(tab.page, copy);
    await board.addCard('Ideen', 'Nach dem Neuladen');
    // Written after a reload, it is in the local copy too (the copy stores again once it is loaded).
    await expect.poll(() => storedUpdates(tab.page, copy), SEEN).toBeGreaterThan(reloaded);
    await board.reload();
    expect(await board.cardTexts('Ideen')).toEqual(['Vor dem Ausfall', 'Offline eins', 'Offline zwei', 'Nach dem Neuladen']);

    await files.stop();
    await plenum.start(port);
    await expect.poll(() => board.savedStatus(), SEEN).toBe('true');
    const all = ['Vor dem Ausfall', 'Offline eins', 'Offline zwei', 'Nach dem Neuladen'];
    expect(await board.cardTexts('Ideen')).toEqual(all);

    const other = await newPage(browser);
    const second = new BoardPage(other.page);
    await second.open(session.links.participant);
    await expect.poll(() => second.cardTexts('Ideen'), SEEN).toEqual(all);
    await tab.context.close();
    await other.context.close();
  });

  it('drops its copy of a board when the server refuses what the page sent (4422), so that a reload starts afresh', async () => {
    const { session, tab, board } = await participantWithCard('Gespeichert');
    const copy = await boardCopy(tab.page, session.id);
    // A write the server refuses (a top-level type the board layout lacks), as
    // if this page had made it: in the copy, it goes out with the next sync.
    const refused = new Y.Doc();
    refused.getMap('extra').set('x', 1);
    await onUpdates(tab.page, copy, 'readwrite', `(store) => store.add(new Uint8Array(${JSON.stringify([...Y.encodeStateAsUpdate(refused)])}))`);

    await board.reload();
    const notice = tab.page.getByRole('alert').filter({ hasText: 'abgelehnt' }).first();
    await notice.waitFor(SEEN);
    // The server's reason is English (docs/api.md) inside a German sentence: marked as such, so a screen reader says it in English (WCAG 3.1.2).
    const reason = notice.locator('[lang="en"]');
    expect(await reason.count()).toBe(1);
    expect(await reason.textContent()).toMatch(/\S/);
    await expect.poll(() => localCopies(tab.page, session.id), SEEN).not.toContain(copy);
    // Before, every reload sent the refused write again and was closed again.
    await board.reload();
    await expect.poll(() => board.cardTexts('Ideen'), SEEN).toEqual(['Gespeichert']);
    await board.addCard('Ideen', 'Danach');
    await expect.poll(() => board.savedStatus(), SEEN).toBe('true');
    expect(await tab.page.getByRole('alert').filter({ hasText: 'abgelehnt' }).count()).toBe(0);
    await tab.context.close();
  });

  it('keeps no copy for viewers; forgets the copies and the remembered role when the session is deleted (4404)', async () => {
    const { server, session, tab } = await participantWithCard('Bald gelöscht');
    await expect.poll(() => localCopies(tab.page, session.id), SEEN).toHaveLength(2);
    expect(await tab.page.evaluate((id) => localStorage.getItem(`plenum.role.${id}`), session.id)).toContain('participant');
    // A viewer keeps no copy.
    const viewerTab = await newPage(browser);
    await new BoardPage(viewerTab.page).open(session.links.viewer);
    await expect.poll(() => viewerTab.page.locator('li.card').count(), SEEN).toBe(1);
    expect(await localCopies(viewerTab.page, session.id)).toEqual([]);
    await viewerTab.context.close();

    const res = await fetch(`${server.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokenOf(session.links.moderator)}` },
    });
    expect(res.status).toBe(204);
    await tab.page.getByRole('alert').filter({ hasText: 'gelöscht' }).first().waitFor();
    await expect.poll(() => localCopies(tab.page, session.id), SEEN).toEqual([]);
    expect(await tab.page.evaluate((id) => localStorage.getItem(`plenum.role.${id}`), session.id)).toBeNull();
    await tab.context.close();
  });
});
