import * as Y from 'yjs';
import { CARD_COLORS } from './board-doc.ts';
import { dotsOf, isDotCount, voteKey, voterOfKey } from './card-dots.ts';
import { isId } from './ids.ts';
import { LIMITS } from './limits.ts';
import { isOrderKey } from './order-keys.ts';

// Does one transaction on a board (or private) document keep to the documented
// layout (docs/data-model.md, "Board document")? The server asks after
// applying a peer's update and, if not, throws the whole update away
// (docs/sync-spec.md, S11). Readers already clip what they cannot use; this is
// what keeps such data out of the stored document in the first place, so a
// hostile peer cannot fill a board with numbers, markup or megabytes.
//
// Dots are different: whether one may be given depends on the phase (voting
// on, its budget) at the moment the server applies it, which a page learns a
// moment later. A dot given in that moment breaks no layout, so the write is
// kept and the server takes the dot back (`overruled`, takeBackDots).
// Refusing the write would close the page for good, and its local copy would
// send the refused dot again after every reload.
//
// Only what the transaction changed is checked, key by key: a card that was
// stored before this check existed is not refused for an old flaw when
// someone moves it. A card (or its text) created in the transaction is
// not in `transaction.changed` (Yjs lists only types that existed before), so
// a new card is checked whole where it is set into `cards`.

export interface BoardWriteRules {
  /**
   * Dots per voter on this board, or null while voting is off (no new dots).
   * Asked only when a transaction gives dots: most writes are keystrokes.
   */
  votingBudget(): number | null;
}

export interface BoardWriteVerdict {
  /** What breaks the layout, as `path: reason`; null when the write fits. */
  problem: string | null;
  /** Voter keys whose dots the transaction wrote (given, changed; not those taken back to none). */
  voters: Set<string>;
  /**
   * Dots the transaction gave that the phase does not allow now (voting is
   * off, or the voter is over the budget): to be set back (takeBackDots).
   */
  overruled: OverruledDot[];
}

/** A card key of dots that a write raised beyond what the phase allows, and what it held before. */
export interface OverruledDot {
  cardId: string;
  key: string;
  /** The voter's dots on the card before the write; undefined for none. */
  before: number | undefined;
}

/** A vote key the transaction wrote on a card. */
interface DotWrite extends OverruledDot {
  card: Y.Map<unknown>;
  voter: string;
}

// Besides these, a card holds its dots as keys `vote:<voterKey>` (card-dots.ts).
// `votes` is the schema 3 map of dots. A page loaded before board schema 4
// still writes one with each new card, and its dots into it. Both are
// accepted if they keep the old layout, and readers ignore them: refusing
// them would stop the page, and its local copy would send the refused write
// again after every reload (docs/data-model.md, "Why board schema 4").
const CARD_KEYS = new Set(['text', 'columnId', 'order', 'color', 'author', 'createdAt', 'votes']);
const REQUIRED_KEYS = ['text', 'columnId', 'order', 'color', 'createdAt'] as const;

// Any shared type, whatever its events (Yjs's own signature for `changed`).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

class LayoutError extends Error {}

function fail(path: string, reason: string): never {
  throw new LayoutError(`${path}: ${reason}`);
}

/** Checks `transaction` (already applied to `doc`) against the board layout and `rules`. */
export function checkBoardWrite(doc: Y.Doc, transaction: Y.Transaction, rules: BoardWriteRules): BoardWriteVerdict {
  const dots: DotWrite[] = [];
  try {
    for (const [type, keys] of transaction.changed) {
      const path = pathOf(doc, type);
      if (path === null) continue; // inside something deleted in this transaction
      checkChange(transaction, type, path, keys, dots);
    }
  } catch (error) {
    if (error instanceof LayoutError) return { problem: error.message, voters: votersOf(dots), overruled: [] };
    throw error;
  }
  return { problem: null, voters: votersOf(dots), overruled: overruledDots(doc, dots, rules) };
}

/** The voters whose keys the transaction left holding dots. */
function votersOf(dots: DotWrite[]): Set<string> {
  return new Set(dots.filter((dot) => dot.card.has(dot.key)).map((dot) => dot.voter));
}

/**
 * Sets the overruled dots back to what their keys held before (the caller
 * wraps this in one transaction of its own). A card deleted meanwhile is left
 * alone: its dots went with it.
 */
export function takeBackDots(doc: Y.Doc, dots: readonly OverruledDot[]): void {
  const cards = doc.getMap('cards');
  for (const { cardId, key, before } of dots) {
    const card = cards.get(cardId);
    if (!(card instanceof Y.Map)) continue;
    if (before === undefined) card.delete(key);
    else card.set(key, before);
  }
}

/** The map keys from the root to `type` (root name first), or null if it hangs in a deleted item. */
function pathOf(doc: Y.Doc, type: AnyType): string[] | null {
  const path: string[] = [];
  let current = type;
  while (current._item !== null) {
    const item = current._item;
    if (item.deleted) return null;
    // A type that is not a map entry (an array element, an embed) has no
    // place in this layout.
    if (item.parentSub === null) fail(path.join('.') || '(root)', 'not a map entry');
    path.unshift(item.parentSub);
    current = item.parent as AnyType;
  }
  for (const [name, root] of doc.share) {
    if (root === current) {
      path.unshift(name);
      return path;
    }
  }
  fail('(root)', 'unknown type');
}

function checkChange(transaction: Y.Transaction, type: AnyType, path: string[], keys: Set<string | null>, dots: DotWrite[]): void {
  const where = path.join('.');
  const [root, cardId, field, ...rest] = path;
  if (root === 'meta') fail(where, 'the board meta is written by the server only');
  if (root !== 'cards') fail(where, 'not part of the board layout');
  if (!(type instanceof Y.Text) && keys.has(null)) fail(where, 'not a map entry');
  if (cardId === undefined) {
    // Cards set or deleted: a set card is new (or replaced) and checked whole.
    // (Read through getMap: a root type that only remote updates have
    // touched is still untyped.)
    const cards = type.doc!.getMap('cards');
    for (const key of keys as Set<string>) if (cards.has(key)) checkCard(`cards.${key}`, key, cards.get(key), dots);
    // Y.Map's size walks every entry; its internal map (live cards and
    // deleted ones) is an upper bound that settles almost every write at once.
    if (cards._map.size > LIMITS.cardsPerBoard && cards.size > LIMITS.cardsPerBoard) {
      fail('cards', `more than ${LIMITS.cardsPerBoard} cards`);
    }
    return;
  }
  const card = cardAt(type, field);
  if (field === undefined) {
    // What a changed key held before, asked for dots only (most writes are text and moves).
    let changes: Map<string, { oldValue: unknown }> | null = null;
    const before = (key: string) => (changes ??= new Y.YMapEvent(card, transaction, keys).changes.keys).get(key)?.oldValue;
    for (const key of keys as Set<string>) checkField(`${where}.${key}`, key, card, cardId, dots, before);
  } else if (field === 'votes' && rest.length === 0) {
    const votes = type as Y.Map<unknown>;
    for (const voter of keys as Set<string>) {
      if (votes.has(voter)) checkDot(`${where}.${voter}`, voter, votes.get(voter));
    }
  } else if (field === 'text' && rest.length === 0) {
    checkText(where, type);
  } else {
    fail(where, 'not part of the board layout');
  }
}

/** The card map a changed type belongs to (the type itself, or its parent for its text). */
function cardAt(type: AnyType, field: string | undefined): Y.Map<unknown> {
  const card = field === undefined ? type : type._item?.parent;
  if (!(card instanceof Y.Map)) fail('cards', 'a card is not a map');
  return card;
}

function checkCard(where: string, id: string, value: unknown, dots: DotWrite[]): void {
  if (!isId(id)) fail(where, 'a card id is 1–64 characters of A–Z, a–z, 0–9, _ and -');
  if (!(value instanceof Y.Map)) fail(where, 'a card is a Y.Map');
  const card = value as Y.Map<unknown>;
  for (const key of REQUIRED_KEYS) if (!card.has(key)) fail(`${where}.${key}`, 'required');
  // A new card held no dots before.
  for (const key of card.keys()) checkField(`${where}.${key}`, key, card, id, dots, () => undefined);
}

/** `before`: what a key held before the transaction (asked for dots only). Dots written are added to `dots`. */
function checkField(where: string, key: string, card: Y.Map<unknown>, cardId: string, dots: DotWrite[], before: (key: string) => unknown): void {
  const voter = voterOfKey(key);
  if (voter !== null) {
    // A deleted key is a dot taken back: always allowed.
    if (card.has(key)) checkDot(where, voter, card.get(key));
    const old = before(key);
    dots.push({ card, cardId, key, voter, before: isDotCount(old) ? old : undefined });
    return;
  }
  if (!CARD_KEYS.has(key)) fail(where, 'not part of the board layout');
  if (!card.has(key)) {
    if ((REQUIRED_KEYS as readonly string[]).includes(key)) fail(where, 'required');
    return;
  }
  const value = card.get(key);
  switch (key) {
    case 'text':
      if (value instanceof Y.Text) checkText(where, value);
      else if (typeof value !== 'string' || value.length < 1 || value.length > LIMITS.cardTextLength) {
        fail(where, `a string of 1–${LIMITS.cardTextLength} characters, or a Y.Text`);
      }
      return;
    case 'columnId':
      if (!isId(value)) fail(where, 'an id');
      return;
    case 'order':
      if (!isOrderKey(value)) fail(where, 'an order key (docs/data-model.md, Conventions)');
      return;
    case 'color':
      if (!(CARD_COLORS as readonly unknown[]).includes(value)) fail(where, `one of ${CARD_COLORS.join(', ')}`);
      return;
    case 'author':
      if (value !== null && (typeof value !== 'string' || value.length > LIMITS.authorNameLength)) {
        fail(where, `null or a string of at most ${LIMITS.authorNameLength} characters`);
      }
      return;
    case 'createdAt':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'a number (ms since the epoch)');
      return;
    case 'votes':
      if (!(value instanceof Y.Map)) fail(where, 'a Y.Map of voter keys to dots (schema 3), or absent');
      for (const [voter, count] of (value as Y.Map<unknown>).entries()) checkDot(`${where}.${voter}`, voter, count);
      return;
  }
}

/**
 * A live-edited text (card texts may be Y.Text) holds plain characters only,
 * within the limit; it may be empty for a moment while someone retypes it.
 */
function checkText(where: string, type: AnyType): void {
  if (!(type instanceof Y.Text)) fail(where, 'a string or a Y.Text');
  const text = type as Y.Text;
  if (text.length > LIMITS.cardTextLength) fail(where, `at most ${LIMITS.cardTextLength} characters`);
  for (const op of text.toDelta() as { insert: unknown; attributes?: object }[]) {
    if (typeof op.insert !== 'string' || op.attributes !== undefined) fail(where, 'plain text only');
  }
}

/**
 * One voter's dots on a card, as a `vote:` key or in a schema 3 votes map
 * (which is held to the layout, but neither read nor counted).
 */
function checkDot(where: string, voter: string, count: unknown): void {
  if (!isId(voter)) fail(where, 'a voter key is an id');
  if (!isDotCount(count)) fail(where, `a whole number of dots, 1–${LIMITS.votingBudgetMax}`);
}

/**
 * The dots the transaction gave (raised a key) that the phase does not allow
 * now: all of them while voting is off; those of a voter over the budget
 * after the write. Taking dots back is always allowed.
 */
function overruledDots(doc: Y.Doc, dots: DotWrite[], rules: BoardWriteRules): OverruledDot[] {
  const given = dots.filter((dot) => dotsOf(dot.card.get(dot.key)) > (dot.before ?? 0));
  if (given.length === 0) return [];
  const budget = rules.votingBudget();
  const over = budget === null ? null : votersOver(doc, new Set(given.map((dot) => dot.voter)), budget);
  return given
    .filter((dot) => over === null || over.has(dot.voter))
    .map(({ cardId, key, before }) => ({ cardId, key, before }));
}

/** Those of `voters` whose dots on the board add up to more than `budget`. */
function votersOver(doc: Y.Doc, voters: Set<string>, budget: number): Set<string> {
  const used = new Map<string, number>();
  for (const card of doc.getMap('cards').values()) {
    if (!(card instanceof Y.Map)) continue;
    for (const voter of voters) used.set(voter, (used.get(voter) ?? 0) + dotsOf(card.get(voteKey(voter))));
  }
  return new Set([...used].filter(([, count]) => count > budget).map(([voter]) => voter));
}
