import * as Y from 'yjs';
import { ModelError, requireText } from './errors.ts';
import { compareByOrder, isOrderKey, keyBetween, keyForIndex } from './order-keys.ts';
import { isId, newId } from './ids.ts';
import { clip, LIMITS } from './limits.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { applyTextChange } from './text-change.ts';
import { dotsOf, isDotCount, voteKey, voterOfKey } from './card-dots.ts';

// A board document: the cards of one group in one phase. Participants write
// it while the phase is open. Layout (docs/data-model.md):
//   meta:  Y.Map  schemaVersion, kind='board', sessionId, phaseId, groupId
//   cards: Y.Map<cardId, Y.Map>  text, columnId, order, color, author,
//                                createdAt, and `vote:<voterKey>` → dots
// `text` is a Y.Text since schema 3, so that two people typing in one card
// merge character by character; readers also accept a plain string (schema 2
// documents and outside scripts, docs/data-model.md). Dots are keys of the
// card since schema 4 (card-dots.ts).
// Columns are the phase's prompts in the session document; `columnId` is a
// prompt id. Keeping them there lets only the moderator change them, once for
// all groups of a phase (docs/architecture.md, "Columns live with the phase").

export const CARD_COLORS = ['yellow', 'green', 'blue', 'pink', 'orange', 'purple'] as const;
export type CardColor = (typeof CARD_COLORS)[number];

export interface BoardMeta {
  sessionId: string;
  phaseId: string;
  groupId: string;
}

export interface Card {
  id: string;
  columnId: string;
  order: string;
  text: string;
  color: CardColor;
  author: string | null;
  createdAt: number;
  votes: number;
  /** Votes per voter key, for "my dots" and budgets. */
  voters: Record<string, number>;
}

export interface NewCard {
  columnId: string;
  text: string;
  color?: CardColor;
  author?: string | null;
  createdAt?: number;
}

function cardsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('cards') as Y.Map<Y.Map<unknown>>;
}

function cardMap(doc: Y.Doc, cardId: string): Y.Map<unknown> {
  const map = cardsMap(doc).get(cardId);
  if (!(map instanceof Y.Map)) throw new ModelError('not_found', `no card ${cardId}`, 'cardId');
  return map;
}

export function initBoard(doc: Y.Doc, meta: BoardMeta): void {
  doc.transact(() => {
    const m = doc.getMap('meta');
    m.set('schemaVersion', SCHEMA_VERSION.board);
    m.set('kind', 'board');
    m.set('sessionId', meta.sessionId);
    m.set('phaseId', meta.phaseId);
    m.set('groupId', meta.groupId);
  });
}

export function readBoardMeta(doc: Y.Doc): BoardMeta {
  const m = doc.getMap('meta');
  const id = (v: unknown) => (isId(v) ? v : '');
  return { sessionId: id(m.get('sessionId')), phaseId: id(m.get('phaseId')), groupId: id(m.get('groupId')) };
}

/** A card's text as stored: a Y.Text (schema 3) or a plain string (schema 2, scripts). */
function textValue(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

function readCard(id: string, map: Y.Map<unknown>): Card {
  const color = map.get('color') as CardColor;
  const author = map.get('author');
  const createdAt = map.get('createdAt');
  const voters: Record<string, number> = {};
  let votes = 0;
  map.forEach((count: unknown, key: string) => {
    const voter = voterOfKey(key);
    if (voter !== null && isId(voter) && isDotCount(count)) {
      voters[voter] = count;
      votes += count;
    }
  });
  const columnId = map.get('columnId');
  const order = map.get('order');
  return {
    id,
    columnId: isId(columnId) ? columnId : '',
    order: isOrderKey(order) ? order : '',
    text: clip(textValue(map.get('text')), LIMITS.cardTextLength),
    color: CARD_COLORS.includes(color) ? color : 'yellow',
    author: typeof author === 'string' && author.trim() ? clip(author, LIMITS.authorNameLength) : null,
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    votes,
    voters,
  };
}

// The last Card read from each card's Y.Map. readCards hands out that same
// object again while the card reads the same, so a view can tell by identity
// which cards changed (the board re-renders only those). Every read still
// reads the map and compares, rather than trusting observers: observers run
// only at the end of a transaction, and a read in the middle of one (moveCard
// after another write, a reveal appending many cards) must see every write
// before it. Remote updates, undo and deletes need no special case: the map
// reads differently, or is gone (and its entry with it, the key being weak).
// A change inside a card's Y.Text changes the string read from it, so it is
// seen the same way.
const lastRead = new WeakMap<Y.Map<unknown>, Card>();

function sameVoters(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function sameCard(a: Card, b: Card): boolean {
  return (
    a.id === b.id &&
    a.columnId === b.columnId &&
    a.order === b.order &&
    a.text === b.text &&
    a.color === b.color &&
    a.author === b.author &&
    a.createdAt === b.createdAt &&
    a.votes === b.votes &&
    sameVoters(a.voters, b.voters)
  );
}

function readCardReusing(id: string, map: Y.Map<unknown>): Card {
  const card = readCard(id, map);
  const last = lastRead.get(map);
  if (last && sameCard(last, card)) return last;
  lastRead.set(map, card);
  return card;
}

/**
 * All cards, sorted by column order then card order. A card that has not
 * changed since the last read is the same object as then: treat cards as
 * read-only.
 */
export function readCards(doc: Y.Doc): Card[] {
  const cards: Card[] = [];
  cardsMap(doc).forEach((map, id) => {
    if (isId(id) && map instanceof Y.Map) cards.push(readCardReusing(id, map));
  });
  return cards.sort(compareByOrder);
}

export function cardsInColumn(doc: Y.Doc, columnId: string): Card[] {
  return readCards(doc).filter((c) => c.columnId === columnId);
}

function validCardText(text: unknown): string {
  return requireText('text', text, LIMITS.cardTextLength, { required: true });
}

export function addCard(doc: Y.Doc, input: NewCard): string {
  const text = validCardText(input.text);
  if (!isId(input.columnId)) throw new ModelError('invalid', 'columnId is not an id', 'columnId');
  const author = requireText('author', input.author ?? '', LIMITS.authorNameLength);
  const color = input.color ?? 'yellow';
  if (!CARD_COLORS.includes(color)) throw new ModelError('invalid', 'unknown colour', 'color');
  if (cardsMap(doc).size >= LIMITS.cardsPerBoard) {
    throw new ModelError('too_many', `at most ${LIMITS.cardsPerBoard} cards`, 'cards', LIMITS.cardsPerBoard);
  }
  const id = newId();
  doc.transact(() => {
    insertCard(
      doc,
      id,
      { text, columnId: input.columnId, color, author: author || null, createdAt: input.createdAt ?? Date.now() },
      endOfColumn(doc, input.columnId),
    );
  });
  return id;
}

/** Writes a card, already checked, at `order` with no votes. */
function insertCard(doc: Y.Doc, id: string, card: Pick<Card, 'text' | 'columnId' | 'color' | 'author' | 'createdAt'>, order: string): void {
  writeCard(doc, id, { ...card, order, votes: {} });
}

/** The key that places a card at the end of its column; reads the whole board. */
function endOfColumn(doc: Y.Doc, columnId: string): string {
  const column = cardsInColumn(doc, columnId);
  return keyForIndex(column, column.length);
}

/** A card as it was written: its place in its column and its dots per voter key kept. */
export type StoredCard = Pick<Card, 'text' | 'columnId' | 'color' | 'author' | 'createdAt'> & { order: string; votes: Record<string, number> };

/**
 * Writes a card as it was, already checked by the caller (a backup import,
 * server/src/protocol/backup.ts): the one place a card's map is laid out.
 */
export function restoreCard(doc: Y.Doc, id: string, card: StoredCard): void {
  writeCard(doc, id, card);
}

function writeCard(doc: Y.Doc, id: string, card: StoredCard): void {
  const map = new Y.Map<unknown>();
  cardsMap(doc).set(id, map);
  // Always a fresh Y.Text: a revealed private card's text lives in another
  // document, and a Y.Text can belong to one parent only. Never a string: the
  // first edit would turn it into a Y.Text, and two people editing at once
  // would each make their own, one losing their words.
  map.set('text', new Y.Text(card.text));
  map.set('columnId', card.columnId);
  map.set('order', card.order);
  map.set('color', card.color);
  map.set('author', card.author);
  map.set('createdAt', card.createdAt);
  for (const [voter, count] of Object.entries(card.votes)) map.set(voteKey(voter), count);
}

/** The card's text if it is a Y.Text (schema 3); null for a plain string or no such card. */
export function cardTextType(doc: Y.Doc, cardId: string): Y.Text | null {
  const text = cardsMap(doc).get(cardId)?.get('text');
  return text instanceof Y.Text ? text : null;
}

/**
 * The card's text as a Y.Text to edit in place. A plain string text (schema 2,
 * or written by a script) is turned into a Y.Text first, in the caller's
 * transaction. Two people doing that at the same moment each write their own
 * Y.Text and one wins; an editor must follow the card's current text
 * (client/src/board/useBoundText.ts does).
 */
export function editableCardText(doc: Y.Doc, cardId: string): Y.Text {
  const map = cardMap(doc, cardId);
  const current = map.get('text');
  if (current instanceof Y.Text) return current;
  const text = new Y.Text(textValue(current));
  map.set('text', text);
  return text;
}

/**
 * Sets the whole text, changing only what differs (text-change.ts), so that
 * someone else typing in the same card at the same time keeps their words.
 */
export function updateCardText(doc: Y.Doc, cardId: string, text: string): void {
  const valid = validCardText(text);
  doc.transact(() => void applyTextChange(editableCardText(doc, cardId), valid));
}

export function setCardColor(doc: Y.Doc, cardId: string, color: CardColor): void {
  if (!CARD_COLORS.includes(color)) throw new ModelError('invalid', 'unknown colour', 'color');
  cardMap(doc, cardId).set('color', color);
}

/** Moves a card to `index` within `columnId` (index counted without the card itself). */
export function moveCard(doc: Y.Doc, cardId: string, columnId: string, index: number): void {
  if (!isId(columnId)) throw new ModelError('invalid', 'columnId is not an id', 'columnId');
  const map = cardMap(doc, cardId);
  const others = cardsInColumn(doc, columnId).filter((c) => c.id !== cardId);
  const order = keyForIndex(others, index);
  doc.transact(() => {
    map.set('columnId', columnId);
    map.set('order', order);
  });
}

export function deleteCard(doc: Y.Doc, cardId: string): void {
  cardMap(doc, cardId);
  cardsMap(doc).delete(cardId);
}

/** Dots this voter has spent on the whole board. */
export function votesUsed(doc: Y.Doc, voterKey: string): number {
  return readCards(doc).reduce((sum, card) => sum + (card.voters[voterKey] ?? 0), 0);
}

/**
 * Adds (delta 1) or takes back (delta -1) one dot of `voterKey` on a card,
 * within `budget` dots per voter on the board. Returns false when refused.
 */
export function vote(doc: Y.Doc, cardId: string, voterKey: string, delta: 1 | -1, budget: number): boolean {
  if (!isId(voterKey)) throw new ModelError('invalid', 'voter key is not an id', 'voterKey');
  const card = cardMap(doc, cardId);
  const key = voteKey(voterKey);
  const mine = dotsOf(card.get(key));
  if (delta > 0 && votesUsed(doc, voterKey) >= budget) return false;
  if (delta < 0 && mine <= 0) return false;
  // Each voter writes only their own key, so two people dotting one card at
  // once never touch the same entry.
  const next = mine + delta;
  if (next > 0) card.set(key, next);
  else card.delete(key);
  return true;
}

/**
 * Copies cards (from a writer's private document) onto a board, keeping their
 * ids, authorship and relative order, appended at the end of their columns.
 * Cards already on the board are skipped, so a repeated reveal adds nothing twice.
 */
export function appendCards(doc: Y.Doc, cards: Card[]): number {
  // Each column's last key, read once and carried along: reading the board
  // for every card (as addCard does) held the server for half a second when
  // 300 writers' 1,800 cards were revealed onto twelve boards.
  const lastKey = new Map<string, string | null>();
  // Sorted by key, so the last one seen per column is its end (keyForIndex's
  // bound: an invalid key, read as '', is none).
  for (const card of readCards(doc)) lastKey.set(card.columnId, card.order || null);
  let added = 0;
  doc.transact(() => {
    for (const card of cards) {
      if (cardsMap(doc).has(card.id) || !card.columnId || !card.text) continue;
      const order = keyBetween(lastKey.get(card.columnId) ?? null, null);
      insertCard(doc, card.id, card, order);
      lastKey.set(card.columnId, order);
      added++;
    }
  });
  return added;
}

export function clearCards(doc: Y.Doc): void {
  doc.transact(() => {
    for (const id of [...cardsMap(doc).keys()]) cardsMap(doc).delete(id);
  });
}

/**
 * Cards per column, in board order. A card whose column was removed (the
 * moderator deleted a prompt) is shown at the end of the first column, so no
 * card ever disappears from view; moving it writes its new column.
 */
export function groupCardsByColumn(cards: Card[], columnIds: string[]): Map<string, Card[]> {
  const columns = new Map(columnIds.map((id) => [id, [] as Card[]]));
  const orphans: Card[] = [];
  for (const card of cards) (columns.get(card.columnId) ?? orphans).push(card);
  const first = columnIds[0];
  if (first !== undefined) columns.get(first)?.push(...orphans);
  return columns;
}
