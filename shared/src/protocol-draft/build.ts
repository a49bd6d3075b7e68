import type * as Y from 'yjs';
import { groupCardsByColumn, readCards, type Card } from '../board-doc.ts';
import { ModelError } from '../errors.ts';
import { readNotes } from '../phase-notes.ts';
import { hasBoards, readSession, type Group, type Phase } from '../session-doc.ts';
import { readSummary } from '../summary-doc.ts';
import { LABELS, type Labels } from './labels.ts';
import {
  bulletList,
  em,
  heading,
  normaliseBreaks,
  oneLine,
  paragraph,
  strong,
  type Block,
  type Lang,
  type ProtocolTree,
  type Run,
} from './tree.ts';

// From the session document, the boards, the summaries and the protocol notes
// to the neutral tree, in the reference protocol's order: title and subtitle;
// Wo / Wann; numbered agenda items, each with its description, its note, its
// guiding question and prompts, and its results; the contact block.

/** A card that went into a summary item. */
export interface CardRef {
  groupId: string;
  cardId: string;
}

/**
 * One item of a phase's merged summary (storedSummaries reads them from the
 * session document). A phase without items is exported per group, so nothing
 * written is lost.
 */
export interface SummaryItem {
  id: string;
  text: string;
  sources: CardRef[];
}

export interface ProtocolInput {
  session: Y.Doc;
  /** Board documents keyed by `boardKey(phaseId, groupId)`; a missing board has no cards. */
  boards: ReadonlyMap<string, Y.Doc>;
  /** Summary items per phase id, in their order. */
  summaries?: Readonly<Record<string, readonly SummaryItem[]>>;
  /** The protocol note per phase id (default: the notes in the session document, phase-notes.ts); a phase without one gets a generated sentence. */
  notes?: Readonly<Record<string, string>>;
}

/**
 * The summaries the moderators merged, for the phases whose layout is
 * 'merged' (shared/src/summary-doc.ts); a phase laid out per group gets none,
 * so it is exported per group even if it holds items.
 */
export function storedSummaries(session: Y.Doc): Record<string, SummaryItem[]> {
  const out: Record<string, SummaryItem[]> = {};
  for (const phase of readSession(session).phases) {
    const summary = readSummary(session, phase.id);
    if (summary.layout !== 'merged' || summary.items.length === 0) continue;
    out[phase.id] = summary.items.map((item) => ({
      id: item.id,
      text: item.text,
      sources: item.sources.map((source) => ({ groupId: source.groupId, cardId: source.cardId })),
    }));
  }
  return out;
}

export interface ProtocolOptions {
  lang: Lang;
  /** Authors' names after their cards (default off: cards are anonymous by default). */
  authors: boolean;
  /** Dot counts after cards that have dots. */
  dots: boolean;
  /** In the merged layout, list per group the cards that went into no summary item. */
  unmergedCards: boolean;
  /** "aus AG 1, AG 2" after each merged item. */
  sources: boolean;
  /** Offer a sentence from the phase's structure where no note was written. */
  generatedNotes: boolean;
}

export const DEFAULT_PROTOCOL_OPTIONS: ProtocolOptions = {
  lang: 'de',
  authors: false,
  dots: false,
  unmergedCards: false,
  sources: false,
  generatedNotes: true,
};

export function boardKey(phaseId: string, groupId: string): string {
  return `${phaseId}/${groupId}`;
}

// Ids never contain '/', so these keys cannot collide.
function cardKey(groupId: string, cardId: string): string {
  return `${groupId}/${cardId}`;
}

/** Text that may hold several paragraphs (blank lines) and line breaks. */
function textBlocks(text: string): Block[] {
  return normaliseBreaks(text)
    .split(/\n[ \t]*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => paragraph(part));
}

/** The generated protocol note: what the phase's structure says about it. */
export function generatedNote(phase: Phase, labels: Labels): string {
  const groups = phase.groups.map((g) => ({ name: g.name, composition: g.composition }));
  switch (phase.kind) {
    case 'groupwork':
      return labels.groupworkNote(groups, phase.question);
    case 'plenum':
      return labels.plenumNote(phase.question);
    case 'statements':
      return labels.statementsNote(groups);
    case 'information':
      return '';
  }
}

interface Context {
  input: ProtocolInput;
  options: ProtocolOptions;
  labels: Labels;
  blocks: Block[];
  rows: string[][];
}

function cardRuns(card: Card, ctx: Context): Run[] {
  const extras: string[] = [];
  if (ctx.options.authors && card.author) extras.push(card.author);
  if (ctx.options.dots && card.votes > 0) extras.push(ctx.labels.dots(card.votes));
  const runs: Run[] = [{ text: normaliseBreaks(card.text) }];
  if (extras.length) runs.push({ text: ' ' }, em(`(${extras.join(', ')})`));
  return runs;
}

/** A board's cards by column, in board order; a card whose column is gone stays in the first one. */
function columnsOf(phase: Phase, cards: Card[]): { title: string; cards: Card[] }[] {
  if (phase.prompts.length === 0) return [{ title: '', cards }];
  const byColumn = groupCardsByColumn(cards, phase.prompts.map((p) => p.id));
  return phase.prompts.map((p) => ({ title: p.text, cards: byColumn.get(p.id) ?? [] }));
}

/** Cards as bullets, under column subheadings when the phase has several columns. */
function pushCards(ctx: Context, phase: Phase, cards: Card[]): void {
  const columns = columnsOf(phase, cards).filter((c) => c.cards.length > 0);
  if (columns.length === 0) {
    ctx.blocks.push(paragraph(em(ctx.labels.noCards)));
    return;
  }
  for (const column of columns) {
    if (phase.prompts.length > 1) ctx.blocks.push(heading(4, column.title));
    ctx.blocks.push(bulletList(column.cards.map((card) => cardRuns(card, ctx))));
  }
}

function boardCards(ctx: Context, phase: Phase, group: Group): Card[] {
  const doc = ctx.input.boards.get(boardKey(phase.id, group.id));
  return doc ? readCards(doc) : [];
}

function pushRows(
  ctx: Context,
  phaseTitle: string,
  groupLabel: string,
  phase: Phase,
  cards: Card[],
  itemsOf: (cardId: string) => string[],
): void {
  for (const column of columnsOf(phase, cards)) {
    for (const card of column.cards) {
      const row = [phaseTitle, groupLabel, column.title, card.text, String(card.votes)];
      if (ctx.options.authors) row.push(card.author ?? '');
      row.push(itemsOf(card.id).join('\n'));
      ctx.rows.push(row.map(normaliseBreaks));
    }
  }
}

function pushPhase(ctx: Context, phase: Phase, number: number): void {
  const { labels, input, options } = ctx;
  const phaseTitle = `${number}. ${oneLine(phase.title)}`;
  ctx.blocks.push(heading(2, phaseTitle));
  ctx.blocks.push(...textBlocks(phase.description));
  const note = (input.notes ?? readNotes(input.session))[phase.id]?.trim() || (options.generatedNotes ? generatedNote(phase, labels) : '');
  ctx.blocks.push(...textBlocks(note));
  if (phase.kind !== 'statements') {
    if (phase.question) ctx.blocks.push(paragraph(strong(phase.question)));
    if (phase.prompts.length > 0) ctx.blocks.push(bulletList(phase.prompts.map((p) => [em(p.text)])));
  }
  if (phase.groups.length === 0) return;

  // A phase without boards (information, plenum) still has the groups it had
  // as group work, and their cards: those with cards are listed, as nothing
  // written is left out, and the rest say nothing ("Keine Karten." would be
  // said of boards nobody was asked to write on).
  const boards = phase.groups
    .map((group, i) => ({ group, number: i + 1, cards: boardCards(ctx, phase, group) }))
    .filter(({ cards }) => hasBoards(phase.kind) || cards.length > 0);
  const items = (input.summaries?.[phase.id] ?? []).filter(
    (item, i, all) => item.text.trim() && all.findIndex((other) => other.id === item.id) === i,
  );
  const itemsOfCard = new Map<string, string[]>();
  for (const item of items) {
    for (const source of item.sources) {
      const key = cardKey(source.groupId, source.cardId);
      const into = itemsOfCard.get(key) ?? [];
      if (!into.includes(item.text)) itemsOfCard.set(key, [...into, item.text]);
    }
  }

  boards.forEach(({ group, number, cards }) => {
    const label = phase.kind === 'statements' ? labels.speaker(group.name, group.composition) : group.name;
    pushRows(ctx, phaseTitle, label, phase, cards, (cardId) => itemsOfCard.get(cardKey(group.id, cardId)) ?? []);
    if (phase.kind === 'statements') {
      ctx.blocks.push(heading(3, label));
      pushCards(ctx, phase, cards);
    } else if (items.length === 0) {
      ctx.blocks.push(heading(3, labels.groupResults(number, group.name, group.composition)));
      pushCards(ctx, phase, cards);
    }
  });
  if (phase.kind === 'statements' || items.length === 0) return;

  ctx.blocks.push(heading(3, labels.summaryResults(oneLine(phase.title))));
  ctx.blocks.push(
    bulletList(
      items.map((item) => {
        const runs: Run[] = [{ text: normaliseBreaks(item.text) }];
        const names = phase.groups
          .filter((g) => item.sources.some((s) => s.groupId === g.id))
          .map((g) => g.name);
        if (options.sources && names.length) runs.push({ text: ' ' }, em(`(${labels.sources(names)})`));
        return runs;
      }),
    ),
  );
  if (!options.unmergedCards) return;
  boards.forEach(({ group, number, cards }) => {
    const unmerged = cards.filter((card) => !itemsOfCard.has(cardKey(group.id, card.id)));
    if (unmerged.length === 0) return;
    ctx.blocks.push(heading(3, labels.unmergedCards(number, group.name)));
    pushCards(ctx, phase, unmerged);
  });
}

/** Builds the protocol draft's tree. Reads the documents, never writes them. */
export function buildProtocol(input: ProtocolInput, options: Partial<ProtocolOptions> = {}): ProtocolTree {
  const opts = { ...DEFAULT_PROTOCOL_OPTIONS, ...options };
  // Options may come from a query string one day; an unknown language is an error, not a crash.
  if (!Object.hasOwn(LABELS, opts.lang)) throw new ModelError('invalid', 'lang must be de or en', 'lang');
  const labels = LABELS[opts.lang];
  const { meta, phases } = readSession(input.session);
  const ctx: Context = { input, options: opts, labels, blocks: [], rows: [] };

  ctx.blocks.push(heading(1, meta.title));
  if (meta.subtitle) ctx.blocks.push(paragraph(em(oneLine(meta.subtitle))));
  if (meta.place) ctx.blocks.push(paragraph(strong(`${labels.where}:`), ` ${oneLine(meta.place)}`));
  const when = labels.dateTime(meta.date, meta.startTime, meta.endTime);
  if (when) ctx.blocks.push(paragraph(strong(`${labels.when}:`), ` ${when}`));
  phases.forEach((phase, i) => pushPhase(ctx, phase, i + 1));
  if (meta.contact.trim()) {
    ctx.blocks.push(heading(2, labels.contact));
    ctx.blocks.push(...textBlocks(meta.contact));
  }

  const c = labels.csv;
  const columns = [c.phase, c.group, c.column, c.text, c.dots, ...(opts.authors ? [c.author] : []), c.summaryItem];
  return { lang: opts.lang, title: oneLine(meta.title), blocks: ctx.blocks, cards: { columns, rows: ctx.rows } };
}
