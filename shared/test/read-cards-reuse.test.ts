import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, deleteCard, initBoard, moveCard, readCards, updateCardText, vote, type Card } from '../src/board-doc.ts';

// readCards hands out the same object for a card that has not changed, so the
// board re-renders only changed cards (issue 7). It must never hand out a
// stale one: not after a remote update, an undo, a delete, or a write earlier
// in the same transaction.

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { sessionId: 's1', phaseId: 'p1', groupId: 'g1' });
  return doc;
}

function byId(cards: Card[]): Map<string, Card> {
  return new Map(cards.map((c) => [c.id, c]));
}

/** The ids whose object differs between two reads. */
function changed(before: Card[], after: Card[]): string[] {
  const old = byId(before);
  return after.filter((c) => old.get(c.id) !== c).map((c) => c.id);
}

describe('readCards reuses unchanged cards', () => {
  it('keeps the object of every card that did not change, and only of those', () => {
    const doc = board();
    const ids = ['A', 'B', 'C', 'D'].map((text) => addCard(doc, { columnId: 'c1', text }));
    const first = readCards(doc);
    expect(first).not.toBe(readCards(doc));
    expect(changed(first, readCards(doc))).toEqual([]);

    updateCardText(doc, ids[1]!, 'B2');
    const afterEdit = readCards(doc);
    expect(changed(first, afterEdit)).toEqual([ids[1]]);
    expect(byId(afterEdit).get(ids[1]!)?.text).toBe('B2');

    vote(doc, ids[2]!, 'voter1', 1, 3);
    const afterVote = readCards(doc);
    expect(changed(afterEdit, afterVote)).toEqual([ids[2]]);
    expect(byId(afterVote).get(ids[2]!)).toMatchObject({ votes: 1, voters: { voter1: 1 } });

    vote(doc, ids[2]!, 'voter1', -1, 3);
    vote(doc, ids[2]!, 'voter2', 1, 3);
    const otherVoter = byId(readCards(doc)).get(ids[2]!);
    expect(otherVoter).toMatchObject({ votes: 1, voters: { voter2: 1 } });

    const beforeMove = readCards(doc);
    moveCard(doc, ids[3]!, 'c2', 0);
    const afterMove = readCards(doc);
    expect(changed(beforeMove, afterMove)).toEqual([ids[3]]);
    expect(byId(afterMove).get(ids[3]!)?.columnId).toBe('c2');
  });

  it('sees a remote change to a card it read before', () => {
    const a = board();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update, 'remote'));
    const id = addCard(a, { columnId: 'c1', text: 'vorher' });
    const other = addCard(a, { columnId: 'c1', text: 'bleibt' });
    const before = readCards(b);
    b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, update, 'remote'));
    updateCardText(a, id, 'nachher');
    vote(a, other, 'voter1', 1, 3);
    const after = byId(readCards(b));
    expect(after.get(id)?.text).toBe('nachher');
    expect(after.get(other)?.votes).toBe(1);
    expect(changed(before, [...after.values()])).toEqual([id, other]);
  });

  it('sees an undone edit, an undone vote and an undone delete', () => {
    const doc = board();
    const origin = { undo: true };
    const undo = new Y.UndoManager(doc.getMap('cards'), { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    const id = addCard(doc, { columnId: 'c1', text: 'erst' });
    readCards(doc);
    doc.transact(() => updateCardText(doc, id, 'dann'), origin);
    expect(readCards(doc)[0]?.text).toBe('dann');
    undo.undo();
    expect(readCards(doc)[0]?.text).toBe('erst');

    doc.transact(() => vote(doc, id, 'voter1', 1, 3), origin);
    expect(readCards(doc)[0]?.votes).toBe(1);
    undo.undo();
    expect(readCards(doc)[0]?.votes).toBe(0);

    doc.transact(() => updateCardText(doc, id, 'zuletzt'), origin);
    readCards(doc);
    doc.transact(() => deleteCard(doc, id), origin);
    expect(readCards(doc)).toEqual([]);
    undo.undo();
    expect(readCards(doc)).toMatchObject([{ id, text: 'zuletzt' }]);
  });

  it('sees a write made earlier in the same transaction', () => {
    const doc = board();
    const a = addCard(doc, { columnId: 'c1', text: 'A' });
    const b = addCard(doc, { columnId: 'c1', text: 'B' });
    readCards(doc);
    doc.transact(() => {
      moveCard(doc, a, 'c2', 0);
      expect(byId(readCards(doc)).get(a)?.columnId).toBe('c2');
      // moveCard reads the other cards too: B lands after A in c2, not before a stale A.
      moveCard(doc, b, 'c2', 1);
    });
    const [first, second] = readCards(doc);
    expect([first?.text, second?.text, second?.columnId]).toEqual(['A', 'B', 'c2']);
    expect(second!.order > first!.order).toBe(true);
  });
});
