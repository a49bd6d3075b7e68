import * as Y from 'yjs';
import { CARD_COLORS } from './board-doc.ts';
import { isDotCount, voteKey, voterOfKey } from './card-dots.ts';
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
  /** Voter keys that were given dots in the transaction. */
  voters: Set<string>;
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
  const voters = new Set<string>();
  try {
    for (const [type, keys] of transaction.changed) {
      const path = pathOf(doc, type);
      if (path === null) continue; // inside something deleted in this transaction
      checkChange(type, path, keys, voters);
    }
    checkBudget(doc, voters, rules);
    return { problem: null, voters };
  } catch (error) {
    if (error instanceof LayoutError) return { problem: error.message, voters };
    throw error;
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

function checkChange(type: AnyType, path: string[], keys: Set<string | null>, voters: Set<string>): void {
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
    for (const key of keys as Set<string>) if (cards.has(key)) checkCard(`cards.${key}`, key, cards.get(key), voters);
    // Y.Map's size walks every entry; its internal map (live cards and
    // deleted ones) is an upper bound that settles almost every write at once.
    if (cards._map.size > LIMITS.cardsPerBoard && cards.size > LIMITS.cardsPerBoard) {
      fail('cards', `more than ${LIMITS.cardsPerBoard} cards`);
    }
    return;
  }
  const card = cardAt(type, field);
  if (field === undefined) {
    for (const key of keys as Set<string>) checkField(`${where}.${key}`, key, card, voters);
  } else if (field === 'votes' && rest.length === 0) {
    const votes = type as Y.Map<unknown>;
    for (const voter of keys as Set<string>) {
      if (votes.has(voter)) checkLegacyVote(`${where}.${voter}`, voter, votes.get(voter));
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

function checkCard(where: string, id: string, value: unknown, voters: Set<string>): void {
  if (!isId(id)) fail(where, 'a card id is 1–64 characters of A–Z, a–z, 0–9, _ and -');
  if (!(value instanceof Y.Map)) fail(where, 'a card is a Y.Map');
  const card = value as Y.Map<unknown>;
  for (const key of REQUIRED_KEYS) if (!card.has(key)) fail(`${where}.${key}`, 'required');
  for (const key of card.keys()) checkField(`${where}.${key}`, key, card, voters);
}

function checkField(where: string, key: string, card: Y.Map<unknown>, voters: Set<string>): void {
  const voter = voterOfKey(key);
  if (voter !== null) {
    // A deleted key is a dot taken back: always allowed.
    if (card.has(key)) checkVote(where, voter, card.get(key), voters);
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
      for (const [voter, count] of (value as Y.Map<unknown>).entries()) checkLegacyVote(`${where}.${voter}`, voter, count);
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

/** A dot that counts: valid, and its voter is checked against the budget. */
function checkVote(where: string, voter: string, count: unknown, voters: Set<string>): void {
  checkLegacyVote(where, voter, count);
  voters.add(voter);
}

/** A dot in a schema 3 votes map: held to the layout, but neither read nor counted against the budget. */
function checkLegacyVote(where: string, voter: string, count: unknown): void {
  if (!isId(voter)) fail(where, 'a voter key is an id');
  if (!isDotCount(count)) fail(where, `a whole number of dots, 1–${LIMITS.votingBudgetMax}`);
}

/** Every voter given dots in the transaction stays within the board's budget. */
function checkBudget(doc: Y.Doc, voters: Set<string>, rules: BoardWriteRules): void {
  if (voters.size === 0) return;
  const budget = rules.votingBudget();
  if (budget === null) fail('cards.votes', 'voting is off in this phase');
  const used = new Map<string, number>();
  for (const card of doc.getMap('cards').values()) {
    if (!(card instanceof Y.Map)) continue;
    for (const voter of voters) {
      const count = card.get(voteKey(voter));
      if (typeof count === 'number') used.set(voter, (used.get(voter) ?? 0) + count);
    }
  }
  for (const [voter, count] of used) {
    if (count > budget) fail(`cards.votes.${voter}`, `${count} dots, over the budget of ${budget}`);
  }
}
