import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  appendCards,
  editableCardText,
  initBoard,
  readCards,
  updateCardText,
} from '../src/board-doc.ts';
import { LIMITS } from '../src/limits.ts';
import { keyBetween } from '../src/order-keys.ts';
import { MIGRATIONS, migrate, SCHEMA_VERSION, schemaVersionOf } from '../src/schema.ts';
import { applyTextChange, mapThroughDelta, textChange, type DeltaStep } from '../src/text-change.ts';
import { boardAtVersion } from './old-board.ts';

// Board schema 3 (issue 9): a card's text is a Y.Text, so two people editing
// one card merge character by character instead of the last save replacing
// the other's words. Readers still accept a plain string (schema 2 documents,
// outside scripts).

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { sessionId: 's1', phaseId: 'p1', groupId: 'g1' });
  return doc;
}

/** Both ways, so each document has everything the other has. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function rawCard(doc: Y.Doc, id: string): Y.Map<unknown> {
  return doc.getMap<Y.Map<unknown>>('cards').get(id)!;
}

/** A card as a schema 2 writer (or a script) writes it: text a plain string. */
function stringCard(doc: Y.Doc, id: string, text: string, order: string, columnId = 'c1'): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    doc.getMap('cards').set(id, map);
    map.set('text', text);
    map.set('columnId', columnId);
    map.set('order', order);
    map.set('color', 'green');
    map.set('author', 'Ada');
    map.set('createdAt', 1000);
    map.set('votes', new Y.Map<number>());
  });
}

describe('card text as Y.Text (board schema 3)', () => {
  it('stores the text of a new card as a Y.Text', () => {
    const doc = board();
    const id = addCard(doc, { columnId: 'c1', text: 'Mehr Zeit' });
    expect(rawCard(doc, id).get('text')).toBeInstanceOf(Y.Text);
    expect(readCards(doc)[0]?.text).toBe('Mehr Zeit');
  });

  it('reads a plain string text and a Y.Text alike, and clips both to the limit', () => {
    const doc = board();
    stringCard(doc, 'plain', 'als Zeichenkette', 'a0');
    stringCard(doc, 'long', 'x'.repeat(5000), 'a1');
    const id = addCard(doc, { columnId: 'c1', text: 'als Y.Text' });
    rawCard(doc, id).set('text', new Y.Text('y'.repeat(5000)));
    const texts = readCards(doc).map((c) => c.text);
    expect(texts[0]).toBe('als Zeichenkette');
    expect(texts[1]).toBe('x'.repeat(LIMITS.cardTextLength));
    expect(texts[2]).toBe('y'.repeat(LIMITS.cardTextLength));
  });

  it('keeps both people’s words when two edit one card at the same time', () => {
    const a = board();
    const b = new Y.Doc();
    const id = addCard(a, { columnId: 'c1', text: 'Fortbildung' });
    sync(a, b);
    updateCardText(a, id, 'Fortbildung im Sozialraum');
    updateCardText(b, id, 'Gemeinsame Fortbildung');
    sync(a, b);
    expect(readCards(a)[0]?.text).toBe('Gemeinsame Fortbildung im Sozialraum');
    expect(readCards(b)[0]?.text).toBe('Gemeinsame Fortbildung im Sozialraum');
  });

  it('turns a plain string text into a Y.Text when it is edited, keeping the text', () => {
    const doc = board();
    stringCard(doc, 'plain', 'vorher', 'a0');
    updateCardText(doc, 'plain', 'vorher und nachher');
    expect(rawCard(doc, 'plain').get('text')).toBeInstanceOf(Y.Text);
    expect(readCards(doc)[0]?.text).toBe('vorher und nachher');

    stringCard(doc, 'other', 'zum Bearbeiten', 'a1');
    const text = editableCardText(doc, 'other');
    expect(text).toBeInstanceOf(Y.Text);
    expect(text.toString()).toBe('zum Bearbeiten');
    expect(editableCardText(doc, 'other')).toBe(text);
  });

  it('hands out a new card object when its Y.Text changes, and the same object otherwise', () => {
    const doc = board();
    const [x, y] = [addCard(doc, { columnId: 'c1', text: 'X' }), addCard(doc, { columnId: 'c1', text: 'Y' })];
    const before = readCards(doc);
    editableCardText(doc, x).insert(1, '!');
    const after = readCards(doc);
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]?.text).toBe('X!');
    expect(after[1]).toBe(before[1]);
    expect(after.map((c) => c.id)).toEqual([x, y]);
  });

  it('copies the text of revealed private cards into new Y.Texts on the board', () => {
    const writer = board();
    const id = addCard(writer, { columnId: 'c1', text: 'Privat geschrieben' });
    // After the added card: its key is jittered, and about 1 in 60 lands past a fixed 'a5'.
    stringCard(writer, 'script', 'per Skript', keyBetween(rawCard(writer, id).get('order') as string, null));
    const target = board();
    expect(appendCards(target, readCards(writer))).toBe(2);
    const moved = rawCard(target, id).get('text');
    expect(moved).toBeInstanceOf(Y.Text);
    expect(moved).not.toBe(rawCard(writer, id).get('text'));
    expect(rawCard(target, 'script').get('text')).toBeInstanceOf(Y.Text);
    expect(readCards(target).map((c) => c.text)).toEqual(['Privat geschrieben', 'per Skript']);
  });
});

describe('board schema 2 → 3', () => {
  function schema2Board(): Y.Doc {
    const doc = boardAtVersion(2);
    stringCard(doc, 'c2', 'Zweite', 'a1');
    stringCard(doc, 'c1', 'Erste\nmit Zeilenumbruch', 'a0');
    stringCard(doc, 'c3', 'x'.repeat(1200), 'a2', 'c2');
    (rawCard(doc, 'c2').get('votes') as Y.Map<number>).set('voter1', 2);
    return doc;
  }

  it('turns every string text into a Y.Text and changes nothing else', () => {
    expect(SCHEMA_VERSION.session).toBe(4); // session and board versions count separately
    const doc = schema2Board();
    const before = readCards(doc).map((c) => ({ ...c }));
    // This step alone: schema 3 → 4 moves the dots (card-votes.test.ts).
    expect(migrate(doc, 'board', MIGRATIONS.board, 3)).toBe(1);
    expect(schemaVersionOf(doc)).toBe(3);
    for (const id of ['c1', 'c2', 'c3']) expect(rawCard(doc, id).get('text')).toBeInstanceOf(Y.Text);
    // Over-long text is kept whole in the document (readers clip, as before).
    expect(String(rawCard(doc, 'c3').get('text'))).toHaveLength(1200);
    expect(readCards(doc)).toEqual(before);
  });

  it('is idempotent: a second run, or a text already a Y.Text, is left alone', () => {
    const doc = schema2Board();
    const id = addCard(doc, { columnId: 'c1', text: 'schon Y.Text' });
    const already = rawCard(doc, id).get('text');
    migrate(doc, 'board');
    expect(rawCard(doc, id).get('text')).toBe(already);
    const state = Y.encodeStateAsUpdate(doc);
    expect(migrate(doc, 'board')).toBe(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  });

  it('merges the edits of two people on a migrated card', () => {
    const a = schema2Board();
    migrate(a, 'board');
    const b = new Y.Doc();
    sync(a, b);
    editableCardText(a, 'c2').insert(6, ' Idee');
    editableCardText(b, 'c2').insert(0, 'Die ');
    sync(a, b);
    expect(readCards(b).find((c) => c.id === 'c2')?.text).toBe('Die Zweite Idee');
  });
});

describe('textChange: the smallest single change from one text to another', () => {
  it('finds the changed middle', () => {
    expect(textChange('abc', 'abc')).toEqual({ index: 3, remove: 0, insert: '' });
    expect(textChange('Fortbildung', 'Fortbildung im Sozialraum')).toEqual({ index: 11, remove: 0, insert: ' im Sozialraum' });
    expect(textChange('vorher', 'nachher')).toEqual({ index: 0, remove: 3, insert: 'nach' });
    expect(textChange('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    // 😀 and 😁 share their first UTF-16 unit.
    expect(textChange('a😀b', 'a😁b')).toEqual({ index: 1, remove: 2, insert: '😁' });
  });

  it('applies to a Y.Text as one delete and one insert', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'vorher');
    applyTextChange(text, 'nachher');
    expect(text.toString()).toBe('nachher');
  });
});

describe('mapThroughDelta: a caret follows someone else’s change', () => {
  /** The delta Yjs reports for `change` on a text that reads `before`. */
  function deltaOf(before: string, change: (text: Y.Text) => void): DeltaStep[] {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, before);
    let delta: DeltaStep[] = [];
    text.observe((event) => {
      delta = event.delta as DeltaStep[];
    });
    change(text);
    return delta;
  }

  it('moves by what was inserted or deleted before it, not by what came after', () => {
    const insertAtStart = deltaOf('Fortbildung im', (t) => t.insert(0, 'Gemeinsame '));
    expect(mapThroughDelta(insertAtStart, 14)).toBe(25);
    expect(mapThroughDelta(insertAtStart, 0)).toBe(0);
    const appended = deltaOf('Fortbildung', (t) => t.insert(11, ' im'));
    expect(mapThroughDelta(appended, 5)).toBe(5);
    expect(mapThroughDelta(appended, 11)).toBe(11);
    const deleted = deltaOf('abcdefgh', (t) => t.delete(2, 3));
    expect(mapThroughDelta(deleted, 8)).toBe(5);
    expect(mapThroughDelta(deleted, 3)).toBe(2);
    expect(mapThroughDelta(deleted, 1)).toBe(1);
  });
});
