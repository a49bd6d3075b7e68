import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteCard, initBoard } from '../src/board-doc.ts';
import { checkBoardWrite, type BoardWriteVerdict } from '../src/board-write-check.ts';
import { LIMITS } from '../src/limits.ts';

// The card limit of S11 (docs/sync-spec.md): counted on live cards only,
// though deleted cards stay in the map as tombstones.

const rules = { votingBudget: () => null };

/** The verdict on the next transaction `write` makes. */
function verdictOf(doc: Y.Doc, write: () => void): BoardWriteVerdict {
  let verdict: BoardWriteVerdict | null = null;
  const listen = (transaction: Y.Transaction) => (verdict = checkBoardWrite(doc, transaction, rules));
  doc.on('afterTransaction', listen);
  write();
  doc.off('afterTransaction', listen);
  if (!verdict) throw new Error('no transaction');
  return verdict;
}

/** A card as docs/data-model.md lays it out, written directly (addCard itself stops at the limit). */
function writeCard(doc: Y.Doc, id: string): void {
  const card = new Y.Map<unknown>();
  doc.getMap('cards').set(id, card);
  card.set('text', new Y.Text(`Karte ${id}`));
  card.set('columnId', 'c1');
  card.set('order', 'a0');
  card.set('color', 'yellow');
  card.set('author', null);
  card.set('createdAt', 1);
}

function fullBoard(): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  initBoard(doc, { sessionId: 's', phaseId: 'p', groupId: 'g' });
  const ids = Array.from({ length: LIMITS.cardsPerBoard }, (_, i) => `k${i}`);
  doc.transact(() => ids.forEach((id) => writeCard(doc, id)));
  return { doc, ids };
}

describe('S11 card limit', () => {
  it(`a card beyond ${LIMITS.cardsPerBoard} live cards is refused`, () => {
    const { doc } = fullBoard();
    const verdict = verdictOf(doc, () => doc.transact(() => writeCard(doc, 'eine-zu-viel')));
    expect(verdict.problem).toBe(`cards: more than ${LIMITS.cardsPerBoard} cards`);
  });

  it('a deleted card makes room again, though it stays in the map as a tombstone', () => {
    const { doc, ids } = fullBoard();
    deleteCard(doc, ids[0]!);
    const verdict = verdictOf(doc, () => doc.transact(() => writeCard(doc, 'an-ihrer-Stelle')));
    expect(verdict.problem).toBeNull();
  });
});
