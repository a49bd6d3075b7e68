import * as Y from 'yjs';
import { groupCardsByColumn, type Card } from './board-doc.ts';
import { ModelError, requireText } from './errors.ts';
import { isId, newId } from './ids.ts';
import { clip, LIMITS } from './limits.ts';
import { compareByOrder, isOrderKey, keyForIndex } from './order-keys.ts';
import { findPhase, type Group } from './session-doc.ts';

// The plenum summary: what the moderator brings together from the groups'
// boards of a phase (issue 10). It lives in the session document, so only
// moderators write it (the server already enforces that per document) and
// every page, which syncs the session document anyway, reads it live.
//
// Layout (docs/data-model.md, "Plenum summary"), three top-level maps of the
// session document, none of them required (readers tolerate their absence):
//   summaryItems:   Y.Map<itemId, Y.Map>   phaseId, text, order, heading,
//                   highlight, createdAt, sources: Y.Map<sourceKey, Source>
//   summaryLayouts: Y.Map<phaseId, 'merged' | 'perGroup'>
//   dismissedPairs: Y.Map<pairKey, { phaseId, dismissedAt }>
//
// Why flat maps keyed by item id rather than one Y.Map per phase: a nested
// Y.Map has to be created by someone, and two moderators who both create the
// map of the same phase at once each write their own, one replaces the other,
// and every item written into the loser disappears. Items get fresh random
// ids, so nothing is ever created twice; the phase is a field of the item.
//
// The original cards are never written here: a source is a copy of where a
// card came from and what it said when it was merged. readSummary compares it
// with the live boards to say whether the card has been edited or deleted since.

export type SummaryLayout = 'merged' | 'perGroup';
export const SUMMARY_LAYOUTS: readonly SummaryLayout[] = ['merged', 'perGroup'];
/** Without a choice the protocol shows each group's results as they are: nothing is lost before the moderator merges. */
export const DEFAULT_SUMMARY_LAYOUT: SummaryLayout = 'perGroup';

/** Where a card lives and what it said: what the moderator drags onto the summary. */
export interface SourceCard {
  groupId: string;
  columnId: string;
  cardId: string;
  text: string;
}

/** A card merged into an item, as stored. */
export interface Source extends SourceCard {
  /** `<groupId>/<cardId>`: unique per card within a phase (sourceKey). */
  key: string;
  /** Milliseconds since the epoch, the merging moderator's clock. */
  mergedAt: number;
}

/**
 * A source compared with the live board of its group: 'unchanged', 'edited'
 * (the card's text differs from the text at merging; `currentText` has it),
 * 'deleted' (the board no longer has the card), or 'unknown' (the caller gave
 * no board for that group).
 */
export type SourceState = 'unchanged' | 'edited' | 'deleted' | 'unknown';

export interface ResolvedSource extends Source {
  state: SourceState;
  /** The card's text now; null when deleted or unknown. */
  currentText: string | null;
  /** The card's dots now (0 when deleted or unknown). */
  votes: number;
}

export interface SummaryItem {
  id: string;
  order: string;
  /** The item's own text; it defaults to the first card's and is kept when a source changes. */
  text: string;
  heading: string;
  highlight: boolean;
  createdAt: number;
  /** In merging order (mergedAt, then key). */
  sources: ResolvedSource[];
  /** Sum of the sources' live dots. */
  votes: number;
}

export interface Summary {
  phaseId: string;
  layout: SummaryLayout;
  /** In order (order key, then id). */
  items: SummaryItem[];
}

/** The live cards of each group's board of the phase: groupId → cards (readCards). */
export type BoardsByGroup = ReadonlyMap<string, readonly Card[]>;

/**
 * The transaction origin the moderator's summary writes carry, so a
 * Y.UndoManager (createSummaryUndo) can undo exactly this person's merge
 * steps. One object per tab, like board-actions.ts's origin.
 */
export interface SummaryOrigin {
  readonly summaryOriginFor: string;
}

export function createSummaryOrigin(label = 'summary'): SummaryOrigin {
  return { summaryOriginFor: label };
}

// ---- keys -------------------------------------------------------------------

// '/' and '|' are not in the id alphabet, so these keys split back unambiguously.

export function sourceKey(groupId: string, cardId: string): string {
  return `${groupId}/${cardId}`;
}

function parseSourceKey(key: string): { groupId: string; cardId: string } | null {
  const [groupId, cardId, ...rest] = key.split('/');
  return rest.length === 0 && isId(groupId) && isId(cardId) ? { groupId, cardId } : null;
}

/** The key of an unordered pair of cards in a phase (similarity suggestions, dismissedPairs). */
export function pairKey(phaseId: string, a: string, b: string): string {
  return a < b ? `${phaseId}|${a}|${b}` : `${phaseId}|${b}|${a}`;
}

// ---- maps -------------------------------------------------------------------

function itemsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('summaryItems') as Y.Map<Y.Map<unknown>>;
}

function layoutsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('summaryLayouts');
}

function dismissedMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('dismissedPairs');
}

// ---- reading ----------------------------------------------------------------

function readSource(key: string, value: unknown): Source | null {
  const parsed = parseSourceKey(key);
  if (parsed === null || typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  // The key is what identifies the card; fields that disagree with it are ignored.
  if (v.groupId !== parsed.groupId || v.cardId !== parsed.cardId) return null;
  return {
    key,
    groupId: parsed.groupId,
    cardId: parsed.cardId,
    columnId: isId(v.columnId) ? v.columnId : '',
    text: clip(v.text, LIMITS.cardTextLength),
    mergedAt: typeof v.mergedAt === 'number' && Number.isFinite(v.mergedAt) ? v.mergedAt : 0,
  };
}

function readSources(map: unknown): Source[] {
  if (!(map instanceof Y.Map)) return [];
  const out: Source[] = [];
  map.forEach((value: unknown, key: string) => {
    const source = readSource(key, value);
    if (source) out.push(source);
  });
  return out.sort((a, b) => a.mergedAt - b.mergedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function resolve(source: Source, boards: BoardsByGroup | undefined): ResolvedSource {
  const cards = boards?.get(source.groupId);
  if (!cards) return { ...source, state: 'unknown', currentText: null, votes: 0 };
  const card = cards.find((c) => c.id === source.cardId);
  if (!card) return { ...source, state: 'deleted', currentText: null, votes: 0 };
  return { ...source, state: card.text === source.text ? 'unchanged' : 'edited', currentText: card.text, votes: card.votes };
}

function itemsOfPhase(doc: Y.Doc, phaseId: string): { id: string; map: Y.Map<unknown> }[] {
  const out: { id: string; map: Y.Map<unknown> }[] = [];
  itemsMap(doc).forEach((map, id) => {
    if (isId(id) && map instanceof Y.Map && map.get('phaseId') === phaseId) out.push({ id, map });
  });
  return out;
}

function readItem(id: string, map: Y.Map<unknown>, boards: BoardsByGroup | undefined): SummaryItem {
  const order = map.get('order');
  const createdAt = map.get('createdAt');
  const sources = readSources(map.get('sources')).map((s) => resolve(s, boards));
  return {
    id,
    order: isOrderKey(order) ? order : '',
    text: clip(map.get('text'), LIMITS.summaryTextLength),
    heading: clip(map.get('heading'), LIMITS.summaryHeadingLength),
    highlight: map.get('highlight') === true,
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    sources,
    votes: sources.reduce((sum, s) => sum + s.votes, 0),
  };
}

export function readLayout(doc: Y.Doc, phaseId: string): SummaryLayout {
  const value = layoutsMap(doc).get(phaseId) as SummaryLayout;
  return SUMMARY_LAYOUTS.includes(value) ? value : DEFAULT_SUMMARY_LAYOUT;
}

/**
 * The summary of a phase: its layout and its items in order, each with its
 * sources. Given the live boards of the phase's groups (groupId → readCards),
 * each source says whether its card is unchanged, edited or deleted, and the
 * item sums its sources' dots. This is the reader for the UI and for the
 * protocol export; it never throws on what a peer may have written.
 */
export function readSummary(doc: Y.Doc, phaseId: string, boards?: BoardsByGroup): Summary {
  const items = itemsOfPhase(doc, phaseId)
    .map(({ id, map }) => readItem(id, map, boards))
    .sort(compareByOrder);
  return { phaseId, layout: readLayout(doc, phaseId), items };
}

/** Source keys of every card that is already part of an item of the phase (to mark them on the boards). */
export function mergedCardKeys(doc: Y.Doc, phaseId: string): Set<string> {
  const keys = new Set<string>();
  for (const { map } of itemsOfPhase(doc, phaseId)) for (const s of readSources(map.get('sources'))) keys.add(s.key);
  return keys;
}

export function isDismissed(doc: Y.Doc, phaseId: string, a: string, b: string): boolean {
  return dismissedMap(doc).has(pairKey(phaseId, a, b));
}

/** Every dismissed pair key of the phase (for `suggestions` in similarity.ts). */
export function dismissedPairs(doc: Y.Doc, phaseId: string): Set<string> {
  const out = new Set<string>();
  const prefix = `${phaseId}|`;
  dismissedMap(doc).forEach((_value, key) => {
    if (key.startsWith(prefix)) out.add(key);
  });
  return out;
}

/**
 * The names of the groups an item's cards came from, in the phase's group
 * order, each once: what "aus Arbeitsgruppe 1, Arbeitsgruppe 2" is made of.
 * Groups removed from the phase since are left out.
 */
export function sourceGroupNames(item: Pick<SummaryItem, 'sources'>, groups: readonly Group[]): string[] {
  const ids = new Set(item.sources.map((s) => s.groupId));
  return groups.filter((g) => ids.has(g.id)).map((g) => g.name);
}

export interface ColumnResults {
  columnId: string;
  /** The prompt's text. */
  text: string;
  cards: Card[];
}

export interface GroupResults {
  groupId: string;
  name: string;
  composition: string;
  /** The phase's columns in order; a card whose column was removed is at the end of the first (groupCardsByColumn). */
  columns: ColumnResults[];
}

export type PhaseResults =
  | { phaseId: string; layout: 'merged'; items: (SummaryItem & { groupNames: string[] })[] }
  | { phaseId: string; layout: 'perGroup'; groups: GroupResults[] };

/**
 * What the protocol shows for a phase, in the layout the moderator chose:
 * 'merged' → the summary items in order, each with the names of the groups
 * its cards came from; 'perGroup' → each group's cards by column. `boards`
 * holds the live cards of the phase's boards (groupId → readCards); a group
 * without an entry shows no cards. Null for an unknown phase.
 */
export function readPhaseResults(doc: Y.Doc, phaseId: string, boards: BoardsByGroup): PhaseResults | null {
  const phase = findPhase(doc, phaseId);
  if (phase === null) return null;
  const summary = readSummary(doc, phaseId, boards);
  if (summary.layout === 'merged') {
    const items = summary.items.map((item) => ({ ...item, groupNames: sourceGroupNames(item, phase.groups) }));
    return { phaseId, layout: 'merged', items };
  }
  const columnIds = phase.prompts.map((p) => p.id);
  const groups = phase.groups.map((group) => {
    const byColumn = groupCardsByColumn([...(boards.get(group.id) ?? [])], columnIds);
    return {
      groupId: group.id,
      name: group.name,
      composition: group.composition,
      columns: phase.prompts.map((p) => ({ columnId: p.id, text: p.text, cards: byColumn.get(p.id) ?? [] })),
    };
  });
  return { phaseId, layout: 'perGroup', groups };
}

// ---- writing ----------------------------------------------------------------
// Every writer validates first and throws ModelError before touching the
// document, then writes in one transaction (so one call is one undo step).

function validSourceCard(doc: Y.Doc, phaseId: string, card: SourceCard): SourceCard {
  const phase = findPhase(doc, phaseId);
  if (phase === null) throw new ModelError('not_found', `no phase ${phaseId}`, 'phaseId');
  if (!isId(card.cardId)) throw new ModelError('invalid', 'cardId is not an id', 'cardId');
  if (!isId(card.columnId)) throw new ModelError('invalid', 'columnId is not an id', 'columnId');
  if (!phase.groups.some((g) => g.id === card.groupId)) {
    throw new ModelError('not_found', `no group ${card.groupId} in phase ${phaseId}`, 'groupId');
  }
  return {
    groupId: card.groupId,
    columnId: card.columnId,
    cardId: card.cardId,
    text: requireText('text', card.text, LIMITS.cardTextLength, { required: true }),
  };
}

function validItemText(text: unknown): string {
  return requireText('text', text, LIMITS.summaryTextLength, { required: true });
}

function validHeading(heading: unknown): string {
  return requireText('heading', heading, LIMITS.summaryHeadingLength);
}

function itemMap(doc: Y.Doc, phaseId: string, itemId: string): Y.Map<unknown> {
  const map = itemsMap(doc).get(itemId);
  if (!isId(itemId) || !(map instanceof Y.Map) || map.get('phaseId') !== phaseId) {
    throw new ModelError('not_found', `no summary item ${itemId} in phase ${phaseId}`, 'itemId');
  }
  return map;
}

function sourcesOf(map: Y.Map<unknown>): Y.Map<unknown> {
  let sources = map.get('sources');
  if (!(sources instanceof Y.Map)) {
    // Only a damaged item lacks its sources map; repairing it is a write by this one moderator.
    sources = new Y.Map<unknown>();
    map.set('sources', sources);
  }
  return sources as Y.Map<unknown>;
}

function orderedItems(doc: Y.Doc, phaseId: string): { id: string; order: string }[] {
  return itemsOfPhase(doc, phaseId)
    .map(({ id, map }) => ({ id, order: isOrderKey(map.get('order')) ? (map.get('order') as string) : '' }))
    .sort(compareByOrder);
}

function storedSource(card: SourceCard, mergedAt: number): Omit<Source, 'key'> {
  return { groupId: card.groupId, columnId: card.columnId, cardId: card.cardId, text: card.text, mergedAt };
}

/** The items of the phase (other than `exceptItem`) that hold this card, to move it out of them. */
function itemsHolding(doc: Y.Doc, phaseId: string, key: string, exceptItem: string | null): Y.Map<unknown>[] {
  return itemsOfPhase(doc, phaseId)
    .filter(({ id, map }) => id !== exceptItem && map.get('sources') instanceof Y.Map && (map.get('sources') as Y.Map<unknown>).has(key))
    .map(({ map }) => map);
}

/** An item as it is stored, with its id: what restoreItem writes back (a backup's). */
export interface StoredItem extends Omit<SummaryItem, 'sources' | 'votes'> {
  sources: Omit<Source, 'key'>[];
}

/** An item's map as every writer lays it out: the one place that does, so a new item and a restored one cannot differ. */
function writeItem(doc: Y.Doc, phaseId: string, item: StoredItem): void {
  const map = new Y.Map<unknown>();
  itemsMap(doc).set(item.id, map);
  map.set('phaseId', phaseId);
  map.set('text', item.text);
  map.set('order', item.order);
  map.set('heading', item.heading);
  map.set('highlight', item.highlight);
  map.set('createdAt', item.createdAt);
  const sourceMap = new Y.Map<unknown>();
  map.set('sources', sourceMap);
  for (const s of item.sources) sourceMap.set(sourceKey(s.groupId, s.cardId), storedSource(s, s.mergedAt));
}

function createItem(
  doc: Y.Doc,
  phaseId: string,
  fields: { text: string; heading: string; order: string; now: number },
  sources: Omit<Source, 'key'>[],
): string {
  const id = newId();
  writeItem(doc, phaseId, { id, order: fields.order, text: fields.text, heading: fields.heading, highlight: false, createdAt: fields.now, sources });
  return id;
}

/** Writes an item back with its id, order, state and sources (importing a backup, which checked it first). */
export function restoreItem(doc: Y.Doc, phaseId: string, item: StoredItem): void {
  writeItem(doc, phaseId, item);
}

function checkItemCount(doc: Y.Doc, phaseId: string): { id: string; order: string }[] {
  const items = orderedItems(doc, phaseId);
  if (items.length >= LIMITS.summaryItemsPerPhase) {
    throw new ModelError('too_many', `at most ${LIMITS.summaryItemsPerPhase} summary items`, 'items', LIMITS.summaryItemsPerPhase);
  }
  return items;
}

export interface NewItemOptions {
  /** Position among the phase's items (default: at the end). */
  index?: number;
  /** Default ''; the UI may pass the card's column. */
  heading?: string;
  /** Default: the card's text. */
  text?: string;
  /** Default Date.now(). */
  now?: number;
}

/**
 * A new item from one card (dragged onto the summary). Its text is the
 * card's; the card becomes its first source. A card already in another item
 * of the phase moves out of it (an emptied item stays, with its text). Returns the item id.
 */
export function addItemFromCard(doc: Y.Doc, phaseId: string, card: SourceCard, options: NewItemOptions = {}): string {
  const source = validSourceCard(doc, phaseId, card);
  const text = options.text === undefined ? source.text : validItemText(options.text);
  const heading = validHeading(options.heading ?? '');
  const items = checkItemCount(doc, phaseId);
  const order = keyForIndex(items, options.index ?? items.length);
  const now = options.now ?? Date.now();
  const key = sourceKey(source.groupId, source.cardId);
  let id = '';
  doc.transact(() => {
    for (const holder of itemsHolding(doc, phaseId, key, null)) sourcesOf(holder).delete(key);
    id = createItem(doc, phaseId, { text, heading, order, now }, [storedSource(source, now)]);
  });
  return id;
}

/** A new item the moderator writes without a card (no sources). Returns its id. */
export function addItem(doc: Y.Doc, phaseId: string, text: string, options: Omit<NewItemOptions, 'text'> = {}): string {
  if (findPhase(doc, phaseId) === null) throw new ModelError('not_found', `no phase ${phaseId}`, 'phaseId');
  const valid = validItemText(text);
  const heading = validHeading(options.heading ?? '');
  const items = checkItemCount(doc, phaseId);
  const order = keyForIndex(items, options.index ?? items.length);
  let id = '';
  doc.transact(() => {
    id = createItem(doc, phaseId, { text: valid, heading, order, now: options.now ?? Date.now() }, []);
  });
  return id;
}

/**
 * Merges a card into an item (dragged onto it). The item's text stays as it
 * is; the card joins its sources. A card already in another item of the
 * phase moves here; a card already in this item is left alone.
 */
export function addCardToItem(doc: Y.Doc, phaseId: string, itemId: string, card: SourceCard, now: number = Date.now()): void {
  const source = validSourceCard(doc, phaseId, card);
  const map = itemMap(doc, phaseId, itemId);
  const key = sourceKey(source.groupId, source.cardId);
  const existing = map.get('sources');
  if (existing instanceof Y.Map && existing.has(key)) return;
  const count = existing instanceof Y.Map ? existing.size : 0;
  if (count >= LIMITS.sourcesPerItem) {
    throw new ModelError('too_many', `at most ${LIMITS.sourcesPerItem} cards in one item`, 'sources', LIMITS.sourcesPerItem);
  }
  doc.transact(() => {
    for (const holder of itemsHolding(doc, phaseId, key, itemId)) sourcesOf(holder).delete(key);
    sourcesOf(map).set(key, storedSource(source, now));
  });
}

function requireSource(map: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const sources = map.get('sources');
  if (!(sources instanceof Y.Map) || !sources.has(key)) throw new ModelError('not_found', `no source ${key}`, 'sourceKey');
  return sources;
}

/** Takes a card out of an item (unmerge). The item keeps its text, even with no sources left. */
export function removeSource(doc: Y.Doc, phaseId: string, itemId: string, key: string): void {
  const sources = requireSource(itemMap(doc, phaseId, itemId), key);
  sources.delete(key);
}

/**
 * A source becomes an item of its own, right after the item it leaves, with
 * the card's text at merging and the item's heading. The source keeps its
 * provenance (group, column, card, text, mergedAt). Returns the new item's id.
 */
export function splitItem(doc: Y.Doc, phaseId: string, itemId: string, key: string, now: number = Date.now()): string {
  const map = itemMap(doc, phaseId, itemId);
  const sources = requireSource(map, key);
  if (sources.size < 2) throw new ModelError('invalid', 'an item with one card cannot be split', 'sourceKey');
  const source = readSource(key, sources.get(key));
  if (source === null || !source.text) throw new ModelError('invalid', `source ${key} is damaged`, 'sourceKey');
  const items = checkItemCount(doc, phaseId);
  const at = items.findIndex((i) => i.id === itemId);
  const order = keyForIndex(items, at + 1);
  const heading = clip(map.get('heading'), LIMITS.summaryHeadingLength);
  let id = '';
  doc.transact(() => {
    sources.delete(key);
    id = createItem(doc, phaseId, { text: clip(source.text, LIMITS.summaryTextLength), heading, order, now }, [
      storedSource(source, source.mergedAt),
    ]);
  });
  return id;
}

/** Deletes an item. Its cards stay on their boards untouched; they can be merged again. */
export function deleteItem(doc: Y.Doc, phaseId: string, itemId: string): void {
  itemMap(doc, phaseId, itemId);
  itemsMap(doc).delete(itemId);
}

/** Moves an item to `index` among the phase's items (counted without the item itself). */
export function moveItem(doc: Y.Doc, phaseId: string, itemId: string, index: number): void {
  const map = itemMap(doc, phaseId, itemId);
  const others = orderedItems(doc, phaseId).filter((i) => i.id !== itemId);
  map.set('order', keyForIndex(others, index));
}

export function setItemText(doc: Y.Doc, phaseId: string, itemId: string, text: string): void {
  const valid = validItemText(text);
  itemMap(doc, phaseId, itemId).set('text', valid);
}

export function setItemHeading(doc: Y.Doc, phaseId: string, itemId: string, heading: string): void {
  const valid = validHeading(heading);
  itemMap(doc, phaseId, itemId).set('heading', valid);
}

export function setItemHighlight(doc: Y.Doc, phaseId: string, itemId: string, highlight: boolean): void {
  if (typeof highlight !== 'boolean') throw new ModelError('invalid', 'highlight must be true or false', 'highlight');
  itemMap(doc, phaseId, itemId).set('highlight', highlight);
}

export function setLayout(doc: Y.Doc, phaseId: string, layout: SummaryLayout): void {
  if (findPhase(doc, phaseId) === null) throw new ModelError('not_found', `no phase ${phaseId}`, 'phaseId');
  if (!SUMMARY_LAYOUTS.includes(layout)) throw new ModelError('invalid', 'layout must be merged or perGroup', 'layout');
  layoutsMap(doc).set(phaseId, layout);
}

/** The moderator says two cards are not the same: the suggestion never comes back. */
export function dismissPair(doc: Y.Doc, phaseId: string, a: string, b: string, now: number = Date.now()): void {
  if (findPhase(doc, phaseId) === null) throw new ModelError('not_found', `no phase ${phaseId}`, 'phaseId');
  if (parseSourceKey(a) === null || parseSourceKey(b) === null || a === b) {
    throw new ModelError('invalid', 'a pair is two different source keys', 'pair');
  }
  const key = pairKey(phaseId, a, b);
  if (dismissedMap(doc).has(key)) return;
  if (dismissedPairs(doc, phaseId).size >= LIMITS.dismissedPairsPerPhase) {
    throw new ModelError('too_many', `at most ${LIMITS.dismissedPairsPerPhase} dismissed pairs`, 'pair', LIMITS.dismissedPairsPerPhase);
  }
  restoreDismissal(doc, phaseId, a, b, now);
}

/**
 * Writes a dismissal as dismissPair stores it, without its checks: for an
 * import, whose backup was checked (pairs, counts) as a whole. Asking
 * dismissPair for each of a phase's up to 5,000 pairs would count them all
 * each time.
 */
export function restoreDismissal(doc: Y.Doc, phaseId: string, a: string, b: string, dismissedAt: number): void {
  dismissedMap(doc).set(pairKey(phaseId, a, b), { phaseId, dismissedAt });
}

/** Takes a dismissal back (the suggestion may come back). */
export function undismissPair(doc: Y.Doc, phaseId: string, a: string, b: string): void {
  dismissedMap(doc).delete(pairKey(phaseId, a, b));
}

// ---- undo -------------------------------------------------------------------

/**
 * An undo manager for one moderator's summary steps: it tracks only
 * transactions whose origin is `origin`, so another moderator's merges and
 * remote updates are never undone. captureTimeout 0 makes every call (merge,
 * split, move, …) its own step. Wrap writes as
 * `doc.transact(() => addCardToItem(doc, …), origin)`.
 */
export function createSummaryUndo(doc: Y.Doc, origin: SummaryOrigin): Y.UndoManager {
  return new Y.UndoManager([itemsMap(doc), layoutsMap(doc), dismissedMap(doc)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  });
}

/** Removes everything of a deleted phase from the summary maps. */
export function deletePhaseSummary(doc: Y.Doc, phaseId: string): void {
  doc.transact(() => {
    for (const { id } of itemsOfPhase(doc, phaseId)) itemsMap(doc).delete(id);
    layoutsMap(doc).delete(phaseId);
    for (const key of dismissedPairs(doc, phaseId)) dismissedMap(doc).delete(key);
  });
}
