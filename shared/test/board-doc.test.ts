import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  appendCards,
  cardsInColumn,
  deleteCard,
  groupCardsByColumn,
  initBoard,
  moveCard,
  readBoardMeta,
  readCards,
  setCardColor,
  updateCardText,
  vote,
  votesUsed,
} from '../src/board-doc.ts';
import { ModelError } from '../src/errors.ts';
import { LIMITS } from '../src/limits.ts';

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { sessionId: 's1', phaseId: 'p1', groupId: 'g1' });
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('board document', () => {
  it('adds, edits, recolours and deletes cards', () => {
    const doc = board();
    expect(readBoardMeta(doc)).toEqual({ sessionId: 's1', phaseId: 'p1', groupId: 'g1' });
    const id = addCard(doc, { columnId: 'col1', text: '  Mehr Zeit für Fallbesprechungen ', author: 'Ada' });
    addCard(doc, { columnId: 'col1', text: 'Zweite Karte' });
    updateCardText(doc, id, 'Mehr Zeit\nfür Fallbesprechungen');
    setCardColor(doc, id, 'blue');
    const cards = cardsInColumn(doc, 'col1');
    expect(cards.map((c) => c.text)).toEqual(['Mehr Zeit\nfür Fallbesprechungen', 'Zweite Karte']);
    expect(cards[0]).toMatchObject({ color: 'blue', author: 'Ada' });
    expect(cards[1]?.author).toBeNull();
    deleteCard(doc, id);
    expect(readCards(doc).map((c) => c.text)).toEqual(['Zweite Karte']);
  });

  it('refuses empty and over-long text with coded errors', () => {
    const doc = board();
    expect(() => addCard(doc, { columnId: 'col1', text: '   ' })).toThrow(expect.objectContaining({ code: 'required' }));
    const tooLong = 'x'.repeat(LIMITS.cardTextLength + 1);
    expect(() => addCard(doc, { columnId: 'col1', text: tooLong })).toThrow(ModelError);
    expect(() => addCard(doc, { columnId: 'col1', text: tooLong })).toThrow(expect.objectContaining({ code: 'too_long' }));
    expect(readCards(doc)).toHaveLength(0);
  });

  it('moves cards within and between columns', () => {
    const doc = board();
    const a = addCard(doc, { columnId: 'c1', text: 'A' });
    const b = addCard(doc, { columnId: 'c1', text: 'B' });
    const c = addCard(doc, { columnId: 'c1', text: 'C' });
    moveCard(doc, c, 'c1', 0);
    expect(cardsInColumn(doc, 'c1').map((x) => x.text)).toEqual(['C', 'A', 'B']);
    moveCard(doc, a, 'c2', 0);
    expect(cardsInColumn(doc, 'c1').map((x) => x.text)).toEqual(['C', 'B']);
    expect(cardsInColumn(doc, 'c2').map((x) => x.id)).toEqual([a]);
    moveCard(doc, b, 'c2', 1);
    expect(cardsInColumn(doc, 'c2').map((x) => x.text)).toEqual(['A', 'B']);
  });

  it('keeps both intents when two people reorder at once', () => {
    const one = board();
    const ids = ['A', 'B', 'C', 'D'].map((text) => addCard(one, { columnId: 'c1', text }));
    const two = new Y.Doc();
    sync(one, two);
    moveCard(one, ids[3] as string, 'c1', 0); // D to the top
    moveCard(two, ids[0] as string, 'c1', 3); // A to the bottom
    sync(one, two);
    const texts = cardsInColumn(one, 'c1').map((x) => x.text);
    expect(texts).toEqual(cardsInColumn(two, 'c1').map((x) => x.text));
    expect(texts).toEqual(['D', 'B', 'C', 'A']);
  });

  it('converges when two people drop into the same gap', () => {
    const one = board();
    const ids = ['A', 'B', 'C'].map((text) => addCard(one, { columnId: 'c1', text }));
    const two = new Y.Doc();
    sync(one, two);
    moveCard(one, ids[2] as string, 'c1', 1);
    moveCard(two, ids[0] as string, 'c1', 2);
    sync(one, two);
    expect(cardsInColumn(one, 'c1').map((c) => c.id)).toEqual(cardsInColumn(two, 'c1').map((c) => c.id));
    // A later move into the tie still finds a gap.
    moveCard(one, ids[1] as string, 'c1', 1);
    expect(cardsInColumn(one, 'c1')[1]?.id).toBe(ids[1]);
  });

  it('counts dots within the budget', () => {
    const doc = board();
    const a = addCard(doc, { columnId: 'c1', text: 'A' });
    const b = addCard(doc, { columnId: 'c1', text: 'B' });
    expect(vote(doc, a, 'voter1', 1, 3)).toBe(true);
    expect(vote(doc, a, 'voter1', 1, 3)).toBe(true);
    expect(vote(doc, b, 'voter1', 1, 3)).toBe(true);
    expect(vote(doc, b, 'voter1', 1, 3)).toBe(false);
    expect(vote(doc, b, 'voter2', 1, 3)).toBe(true);
    expect(votesUsed(doc, 'voter1')).toBe(3);
    expect(readCards(doc).map((c) => c.votes)).toEqual([2, 2]);
    expect(vote(doc, a, 'voter1', -1, 3)).toBe(true);
    expect(vote(doc, a, 'voter2', -1, 3)).toBe(false);
    expect(readCards(doc)[0]?.voters).toEqual({ voter1: 1 });
  });

  it('reads defensively what a misbehaving peer wrote', () => {
    const doc = board();
    const card = new Y.Map<unknown>();
    doc.getMap('cards').set('evil', card);
    card.set('text', 'y'.repeat(5000));
    card.set('color', 'black');
    card.set('order', '!!');
    card.set('vote:voter1', 'lots');
    card.set('vote:voter2', 2.5);
    doc.getMap('cards').set('not an id!', new Y.Map());
    const cards = readCards(doc);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ color: 'yellow', order: '', votes: 0 });
    expect(cards[0]?.text).toHaveLength(LIMITS.cardTextLength);
  });
});

describe('cards by column', () => {
  it('shows a card whose column was removed in the first column instead of losing it', () => {
    const doc = board();
    addCard(doc, { columnId: 'c1', text: 'A' });
    addCard(doc, { columnId: 'gone', text: 'verwaist' });
    addCard(doc, { columnId: 'c2', text: 'B' });
    const columns = groupCardsByColumn(readCards(doc), ['c1', 'c2']);
    expect(columns.get('c1')?.map((c) => c.text)).toEqual(['A', 'verwaist']);
    expect(columns.get('c2')?.map((c) => c.text)).toEqual(['B']);
    expect(groupCardsByColumn(readCards(doc), []).size).toBe(0);
  });
});

describe('appendCards (the reveal of private cards)', () => {
  function writerWith(texts: [column: string, text: string][]) {
    const doc = board();
    for (const [columnId, text] of texts) addCard(doc, { columnId, text });
    return readCards(doc);
  }

  it('appends after the cards already on the board, in each writer\'s order per column, and skips cards it already has', () => {
    const target = board();
    const there = [addCard(target, { columnId: 'c1', text: 'schon da 1' }), addCard(target, { columnId: 'c2', text: 'schon da 2' })];
    const first = writerWith([['c1', 'a1'], ['c2', 'a2'], ['c1', 'a3']]);
    const second = writerWith([['c2', 'b1'], ['c1', 'b2'], ['c2', 'b3']]);
    expect(appendCards(target, [...first, ...second])).toBe(6);
    const texts = (column: string) => cardsInColumn(target, column).map((c) => c.text);
    expect(texts('c1')).toEqual(['schon da 1', 'a1', 'a3', 'b2']);
    expect(texts('c2')).toEqual(['schon da 2', 'a2', 'b1', 'b3']);
    // Again: nothing twice, and the cards that were there keep their places.
    expect(appendCards(target, [...first, ...second])).toBe(0);
    expect([cardsInColumn(target, 'c1')[0]?.id, cardsInColumn(target, 'c2')[0]?.id]).toEqual(there);
    expect(readCards(target)).toHaveLength(8);
  });

  it('reads the board once, however many cards it appends (a reveal of 300 writers read it once per card)', () => {
    const target = board();
    for (let i = 0; i < 30; i++) addCard(target, { columnId: `c${i % 3}`, text: `da ${i}` });
    const cards = writerWith(Array.from({ length: 60 }, (_, i) => [`c${i % 4}`, `neu ${i}`] as [string, string]));
    const reads = vi.spyOn(target.getMap('cards'), 'forEach');
    expect(appendCards(target, cards)).toBe(60);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(cardsInColumn(target, 'c3').map((c) => c.text)).toEqual(cards.filter((c) => c.columnId === 'c3').map((c) => c.text));
  });
});
