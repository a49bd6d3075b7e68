import { describe, expect, it } from 'vitest';
import { addCard } from '@plenum/shared/board-doc';
import { Storage } from '../src/storage.ts';
import { filesHolding, readingLikeABackup } from './disk.ts';
import { api, connect, createSession, firstBoard, roundTrip, startServer, tempDir, tokenOf, waitFor } from './helpers.ts';
import type { PlenumServer } from '../src/server.ts';

// A deleted workshop must not be recoverable from the disk: not from the
// database file's free pages, not from old frames in the write-ahead log.
// The check reads the raw bytes of every file in the data directory.

/** A workshop titled `title` whose first board a participant wrote `texts` on, each committed; the moderator's token. */
async function writtenWorkshop(server: PlenumServer, title: string, texts: string[]): Promise<{ sessionId: string; moderator: string }> {
  const session = await createSession(server.url, { title });
  const moderator = tokenOf(session.links.moderator);
  const board = await firstBoard(server.url, session.id, moderator);
  const writer = connect(server.url, board.room, tokenOf(session.links.participant));
  await writer.synced;
  for (const text of texts) {
    addCard(writer.doc, { columnId: board.columnId, text });
    await roundTrip(writer);
  }
  writer.destroy();
  return { sessionId: session.id, moderator };
}

describe('deleted workshops on disk', () => {
  it('after DELETE no card text, title or snapshot of the workshop is left in the .sqlite or -wal bytes', async () => {
    const dataDir = tempDir();
    // compactEvery 3: part of the text ends up in document snapshots, part in the update log.
    const server = await startServer({ dataDir, compactEvery: 3 });
    const title = 'Werkstatt Zebrafink 7731';
    const texts = Array.from({ length: 7 }, (_, i) => `Geheime Karte Kolibri-${i}-${'x'.repeat(i * 120)}`);
    const { sessionId, moderator } = await writtenWorkshop(server, title, texts);
    const snap = await api(server.url, 'POST', `/api/sessions/${sessionId}/snapshots`, { token: moderator, body: { label: 'Stand Kolibri' } });
    expect(snap.status).toBe(201);
    // The search finds what is there: before deletion the texts are on disk.
    server.storage.db.pragma('wal_checkpoint(PASSIVE)');
    expect(filesHolding(dataDir, 'Kolibri-6-').length).toBeGreaterThan(0);
    expect(filesHolding(dataDir, title).length).toBeGreaterThan(0);

    expect((await api(server.url, 'DELETE', `/api/sessions/${sessionId}`, { token: moderator })).status).toBe(204);
    // Straight after the answer, while the server still runs …
    for (const needle of [title, 'Kolibri', 'Stand Kolibri']) expect([needle, filesHolding(dataDir, needle)]).toEqual([needle, []]);
    // … and after it has shut down and checkpointed.
    await server.close();
    for (const needle of [title, 'Kolibri']) expect([needle, filesHolding(dataDir, needle)]).toEqual([needle, []]);
  });

  it('a deletion while another connection reads the database (a backup) scrubs the write-ahead log as soon as that reader is done', async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir });
    // Another workshop, written in all along, as on a busy server.
    const busy = await createSession(server.url, { title: 'Werkstatt Amsel' });
    const busyBoard = await firstBoard(server.url, busy.id, tokenOf(busy.links.moderator));
    const busyWriter = connect(server.url, busyBoard.room, tokenOf(busy.links.participant));
    await busyWriter.synced;

    // While a backup reads, SQLite cannot start the log over, nor cut it:
    // the deleted workshop's pages land behind a few hundred of the other's.
    const backupDone = readingLikeABackup(server.storage.file);
    for (let i = 0; i < 200; i++) {
      addCard(busyWriter.doc, { columnId: busyBoard.columnId, text: `Amsel ${i} ${'a'.repeat(900)}` });
      await roundTrip(busyWriter);
    }
    const { sessionId, moderator } = await writtenWorkshop(server, 'Werkstatt Eisvogel', ['Geheime Karte Eisvogel-Zaunkönig']);
    expect(filesHolding(dataDir, 'Eisvogel-Zaunkönig')).toContain('plenum.sqlite-wal');
    expect((await api(server.url, 'DELETE', `/api/sessions/${sessionId}`, { token: moderator })).status).toBe(204);

    // The other workshop goes on writing, a card every 100 ms: after each
    // complete checkpoint the commits write the log from its start again, far
    // from those pages, and the checkpoint thread, which cuts the log only
    // after an interval without a commit, never does. With the reader gone,
    // the deletion's own retry cuts it (without the retry this times out).
    const writing = setInterval(() => addCard(busyWriter.doc, { columnId: busyBoard.columnId, text: 'Amsel' }), 100);
    backupDone();
    try {
      await waitFor(() => filesHolding(dataDir, 'Eisvogel').length === 0, 10_000, 'the deleted workshop gone from the disk');
    } finally {
      clearInterval(writing);
      busyWriter.destroy();
    }
    await server.close();
  });

  it('a database written before secure_delete was on is scrubbed once when the server opens it', () => {
    const dataDir = tempDir();
    // As an older server left it: deletions without secure_delete, and no note that the file was scrubbed.
    const old = new Storage(dataDir);
    old.db.pragma('secure_delete = OFF');
    old.db.exec("DELETE FROM storage_meta WHERE key = 'scrubbed_at'");
    old.createSession('alt', [], Buffer.from('Altlast Pelikan '.repeat(50)));
    old.deleteSessions(['alt']);
    old.close();
    expect(filesHolding(dataDir, 'Pelikan')).toEqual(['plenum.sqlite']);

    const reopened = new Storage(dataDir);
    reopened.close();
    expect(filesHolding(dataDir, 'Pelikan')).toEqual([]);
  });
});
