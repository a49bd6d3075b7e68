import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { connect, localClock, startServer, storedCards, waitFor, writerAndObserver } from './helpers.ts';

// S3 with the commit off the event loop whenever it waits (server/src/commit-queue.ts):
// while a commit waits for the disk, the event loop goes on serving, and
// nothing of the waiting batch is broadcast, acknowledged or sent in a sync
// answer until it is on disk. The disk is made to wait for real: another
// connection holds SQLite's write lock, so the commit blocks (up to
// busy_timeout) as it would on a slow fsync. A commit that does not wait
// (synchronous=normal, the database free) is written by the main thread.

function holdWriteLock(file: string): { release(): void } {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('COMMIT');
      other.close();
    },
  };
}

describe('commit thread', () => {
  it.each([
    [undefined, 'normal', 1],
    ['full', 'full', 2],
    ['normal', 'normal', 1],
  ] as const)('S3: synchronous=%s reaches both database connections as %s', async (asked, used, pragma) => {
    const server = await startServer(asked ? { synchronous: asked } : {});
    expect(await server.rooms.commits.ready()).toBe(used);
    expect(server.storage.db.pragma('synchronous', { simple: true })).toBe(pragma);
  });

  it.each([
    ['normal', { inline: true, thread: false }],
    ['full', { inline: false, thread: true }],
  ] as const)('S3: with synchronous=%s, where a commit runs when nothing holds the database: %o', async (synchronous, where) => {
    const server = await startServer({ synchronous });
    const { board, writer, observer } = await writerAndObserver(server.url);
    const before = { ...server.rooms.commits.committed };
    for (let i = 0; i < 5; i++) addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i}` });
    await waitFor(() => readCards(observer.doc).length === 5, 5000, 'the cards at the observer');
    expect(storedCards(server, board.room)).toHaveLength(5);
    const { inline, thread } = server.rooms.commits.committed;
    expect(inline > before.inline).toBe(where.inline);
    expect(thread > before.thread).toBe(where.thread);
  });

  it('S3: a commit waiting for the disk does not hold the event loop; its updates reach others, "saved" and new joiners only once written', async () => {
    const server = await startServer();
    const { token, board, writer, observer, acked } = await writerAndObserver(server.url);
    const lock = holdWriteLock(server.storage.db.name);
    try {
      const id = addCard(writer.doc, { columnId: board.columnId, text: 'wartet auf die Platte' });
      const room = server.rooms.loaded(board.room)!;
      await waitFor(() => readCards(room.doc).some((c) => c.id === id), 3000, 'the server to apply the card');

      // The event loop is free: HTTP is answered while the commit waits.
      const answered = await fetch(`${server.url}/api/settings`);
      expect(answered.status).toBe(200);
      // A new joiner's sync waits for the commit of what it would be sent.
      const joiner = connect(server.url, board.room, token);
      let joinerSynced = false;
      void joiner.synced.then(() => (joinerSynced = true));
      // The joiner sends its sync step 1, then its awareness: once the others
      // hear its awareness, the server has read the step 1 before it.
      joiner.provider.awareness.setLocalStateField('user', { name: 'Neu' });
      // The joiner sends its sync step 1, then its awareness: once the others
      // hear its awareness, the server has read the step 1 before it.
      await waitFor(() => observer.provider.awareness.getStates().has(joiner.doc.clientID), 3000, "the joiner's awareness");

      expect(readCards(observer.doc).map((c) => c.id)).not.toContain(id);
      expect(acked()).toBeLessThan(localClock(writer.doc));
      expect(joinerSynced).toBe(false);
      expect(storedCards(server, board.room)).not.toContain(id);

      const byThread = server.rooms.commits.committed.thread;
      lock.release();
      await waitFor(() => readCards(observer.doc).some((c) => c.id === id), 5000, 'the broadcast after the commit');
      // The main thread found the database locked and left the waiting to the commit thread.
      expect(server.rooms.commits.committed.thread).toBeGreaterThan(byThread);
      await waitFor(() => acked() >= localClock(writer.doc), 5000, "'saved' after the commit");
      await joiner.synced;
      expect(readCards(joiner.doc).map((c) => c.id)).toContain(id);
      expect(storedCards(server, board.room)).toContain(id);
      expect(writer.provider.wsconnected && observer.provider.wsconnected).toBe(true);
    } finally {
      try {
        lock.release();
      } catch {
        // released above
      }
    }
  });
});
