import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { connect, startServer, tempDir, waitFor, writerAndObserver } from './helpers.ts';

// The answer to a first-time joiner's sync step 1 (an empty state vector) is
// the whole document; the room encodes it once and keeps it until the
// document changes (Room.syncAnswer), so a group whose members all open the
// board at the start of a phase costs one encoding of it.

describe('sync answers to first-time joiners', () => {
  it('S2: joiners of an unchanged board share one encoding; a change makes the next joiner get the new document', async () => {
    const server = await startServer();
    const { token, board, writer, observer } = await writerAndObserver(server.url);
    for (let i = 0; i < 30; i++) addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i}` });
    await waitFor(() => readCards(observer.doc).length === 30, 5000, 'the cards at the observer');
    const room = server.rooms.loaded(board.room)!;
    const before = room.wholeAnswerEncodes;

    const joiners = Array.from({ length: 5 }, () => connect(server.url, board.room, token));
    await Promise.all(joiners.map((j) => j.synced));
    for (const joiner of joiners) expect(readCards(joiner.doc)).toHaveLength(30);
    expect(room.wholeAnswerEncodes).toBe(before + 1);

    // The kept answer is dropped with the change: the next joiner sees the new card.
    const id = addCard(writer.doc, { columnId: board.columnId, text: 'danach' });
    await waitFor(() => readCards(observer.doc).some((c) => c.id === id), 5000, 'the new card at the observer');
    const late = connect(server.url, board.room, token);
    await late.synced;
    expect(readCards(late.doc).map((c) => c.id)).toContain(id);
    expect(room.wholeAnswerEncodes).toBe(before + 2);

    // A joiner that has part of the document already is answered with what it lacks, not the kept answer.
    const returning = connect(server.url, board.room, token);
    addCard(returning.doc, { columnId: board.columnId, text: 'offline geschrieben' });
    await returning.synced;
    expect(readCards(returning.doc)).toHaveLength(32);
    expect(room.wholeAnswerEncodes).toBe(before + 2);
  });

  it('S1: a board loaded from its snapshot alone answers its first joiners with the stored bytes, without encoding the board', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    const { token, board, writer, observer } = await writerAndObserver(first.url);
    for (let i = 0; i < 20; i++) addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i}` });
    await waitFor(() => readCards(observer.doc).length === 20, 5000, 'the cards at the observer');
    writer.provider.destroy();
    observer.provider.destroy();
    // A clean shutdown folds each log into its snapshot (S4, S6).
    await first.close();

    const second = await startServer({ dataDir });
    const joiners = Array.from({ length: 3 }, () => connect(second.url, board.room, token));
    await Promise.all(joiners.map((j) => j.synced));
    for (const joiner of joiners) expect(readCards(joiner.doc).map((c) => c.text).sort()).toEqual(readCards(writer.doc).map((c) => c.text).sort());
    const room = second.rooms.loaded(board.room)!;
    expect(room.wholeAnswerEncodes).toBe(0);

    // Once the document changes, the stored bytes are no longer all of it.
    const id = addCard(joiners[0]!.doc, { columnId: board.columnId, text: 'nach dem Neustart' });
    await waitFor(() => readCards(joiners[1]!.doc).some((c) => c.id === id), 5000, 'the new card at another joiner');
    const late = connect(second.url, board.room, token);
    await late.synced;
    expect(readCards(late.doc).map((c) => c.id)).toContain(id);
    expect(room.wholeAnswerEncodes).toBe(1);
  });
});
