import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { boardRoom, privateRoom, writerIdFor } from '@plenum/shared/protocol';
import { BoardPage } from './pages/BoardPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import { createSession, type TestServer } from './support/server.ts';
import { controlSession, tokenOf, type SessionControl } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// Private writing: everyone first writes into a document of their own, which
// nobody else can open; at the reveal the server moves all cards onto the
// group's board and every screen switches to it.

const SEEN = { timeout: 5000 };

/** Every websocket frame the page receives, as bytes. */
function recordFrames(page: Page): Buffer[] {
  const frames: Buffer[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? Buffer.from(payload) : payload));
  });
  return frames;
}

/** The websockets the page has open now (each document it holds is one). */
function openSockets(page: Page): () => string[] {
  const open = new Set<string>();
  page.on('websocket', (ws) => {
    const room = new URL(ws.url()).pathname.replace(/^\/ws\//, '');
    open.add(room);
    ws.on('close', () => open.delete(room));
  });
  return () => [...open].sort();
}

/** Opens a raw websocket to a room: resolves 'open', or the HTTP status the upgrade was refused with. */
function tryOpen(url: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      resolve('open');
      ws.terminate();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

async function writerSecret(page: Page, sessionId: string): Promise<string> {
  const stored = await page.evaluate((key) => localStorage.getItem(key), `plenum.participant.${sessionId}`);
  return (JSON.parse(stored ?? '{}') as { writerSecret: string }).writerSecret;
}

describe('private writing', () => {
  let browser: Browser;
  let server: TestServer;
  let moderator: SessionControl;

  withBrowserAndServer(
    (b, s) => {
      browser = b;
      server = s;
    },
    () => {
      moderator?.close();
    },
  );

  it('nobody receives another person’s private cards before the reveal; afterwards both see all cards on the board', async () => {
    const session = await createSession(server.url);
    moderator = await controlSession(server.url, session);
    moderator.update(0, { privateWriting: true });
    moderator.start(0);
    const phase = moderator.phase(0);
    const group = phase.groups[0];
    if (!group) throw new Error('the blank template has one group');

    const tabA = await newPage(browser);
    const tabB = await newPage(browser);
    const framesB = recordFrames(tabB.page);
    const socketsB = openSockets(tabB.page);
    const a = new BoardPage(tabA.page);
    const b = new BoardPage(tabB.page);
    await a.open(session.links.participant, { name: 'Ina' });
    await b.open(session.links.participant, { name: 'Jonas' });
    for (const page of [tabA.page, tabB.page]) await page.getByTestId('private-notice').waitFor();
    expect(await axeViolations(tabA.page)).toEqual([]);
    // Three connections per person while writing privately: what the server's
    // default MAX_CONNECTIONS_PER_SESSION is sized by (docs/deploy.md).
    const ownRoom = privateRoom(session.id, phase.id, group.id, writerIdFor(await writerSecret(tabB.page, session.id)));
    await expect.poll(socketsB, SEEN).toEqual([session.id, boardRoom(session.id, phase.id, group.id), ownRoom].sort());

    await a.addCard('Ideen', 'Nur von Ina geschrieben');
    await b.addCard('Fragen', 'Nur von Jonas geschrieben');
    await expect.poll(() => a.savedStatus(), SEEN).toBe('true');
    await expect.poll(() => b.savedStatus(), SEEN).toBe('true');
    expect(await a.cardTexts('Ideen')).toEqual(['Nur von Ina geschrieben']);
    expect(await a.cardTexts('Fragen')).toEqual([]);
    expect(await b.cardTexts('Ideen')).toEqual([]);
    expect(await b.cardTexts('Fragen')).toEqual(['Nur von Jonas geschrieben']);
    // Not on B's screen, and not even in the bytes B's browser received.
    const secretBytes = Buffer.from('Nur von Ina geschrieben');
    expect(framesB.length).toBeGreaterThan(0);
    expect(framesB.some((frame) => frame.includes(secretBytes))).toBe(false);

    // B cannot open A's private room: without A's secret the upgrade is refused.
    const secretA = await writerSecret(tabA.page, session.id);
    const secretB = await writerSecret(tabB.page, session.id);
    expect(secretA).not.toBe(secretB);
    const roomA = privateRoom(session.id, phase.id, group.id, writerIdFor(secretA));
    const base = `${server.url.replace(/^http/, 'ws')}/ws/${roomA}`;
    const participant = tokenOf(session.links.participant);
    expect(await tryOpen(`${base}?token=${participant}&writer=${secretB}`)).toBe(403);
    expect(await tryOpen(`${base}?token=${participant}`)).toBe(403);
    expect(await tryOpen(`${base}?token=${tokenOf(session.links.viewer)}&writer=${secretA}`)).toBe(403);
    expect(await tryOpen(`${base}?token=${participant}&writer=${secretA}`)).toBe('open'); // the owner may

    // The reveal (moderator API): the cards move onto the board and both screens switch to it.
    const res = await fetch(`${server.url}/api/sessions/${session.id}/phases/${phase.id}/reveal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(session.links.moderator)}` },
    });
    expect(res.status).toBe(200);
    for (const board of [a, b]) {
      await expect.poll(() => board.page.getByTestId('private-notice').count(), SEEN).toBe(0);
      await expect.poll(() => board.cardTexts('Ideen'), SEEN).toEqual(['Nur von Ina geschrieben']);
      await expect.poll(() => board.cardTexts('Fragen'), SEEN).toEqual(['Nur von Jonas geschrieben']);
    }
    expect(await b.card('Nur von Ina geschrieben').locator('.card-author').innerText()).toBe('Ina');
    // The private document's connection is closed once it is revealed.
    await expect.poll(socketsB, SEEN).toEqual([session.id, boardRoom(session.id, phase.id, group.id)].sort());
    // The same recording does see the card now: the check above could have failed.
    expect(framesB.some((frame) => frame.includes(secretBytes))).toBe(true);

    // From now on everyone writes on the shared board.
    await b.addCard('Ideen', 'Nach dem Aufdecken');
    await expect.poll(() => a.cardTexts('Ideen'), SEEN).toEqual(['Nur von Ina geschrieben', 'Nach dem Aufdecken']);
    await a.reload();
    await expect.poll(() => a.cardTexts('Fragen'), SEEN).toEqual(['Nur von Jonas geschrieben']);
    expect(tabA.errors).toEqual([]);
    expect(tabB.errors).toEqual([]);
    await tabA.context.close();
    await tabB.context.close();
  });
});
