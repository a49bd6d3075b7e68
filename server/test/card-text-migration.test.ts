import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCards } from '@plenum/shared/board-doc';
import { SCHEMA_VERSION, schemaVersionOf } from '@plenum/shared/schema';
import { connect, createSession, firstBoard, startServer, tempDir, tokenOf } from './helpers.ts';

// Board schema 3 (issue 9): a board stored at schema 2, card texts plain
// strings as that server and its scripts wrote them, is opened by today's
// server with every text a Y.Text holding the same words; the migration is
// stored, and people then edit a card together without losing either one's
// words. Board schema 4 (issue 12) on the way: the dots of the card's votes
// map become card keys `vote:<voterKey>`.

/** The state of a schema 2 board: two cards whose text is a plain string. */
function schema2Board(address: { phaseId: string; groupId: string; columnId: string }, sessionId: string): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 2);
    meta.set('kind', 'board');
    meta.set('sessionId', sessionId);
    meta.set('phaseId', address.phaseId);
    meta.set('groupId', address.groupId);
    const card = (id: string, text: string, order: string) => {
      const map = new Y.Map<unknown>();
      doc.getMap('cards').set(id, map);
      map.set('text', text);
      map.set('columnId', address.columnId);
      map.set('order', order);
      map.set('color', 'blue');
      map.set('author', 'Ada');
      map.set('createdAt', 1_700_000_000_000);
      const votes = new Y.Map<number>();
      map.set('votes', votes);
      if (id === 'zweite') votes.set('voterA', 2);
    };
    card('zweite', 'Zweite Karte', 'a1');
    card('erste', 'Mehr Zeit\nfür Fallbesprechungen', 'a0');
  });
  return Y.encodeStateAsUpdate(doc);
}

const texts = (doc: Y.Doc) => readCards(doc).map((c) => [c.id, c.text, c.color, c.author, c.voters]);

describe('board schema 2 → 3 → 4: card texts become Y.Text, dots card keys', () => {
  it('opens a stored schema 2 board at today\'s schema with its texts and dots intact, and stores the migration', async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir });
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    server.storage.appendUpdates(board.room, session.id, [schema2Board(board, session.id)]);

    const a = connect(server.url, board.room, token);
    await a.synced;
    expect(schemaVersionOf(a.doc)).toBe(SCHEMA_VERSION.board);
    expect(SCHEMA_VERSION.board).toBe(4);
    const cards = a.doc.getMap<Y.Map<unknown>>('cards');
    for (const id of ['erste', 'zweite']) expect(cards.get(id)?.get('text')).toBeInstanceOf(Y.Text);
    for (const id of ['erste', 'zweite']) expect(cards.get(id)?.has('votes')).toBe(false);
    expect(cards.get('zweite')?.get('vote:voterA')).toBe(2);
    const expected = [
      ['erste', 'Mehr Zeit\nfür Fallbesprechungen', 'blue', 'Ada', {}],
      ['zweite', 'Zweite Karte', 'blue', 'Ada', { voterA: 2 }],
    ];
    expect(texts(a.doc)).toEqual(expected);

    // A second server on the same files reads the stored migration.
    await server.close();
    const again = await startServer({ dataDir });
    const stored = again.storage.loadDocument(board.room);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored!);
    expect(schemaVersionOf(doc)).toBe(4);
    expect(doc.getMap<Y.Map<unknown>>('cards').get('erste')?.get('text')).toBeInstanceOf(Y.Text);
    expect(texts(doc)).toEqual(expected);
  });
});
