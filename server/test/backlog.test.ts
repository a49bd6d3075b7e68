import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { LIMITS, MAX_MESSAGE_BYTES } from '@plenum/shared/limits';
import { connect, createSession, firstBoard, localClock, savedClock, startServer, storedCards, tokenOf, waitFor } from './helpers.ts';

// S3 for the largest legal backlog (issue 8, item 6): a client that wrote a
// whole board while offline sends it in one sync step 2 when it reconnects.
// With a frame limit below the largest legal board it was closed with 1009,
// reconnected, and was closed again, forever: nothing was ever saved.

/** The longest legal card text, in the character that costs most bytes per UTF-16 unit ('€': 3 bytes). */
const cardText = (i: number) => `${i} `.padEnd(LIMITS.cardTextLength, '€');

describe('S3: a maximal offline backlog', () => {
  it(`S3: ${LIMITS.cardsPerBoard} cards of ${LIMITS.cardTextLength} characters written offline are all saved after reconnecting`, async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    const writer = connect(server.url, board.room, token, { saved: '1' });
    await writer.synced;
    const acked = savedClock(writer);

    writer.provider.disconnect();
    const ids: string[] = [];
    for (let i = 0; i < LIMITS.cardsPerBoard; i++) ids.push(addCard(writer.doc, { columnId: board.columnId, text: cardText(i) }));
    const backlog = Y.encodeStateAsUpdate(writer.doc).length;

    writer.provider.connect();
    await waitFor(() => acked() >= localClock(writer.doc), 30_000, 'the whole backlog saved');
    // It went as one message, and the frame limit fits it with room to spare.
    expect(backlog).toBeGreaterThan(LIMITS.cardsPerBoard * LIMITS.cardTextLength * 3);
    expect(backlog).toBeLessThan(MAX_MESSAGE_BYTES / 2);
    expect(storedCards(server, board.room).sort()).toEqual([...ids].sort());
    const stored = new Y.Doc();
    Y.applyUpdate(stored, server.storage.loadDocument(board.room)!);
    expect(readCards(stored).every((c) => c.text.length === LIMITS.cardTextLength)).toBe(true);
  }, 120_000);
});
