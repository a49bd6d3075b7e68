import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, initBoard, moveCard, readCards } from '../src/board-doc.ts';
import { isOrderKey, MAX_KEY_LENGTH } from '../src/order-keys.ts';
import {
  addGroup,
  addPhase,
  addPrompt,
  deleteGroup,
  deletePhase,
  deletePrompt,
  initSession,
  movePhase,
  movePrompt,
  readPhases,
} from '../src/session-doc.ts';

// Regression for issue 7: appending to the end of a list lengthened its keys by
// about one character every five appends, until a key passed MAX_KEY_LENGTH,
// readers took it for invalid and sorted it first, and a card jumped to the
// top of its column. These tests append and move to the end far more often
// than any workshop does, and check the raw stored keys and the visible order.

const APPENDS = 2000;
const MOVES = 1000;
// Every append and move reads the whole list (on the board 3,000 reads of up to
// 2,000 cards): seconds of work, not a speed target, so the timeout is generous.
const SLOW = 120_000;

/** Every raw key is valid and within the limit. */
function checkKeys(keys: unknown[], what: string): void {
  for (const key of keys) {
    const length = typeof key === 'string' ? key.length : -1;
    expect(length, what).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    expect(isOrderKey(key), `${what}: invalid key ${String(key)}`).toBe(true);
  }
}

/** Moves the first id of `ids` to the end, as the model is asked to. */
function rotate(ids: string[]): string {
  const first = ids.shift() as string;
  ids.push(first);
  return first;
}

describe('order keys stay within the limit on append and move to the end (issue 7)', () => {
  it(`board: ${APPENDS} cards appended to one column, then the top card moved to the end ${MOVES} times`, () => {
    const doc = new Y.Doc();
    initBoard(doc, { sessionId: 's1', phaseId: 'p1', groupId: 'g1' });
    const expected: string[] = [];
    const cards = doc.getMap('cards') as Y.Map<Y.Map<unknown>>;
    const keyOf = (id: string) => cards.get(id)?.get('order');
    for (let i = 0; i < APPENDS; i++) {
      const id = addCard(doc, { columnId: 'col1', text: `Karte ${i}` });
      checkKeys([keyOf(id)], `append ${i}`);
      expected.push(id);
    }
    const rawKeys = () => [...cards.values()].map((c) => c.get('order'));
    checkKeys(rawKeys(), 'after appends');
    expect(readCards(doc).map((c) => c.id)).toEqual(expected);
    for (let i = 0; i < MOVES; i++) {
      const id = rotate(expected);
      moveCard(doc, id, 'col1', APPENDS - 1);
      checkKeys([keyOf(id)], `move ${i}`);
    }
    checkKeys(rawKeys(), 'after moves');
    expect(readCards(doc).map((c) => c.id)).toEqual(expected);
  }, SLOW);

  it(`agenda: ${APPENDS} phases appended (the first deleted each time), then the first moved to the end ${MOVES} times`, () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Werkstatt' }, []);
    const expected: string[] = [];
    for (let i = 0; i < 10; i++) expected.push(addPhase(doc, { title: `Phase ${i}` }));
    // The agenda holds at most 30 phases: keep it at ten, always appending.
    const rawKeys = () => [...(doc.getMap('phases') as Y.Map<Y.Map<unknown>>).values()].map((p) => p.get('order'));
    for (let i = 0; i < APPENDS; i++) {
      expected.push(addPhase(doc, { title: `Phase ${i + 10}` }));
      deletePhase(doc, expected.shift() as string);
      checkKeys(rawKeys(), `append ${i}`);
      expect(readPhases(doc).map((p) => p.id)).toEqual(expected);
    }
    for (let i = 0; i < MOVES; i++) {
      movePhase(doc, rotate(expected), expected.length - 1);
      checkKeys(rawKeys(), `move ${i}`);
      expect(readPhases(doc).map((p) => p.id)).toEqual(expected);
    }
  }, SLOW);

  it(`agenda: prompts and groups of a phase, ${APPENDS} appends each and ${MOVES} prompt moves to the end`, () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Werkstatt' }, [{ title: 'Bilanz', kind: 'groupwork', prompts: ['a', 'b', 'c'], groups: [{ name: 'G1' }] }]);
    const phase = readPhases(doc)[0]!;
    const prompts = phase.prompts.map((p) => p.id);
    const groups = phase.groups.map((g) => g.id);
    const list = (name: 'prompts' | 'groups') =>
      [...((doc.getMap('phases').get(phase.id) as Y.Map<unknown>).get(name) as Y.Map<{ order: unknown }>).values()].map(
        (v) => v.order,
      );
    const check = (what: string) => {
      checkKeys(list('prompts'), `prompts: ${what}`);
      checkKeys(list('groups'), `groups: ${what}`);
      const read = readPhases(doc)[0]!;
      expect(read.prompts.map((p) => p.id), what).toEqual(prompts);
      expect(read.groups.map((g) => g.id), what).toEqual(groups);
    };
    for (let i = 0; i < APPENDS; i++) {
      prompts.push(addPrompt(doc, phase.id, `Spalte ${i}`));
      deletePrompt(doc, phase.id, prompts.shift() as string);
      groups.push(addGroup(doc, phase.id, { name: `Gruppe ${i}` }));
      deleteGroup(doc, phase.id, groups.shift() as string);
      check(`append ${i}`);
    }
    for (let i = 0; i < MOVES; i++) {
      movePrompt(doc, phase.id, rotate(prompts), prompts.length - 1);
      check(`move ${i}`);
    }
  }, SLOW);
});
