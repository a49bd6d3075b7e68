import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import {
  type Client,
  connect,
  createSession,
  firstBoard,
  localClock,
  random,
  savedClock,
  tempDir,
  tokenOf,
  waitFor,
  writerAndObserver,
} from './helpers.ts';
import { spawnServer } from './server-process.ts';

// S3 under SIGKILL and S6: the real server process (main.ts), killed or
// stopped mid-stream, then started again on the same data directory.

/** Every card id this client has received from the server. */
function trackSeen(observer: Client): Set<string> {
  const seen = new Set<string>();
  observer.doc.getMap('cards').observe((event) => {
    for (const key of event.keysChanged) seen.add(key);
  });
  return seen;
}

async function cardsAfterRestart(dataDir: string, room: string, token: string): Promise<Set<string>> {
  const server = await spawnServer(dataDir);
  const reader = connect(server.url, room, token);
  await reader.synced;
  const ids = new Set(readCards(reader.doc).map((c) => c.id));
  reader.destroy();
  server.child.kill('SIGTERM');
  expect((await server.exited).code).toBe(0);
  return ids;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One kill -9 mid-stream: a writer adds cards to a new session on the server
 * running on `dataDir` while an observer watches; the process is killed after
 * card `killAt`. Returns what must survive: every card the observer received
 * or the server acknowledged, and every card written, in order.
 */
async function killMidStream(dataDir: string, killAt: number) {
  const server = await spawnServer(dataDir);
  const { session, board, writer, observer, acked: ackedClock } = await writerAndObserver(server.url);
  const seen = trackSeen(observer);
  const written: { id: string; clock: number }[] = [];
  for (let i = 0; i <= killAt; i++) {
    const id = addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i}` });
    written.push({ id, clock: localClock(writer.doc) });
    // Pace the writer so that commits, broadcasts and acknowledgements interleave with the writes.
    if (i < killAt) await sleep(i % 3 === 0 ? 2 : 0);
  }
  server.child.kill('SIGKILL');
  // No reconnect (and the next server has another port anyway): what the
  // clients still hold unsent must not reach the new server.
  writer.destroy();
  observer.destroy();
  expect((await server.exited).signal).toBe('SIGKILL');
  return {
    room: board.room,
    token: tokenOf(session.links.moderator),
    acked: written.filter((w) => w.clock <= ackedClock()).map((w) => w.id),
    observed: [...seen],
    written: written.map((w) => w.id),
  };
}

/** Nothing acknowledged or broadcast is missing, and what survived is a prefix of what was written. */
function expectSurvived(lost: Awaited<ReturnType<typeof killMidStream>>, stored: Set<string>): void {
  expect(lost.acked.filter((id) => !stored.has(id))).toEqual([]);
  expect(lost.observed.filter((id) => !stored.has(id))).toEqual([]);
  const survived = lost.written.filter((id) => stored.has(id)).length;
  expect(lost.written.slice(0, survived).every((id) => stored.has(id))).toBe(true);
  expect(stored.size).toBe(survived);
}

describe('the server process', () => {
  it('S3: after SIGKILL mid-stream, every card that was broadcast or acknowledged as saved is there after restart', async () => {
    const dataDir = tempDir();
    const killed = await killMidStream(dataDir, 180);
    // The kill happened mid-stream, with work done and work in flight.
    expect(killed.acked.length).toBeGreaterThan(0);
    expect(killed.observed.length).toBeGreaterThan(0);
    expectSurvived(killed, await cardsAfterRestart(dataDir, killed.room, killed.token));
  });

  it('S3: ten kill -9 in a row on one data directory lose no acknowledged or broadcast card of any of them', async () => {
    const dataDir = tempDir();
    const next = random(10);
    const cycles: Awaited<ReturnType<typeof killMidStream>>[] = [];
    for (let cycle = 0; cycle < 10; cycle++) cycles.push(await killMidStream(dataDir, 20 + Math.floor(next() * 120)));
    // One restart after all ten: every cycle's cards are still there, none lost by a later recovery.
    const server = await spawnServer(dataDir);
    for (const killed of cycles) {
      const reader = connect(server.url, killed.room, killed.token);
      await reader.synced;
      expectSurvived(killed, new Set(readCards(reader.doc).map((c) => c.id)));
      reader.destroy();
    }
    expect(cycles.reduce((n, c) => n + c.acked.length, 0)).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 180_000);

  it('S3, S2: stock clients that stay connected resend what the killed server lost, and converge with the restarted one', async () => {
    const dataDir = tempDir();
    const server = await spawnServer(dataDir);
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    const writer = connect(server.url, board.room, token, { saved: '1' });
    const ackedClock = savedClock(writer);
    const observer = connect(server.url, board.room, token);
    await Promise.all([writer.synced, observer.synced]);

    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      ids.push(addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i}` }));
      await sleep(i % 3 === 0 ? 2 : 0);
    }
    server.child.kill('SIGKILL');
    await server.exited;
    // Written while the server is down: kept by the client, sent on reconnect.
    for (let i = 60; i < 70; i++) ids.push(addCard(writer.doc, { columnId: board.columnId, text: `offline ${i}` }));

    const again = await spawnServer(dataDir, Number(new URL(server.url).port));
    await waitFor(() => writer.provider.synced && observer.provider.synced, 15_000, 'clients back');
    await waitFor(() => readCards(observer.doc).length === ids.length, 10_000, 'observer converged');
    await waitFor(() => ackedClock() >= localClock(writer.doc), 10_000, 'everything saved');
    writer.destroy();
    observer.destroy();
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);

    const stored = await cardsAfterRestart(dataDir, board.room, tokenOf(session.links.viewer));
    expect([...stored].sort()).toEqual([...ids].sort());
  });

  it('S6: SIGTERM commits everything, compacts, and exits 0; the data is there after restart', async () => {
    const dataDir = tempDir();
    const server = await spawnServer(dataDir);
    const { session, board, writer, observer, acked: ackedClock } = await writerAndObserver(server.url);
    const seen = trackSeen(observer);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i}` }));
    await waitFor(() => ids.every((id) => seen.has(id)), 10_000, 'all cards broadcast');
    await waitFor(() => ackedClock() >= localClock(writer.doc), 10_000, 'all cards saved');

    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    writer.destroy();
    observer.destroy();
    expect({ code, signal, output: code === 0 ? '' : server.output() }).toEqual({ code: 0, signal: null, output: '' });

    // Shutdown unloads every room, and unloading compacts the log (S4).
    const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT COUNT(*) AS n FROM updates WHERE session_id = ?').get(session.id) as { n: number };
      expect(rows.n).toBe(0);
    } finally {
      db.close();
    }
    const stored = await cardsAfterRestart(dataDir, board.room, tokenOf(session.links.viewer));
    expect([...stored].sort()).toEqual([...ids].sort());
  });
});
