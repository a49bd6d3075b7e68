import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Card, groupCardsByColumn, initBoard, readCards } from '../src/board-doc.ts';
import { isOrderKey } from '../src/order-keys.ts';
import { migrate, MIGRATION_ORIGIN, SCHEMA_VERSION, schemaVersionOf } from '../src/schema.ts';
import { readPhases } from '../src/session-doc.ts';

describe('schema versions', () => {
  it('stamps new documents with the current version', () => {
    const doc = new Y.Doc();
    initBoard(doc, { sessionId: 's', phaseId: 'p', groupId: 'g' });
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION.board);
    expect(migrate(doc, 'board')).toBe(0);
  });

  it('migrates an old document forward in one transaction, step by step', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('kind', 'board');
    doc.getMap('cards').set('c1', new Y.Map());
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const steps = [
      { from: 0, run: (d: Y.Doc) => d.getMap('meta').set('renamed', true) },
      { from: 1, run: (d: Y.Doc) => d.getMap('cards').delete('c1') },
    ];
    expect(migrate(doc, 'board', steps, 2)).toBe(2);
    expect(schemaVersionOf(doc)).toBe(2);
    expect(doc.getMap('meta').get('renamed')).toBe(true);
    expect(doc.getMap('cards').size).toBe(0);
    expect(origins).toEqual([MIGRATION_ORIGIN]);
  });

  it('refuses a document newer than this code', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION.session + 1);
    expect(() => migrate(doc, 'session')).toThrow(expect.objectContaining({ code: 'schema_too_new' }));
  });
});

// Schema 1 documents as the code of that time wrote them: base-62 fractions
// ('V' the midpoint), an over-long key that readers sorted first, and two equal
// keys from two people dropping into one gap at once (ordered by id).
const OVER_LONG = 'z'.repeat(64) + 'V';

function v1Board(version: number | null): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    if (version !== null) meta.set('schemaVersion', version);
    meta.set('kind', 'board');
    const cards = doc.getMap('cards');
    const card = (id: string, columnId: string, order: unknown) => {
      const map = new Y.Map<unknown>();
      cards.set(id, map);
      map.set('text', id);
      map.set('columnId', columnId);
      if (order !== undefined) map.set('order', order);
    };
    card('c1', 'colA', 'V');
    card('c2', 'colA', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz');
    card('c3', 'colA', OVER_LONG);
    card('c4', 'colA', 'l');
    card('c9', 'colB', 'k');
    card('c8', 'colB', 'k');
    card('c7', 'colB', 'F');
    card('o2', 'gone', 'x');
    card('o1', 'gone', 'd');
    card('c5', 'colB', undefined);
  });
  return doc;
}

function v1Session(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 1);
    meta.set('kind', 'session');
    meta.set('title', 'Werkstatt');
    const phases = doc.getMap('phases');
    const phase = (id: string, order: string) => {
      const map = new Y.Map<unknown>();
      phases.set(id, map);
      map.set('order', order);
      map.set('title', id);
      const prompts = new Y.Map<unknown>();
      prompts.set('pr1', { text: 'eins', order: 'zzzzzzzzzzV' });
      prompts.set('pr2', { text: 'zwei', order: 'V' });
      prompts.set('pr3', { text: 'drei', order: OVER_LONG });
      map.set('prompts', prompts);
      const groups = new Y.Map<unknown>();
      groups.set('g2', { name: 'B', composition: '', order: 'V' });
      groups.set('g1', { name: 'A', composition: '', order: 'V' });
      map.set('groups', groups);
    };
    phase('p1', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzt');
    phase('p2', 'V');
    phase('p3', OVER_LONG);
    phase('p4', 'zV');
  });
  return doc;
}

describe('schema 2: order keys re-keyed (issue 7)', () => {
  it('keeps the card order people saw in every column, including over-long keys first, ties by id and orphans', () => {
    for (const version of [1, null]) {
      const doc = v1Board(version);
      const before = [...groupCardsByColumn(readCardsV1(doc), ['colA', 'colB']).values()].map((c) => c.map((x) => x.id));
      expect(before).toEqual([
        ['c3', 'c1', 'c4', 'c2', 'o1', 'o2'],
        ['c5', 'c7', 'c8', 'c9'],
      ]);
      // 0 → 1 → 2 re-keys; 2 → 3 turns texts into Y.Text (card-text.test.ts);
      // 3 → 4 moves dots to card keys (card-votes.test.ts).
      expect(migrate(doc, 'board')).toBe(version === null ? 4 : 3);
      expect(schemaVersionOf(doc)).toBe(4);
      const keys = [...doc.getMap<Y.Map<unknown>>('cards').values()].map((c) => c.get('order'));
      for (const key of keys) expect(isOrderKey(key), String(key)).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
      const after = [...groupCardsByColumn(readCards(doc), ['colA', 'colB']).values()].map((c) => c.map((x) => x.id));
      expect(after).toEqual(before);
    }
  });

  it('keeps the order of phases, prompts and groups', () => {
    const doc = v1Session();
    // 1 → 2 re-keys; 2 → 3 (the plenum summary) writes nothing; 3 → 4 adds notes.
    expect(migrate(doc, 'session')).toBe(3);
    expect(schemaVersionOf(doc)).toBe(4);
    const phases = readPhases(doc);
    expect(phases.map((p) => p.id)).toEqual(['p3', 'p2', 'p4', 'p1']);
    for (const phase of phases) {
      expect(phase.prompts.map((p) => [p.id, p.text])).toEqual([
        ['pr3', 'drei'],
        ['pr2', 'zwei'],
        ['pr1', 'eins'],
      ]);
      expect(phase.groups.map((g) => [g.id, g.name])).toEqual([
        ['g1', 'A'],
        ['g2', 'B'],
      ]);
      for (const key of [phase.order, ...phase.prompts.map((p) => p.order), ...phase.groups.map((g) => g.order)]) {
        expect(isOrderKey(key), key).toBe(true);
      }
    }
  });

  it('leaves documents of the current schema alone', () => {
    const doc = v1Board(SCHEMA_VERSION.board);
    const state = Y.encodeStateAsUpdate(doc);
    expect(migrate(doc, 'board')).toBe(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  });
});

/** Cards as schema 1 readers sorted them: its key rule, invalid keys as '' (first), ties by id. */
function readCardsV1(doc: Y.Doc): Card[] {
  const v1 = (v: unknown) => (typeof v === 'string' && v.length <= 64 && /^[0-9A-Za-z]*[1-9A-Za-z]$/.test(v) ? v : '');
  const raw = doc.getMap<Y.Map<unknown>>('cards');
  const orderOf = (card: Card) => v1(raw.get(card.id)?.get('order'));
  return readCards(doc).sort((a, b) =>
    orderOf(a) !== orderOf(b) ? (orderOf(a) < orderOf(b) ? -1 : 1) : a.id < b.id ? -1 : 1,
  );
}
