import * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { isId } from './ids.ts';
import { compareByOrder, keysAfter } from './order-keys.ts';
import { addNote } from './phase-notes.ts';
import { isDotCount, voteKey } from './card-dots.ts';

// Every Plenum document carries `meta.schemaVersion`. Readers of an older
// document migrate it forward in one transaction (origin MIGRATION_ORIGIN), so
// the change is persisted and broadcast like any other; a document newer than
// this code is refused rather than guessed at.

export type DocKind = 'session' | 'board';
export const SCHEMA_VERSION: Record<DocKind, number> = { session: 4, board: 4 };
export const MIGRATION_ORIGIN = 'plenum:migration';

/** A step from version `from` to `from + 1`. */
export interface Migration {
  from: number;
  run(doc: Y.Doc): void;
}

// Version 0 is a document written before versions existed (or by a script that
// forgot the field): it only needs the field.
// Version 1 → 2 re-keys every ordered list into the format of order-keys.ts
// (issue 7: the hand-written keys of version 1 grew with every append until
// they passed 64 characters and the item jumped to the top).
// Session 2 → 3 adds the plenum summary (summary-doc.ts): three top-level maps
// created on first write, which readers treat as empty while absent, so the
// step writes nothing. The version still goes up so that an older server
// refuses the document (503) instead of opening it and exporting a protocol
// that silently lacks the merged results.
// Board 2 → 3 turns each card's text from a string into a Y.Text (issue 9:
// two people editing one card lost the first one's words when the second
// saved). Session and board versions count separately.
// Session 3 → 4 gives every phase its protocol note, an empty Y.Text
// (phase-notes.ts): created here, by the server alone, so no two clients
// create it at once and replace each other's typing.
// Board 3 → 4 moves each card's dots from a Y.Map of their own to keys of the
// card, `vote:<voterKey>` (issue 12: the per-card map cost every loaded board
// about 0.46 KiB per card, with or without dots).
export const MIGRATIONS: Record<DocKind, Migration[]> = {
  session: [
    { from: 0, run: () => {} },
    { from: 1, run: rekeySession },
    { from: 2, run: () => {} },
    { from: 3, run: addNotes },
  ],
  board: [
    { from: 0, run: () => {} },
    { from: 1, run: rekeyBoard },
    { from: 2, run: textsToYText },
    { from: 3, run: votesToCardKeys },
  ],
};

// ---- 1 → 2: order keys -------------------------------------------------------
// Version 1 read a key as valid if it was 1–64 base-62 digits not ending in
// '0', and sorted an invalid one as '' (first), ties by id. The migration reads
// the keys exactly so and writes fresh keys ('a0', 'a1', …) in that order, so
// what people saw stays what they see, an over-long key that had jumped to the
// top included. These rules are frozen here: they describe old documents, not
// today's code.

const V1_KEY = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

function v1Order(value: unknown): string {
  return typeof value === 'string' && value.length <= 64 && V1_KEY.test(value) ? value : '';
}

interface Keyed {
  id: string;
  order: string;
  write(key: string): void;
}

function rekey(items: Keyed[]): void {
  items.sort(compareByOrder);
  const keys = keysAfter(null, items.length);
  items.forEach((item, i) => item.write(keys[i] as string));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Y.AbstractType);
}

/** Prompts or groups: plain objects `{ …, order }`, replaced whole as every writer does. */
function rekeyEntries(list: unknown): void {
  if (!(list instanceof Y.Map)) return;
  const items: Keyed[] = [];
  list.forEach((value: unknown, id: string) => {
    if (!isId(id) || !isPlainObject(value)) return;
    items.push({ id, order: v1Order(value.order), write: (order) => list.set(id, { ...value, order }) });
  });
  rekey(items);
}

/** Phases, and each phase's prompts and groups. */
function rekeySession(doc: Y.Doc): void {
  const phases: Keyed[] = [];
  doc.getMap('phases').forEach((phase: unknown, id: string) => {
    if (!isId(id) || !(phase instanceof Y.Map)) return;
    phases.push({ id, order: v1Order(phase.get('order')), write: (order) => phase.set('order', order) });
    rekeyEntries(phase.get('prompts'));
    rekeyEntries(phase.get('groups'));
  });
  rekey(phases);
}

/** Session 3 → 4: every phase gets its protocol note. */
function addNotes(doc: Y.Doc): void {
  doc.getMap('phases').forEach((phase: unknown, id: string) => {
    if (isId(id) && phase instanceof Y.Map) addNote(phase);
  });
}

/**
 * Cards of a board or private document, all in one sequence: their order
 * within each column is kept, and so is the order of cards whose column was
 * removed (shown together at the end of the first column).
 */
function rekeyBoard(doc: Y.Doc): void {
  const cards: Keyed[] = [];
  doc.getMap('cards').forEach((card: unknown, id: string) => {
    if (!isId(id) || !(card instanceof Y.Map)) return;
    cards.push({ id, order: v1Order(card.get('order')), write: (order) => card.set('order', order) });
  });
  rekey(cards);
}

// ---- board 2 → 3: card texts as Y.Text -----------------------------------------
// Each string text becomes a Y.Text holding the same characters (an over-long
// one too: readers clip, the document keeps what was written). A text that is
// already a Y.Text is left alone, so the step can run twice without effect.

function textsToYText(doc: Y.Doc): void {
  doc.getMap('cards').forEach((card: unknown, id: string) => {
    if (!isId(id) || !(card instanceof Y.Map)) return;
    const text: unknown = card.get('text');
    if (typeof text === 'string') card.set('text', new Y.Text(text));
  });
}

// ---- board 3 → 4: dots as card keys ------------------------------------------------
// Each valid entry of a card's `votes` map (what readers counted: a voter id,
// a whole number of dots within the limit) becomes the card key
// `vote:<voterKey>`; the map itself is removed, invalid entries with it. A card
// without the map is left alone, so the step can run again without effect.

function votesToCardKeys(doc: Y.Doc): void {
  doc.getMap('cards').forEach((card: unknown, id: string) => {
    if (!isId(id) || !(card instanceof Y.Map)) return;
    const votes: unknown = card.get('votes');
    if (votes === undefined) return;
    if (votes instanceof Y.Map) {
      votes.forEach((count: unknown, voter: string) => {
        if (isId(voter) && isDotCount(count)) card.set(voteKey(voter), count);
      });
    }
    card.delete('votes');
  });
}

export function schemaVersionOf(doc: Y.Doc): number {
  const version = doc.getMap('meta').get('schemaVersion');
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
}

/**
 * Brings `doc` up to `target`. Returns the number of steps applied. An empty
 * document is left alone: it is initialised by its creator, not migrated.
 */
export function migrate(
  doc: Y.Doc,
  kind: DocKind,
  migrations: Migration[] = MIGRATIONS[kind],
  target: number = SCHEMA_VERSION[kind],
): number {
  const meta = doc.getMap('meta');
  if (meta.size === 0) return 0;
  const version = schemaVersionOf(doc);
  if (version > target) {
    throw new ModelError('schema_too_new', `${kind} document has schema ${version}, this server knows ${target}`);
  }
  if (version === target) return 0;
  let steps = 0;
  doc.transact(() => {
    for (let current = version; current < target; current++) {
      const step = migrations.find((m) => m.from === current);
      if (!step) throw new ModelError('invalid', `no migration for ${kind} schema ${current}`);
      step.run(doc);
      steps++;
    }
    meta.set('schemaVersion', target);
  }, MIGRATION_ORIGIN);
  return steps;
}
