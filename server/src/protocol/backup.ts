import * as Y from 'yjs';
import { CARD_COLORS, initBoard, readCards, restoreCard, type CardColor } from '@plenum/shared/board-doc';
import { ModelError, type ModelErrorCode } from '@plenum/shared/errors';
import { isId } from '@plenum/shared/ids';
import { LIMITS, MAX_MESSAGE_BYTES } from '@plenum/shared/limits';
import { isOrderKey } from '@plenum/shared/order-keys';
import { phaseNote } from '@plenum/shared/phase-notes';
import { boardKey } from '@plenum/shared/protocol-draft/build';
import { boardRoom } from '@plenum/shared/protocol';
import {
  ADDRESSES,
  PHASE_KINDS,
  PHASE_STATUSES,
  readSession,
  restoreMeta,
  restorePhase,
  type Address,
  type PhaseKind,
  type PhaseStatus,
} from '@plenum/shared/session-doc';
import {
  DEFAULT_SUMMARY_LAYOUT,
  readSummary,
  restoreDismissal,
  restoreItem,
  setLayout,
  SUMMARY_LAYOUTS,
  type SummaryLayout,
} from '@plenum/shared/summary-doc';
import type { SessionDocuments } from './documents.ts';

// The JSON backup of a whole session and its import (docs/backup-format.md).
// A backup holds what the documents say, read through the model's typed
// readers, as plain JSON: ids and order keys included, so an import writes
// documents that read exactly the same (and export the same protocol), and a
// person or a script can read and check it without Yjs. It holds no Yjs state:
// no edit history, no deleted text, no client ids. The import checks every
// field before it writes anything and names the first wrong one by its path
// (`boards[2].cards[5].text`).

export const BACKUP_FORMAT = 'plenum-backup';
export const BACKUP_VERSION = 1;
/**
 * The largest backup POST /api/sessions/import reads: the largest legal board
 * fits (as it fits one websocket message); a larger body is refused with 413.
 */
export const MAX_BACKUP_BYTES = MAX_MESSAGE_BYTES;
/** Named snapshots listed in a backup; far more than a workshop takes. */
const MAX_SNAPSHOTS = 10_000;
const SNAPSHOT_LABEL_LENGTH = 200;

export interface BackupPrompt {
  id: string;
  order: string;
  text: string;
}

export interface BackupGroup {
  id: string;
  order: string;
  name: string;
  composition: string;
}

export interface BackupSource {
  groupId: string;
  columnId: string;
  cardId: string;
  text: string;
  mergedAt: number;
}

export interface BackupSummaryItem {
  id: string;
  order: string;
  text: string;
  heading: string;
  highlight: boolean;
  createdAt: number;
  sources: BackupSource[];
}

export interface BackupDismissedPair {
  /** The two source keys (`groupId/cardId`), a < b. */
  a: string;
  b: string;
  dismissedAt: number;
}

export interface BackupPhase {
  id: string;
  order: string;
  title: string;
  description: string;
  kind: PhaseKind;
  question: string;
  /** The protocol note (phase-notes.ts); '' when none was written. */
  note: string;
  prompts: BackupPrompt[];
  groups: BackupGroup[];
  votingEnabled: boolean;
  votingBudget: number;
  votesRevealed: boolean;
  privateWriting: boolean;
  privateRevealed: boolean;
  status: PhaseStatus;
  /** The timer's length; an imported timer stands still. */
  timerMs: number;
  layout: SummaryLayout;
  summary: BackupSummaryItem[];
  dismissedPairs: BackupDismissedPair[];
}

export interface BackupCard {
  id: string;
  columnId: string;
  order: string;
  text: string;
  color: CardColor;
  author: string | null;
  createdAt: number;
  /** Dots per voter key. */
  votes: Record<string, number>;
}

export interface BackupBoard {
  phaseId: string;
  groupId: string;
  cards: BackupCard[];
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  session: {
    title: string;
    subtitle: string;
    place: string;
    date: string;
    startTime: string;
    endTime: string;
    contact: string;
    currentPhaseId: string | null;
    /** How participants are addressed in German. Servers always wrote it; a backup without it (a script's) reads as 'formal'. */
    address: Address;
    phases: BackupPhase[];
  };
  boards: BackupBoard[];
  snapshots: { label: string; createdAt: number }[];
}

// ---- writing a backup -------------------------------------------------------

function dismissedOf(session: Y.Doc, phaseId: string): BackupDismissedPair[] {
  const out: BackupDismissedPair[] = [];
  session.getMap('dismissedPairs').forEach((value: unknown, key: string) => {
    const [phase, a, b] = key.split('|');
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (phase !== phaseId || v.phaseId !== phaseId || !a || !b || !(a < b)) return;
    out.push({ a, b, dismissedAt: typeof v.dismissedAt === 'number' && Number.isFinite(v.dismissedAt) ? v.dismissedAt : 0 });
  });
  return out.sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1));
}

/** The backup of a session's documents (documentsFrom) and its named snapshots' labels. */
export function backupOf(
  docs: SessionDocuments,
  snapshots: readonly { label: string; createdAt: number }[],
  now: number,
): Backup {
  const { meta, phases } = readSession(docs.session);
  const boards: BackupBoard[] = [];
  for (const phase of phases) {
    for (const group of phase.groups) {
      const doc = docs.boards.get(boardKey(phase.id, group.id));
      if (!doc) continue;
      boards.push({
        phaseId: phase.id,
        groupId: group.id,
        cards: readCards(doc).map((card) => ({
          id: card.id,
          columnId: card.columnId,
          order: card.order,
          text: card.text,
          color: card.color,
          author: card.author,
          createdAt: card.createdAt,
          votes: { ...card.voters },
        })),
      });
    }
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    session: {
      ...meta,
      phases: phases.map((phase) => {
        const summary = readSummary(docs.session, phase.id);
        return {
          id: phase.id,
          order: phase.order,
          title: phase.title,
          description: phase.description,
          kind: phase.kind,
          question: phase.question,
          note: phaseNote(docs.session, phase.id)?.toString() ?? '',
          prompts: phase.prompts.map((p) => ({ id: p.id, order: p.order, text: p.text })),
          groups: phase.groups.map((g) => ({ id: g.id, order: g.order, name: g.name, composition: g.composition })),
          votingEnabled: phase.votingEnabled,
          votingBudget: phase.votingBudget,
          votesRevealed: phase.votesRevealed,
          privateWriting: phase.privateWriting,
          privateRevealed: phase.privateRevealed,
          status: phase.status,
          timerMs: phase.timer.durationMs,
          layout: summary.layout,
          summary: summary.items.map((item) => ({
            id: item.id,
            order: item.order,
            text: item.text,
            heading: item.heading,
            highlight: item.highlight,
            createdAt: item.createdAt,
            sources: item.sources.map((s) => ({
              groupId: s.groupId,
              columnId: s.columnId,
              cardId: s.cardId,
              text: s.text,
              mergedAt: s.mergedAt,
            })),
          })),
          dismissedPairs: dismissedOf(docs.session, phase.id),
        };
      }),
    },
    boards,
    snapshots: snapshots.map((s) => ({ label: s.label, createdAt: s.createdAt })),
  };
}

// ---- reading a backup -------------------------------------------------------

/** A checked value and where it is, for errors that name the field. */
class Field {
  constructor(
    readonly path: string,
    readonly value: unknown,
  ) {}

  fail(code: ModelErrorCode, message: string, limit?: number): never {
    throw new ModelError(code, `${this.path}: ${message}`, this.path, limit);
  }

  at(key: string): Field {
    const v = this.object();
    return new Field(this.path ? `${this.path}.${key}` : key, Object.hasOwn(v, key) ? v[key] : undefined);
  }

  object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) this.fail('invalid', 'must be an object');
    return this.value as Record<string, unknown>;
  }

  list<T>(max: number, read: (item: Field) => T): T[] {
    if (!Array.isArray(this.value)) this.fail('invalid', 'must be a list');
    if (this.value.length > max) this.fail('too_many', `at most ${max} entries`, max);
    return this.value.map((item, i) => read(new Field(`${this.path}[${i}]`, item)));
  }

  /** Plain text, as stored: not trimmed, so it reads back the same. */
  text(max: number, required = false): string {
    if (typeof this.value !== 'string') this.fail(this.value === undefined && required ? 'required' : 'invalid', 'must be a string');
    if (required && this.value.trim() === '') this.fail('required', 'must not be empty');
    if (this.value.length > max) this.fail('too_long', `longer than ${max} characters`, max);
    return this.value;
  }

  id(): string {
    if (!isId(this.value)) this.fail('invalid', 'must be an id (1-64 of A-Z a-z 0-9 _ -)');
    return this.value;
  }

  /** An id, or '' where a reader found none (a card whose column id was malformed). */
  idOrEmpty(): string {
    return this.value === '' ? '' : this.id();
  }

  /** A fractional index, or '' (what readers make of a malformed one: it sorts first). */
  order(): string {
    if (this.value !== '' && !isOrderKey(this.value)) this.fail('invalid', 'must be an order key or ""');
    return this.value as string;
  }

  bool(): boolean {
    if (typeof this.value !== 'boolean') this.fail('invalid', 'must be true or false');
    return this.value;
  }

  int(min: number, max: number): number {
    if (typeof this.value !== 'number' || !Number.isInteger(this.value) || this.value < min || this.value > max) {
      this.fail('invalid', `must be a whole number from ${min} to ${max}`, max);
    }
    return this.value;
  }

  time(): number {
    return this.int(0, 8.64e15);
  }

  oneOf<T extends string>(values: readonly T[]): T {
    if (!values.includes(this.value as T)) this.fail('invalid', `must be one of ${values.join(', ')}`);
    return this.value as T;
  }
}

function unique<T>(items: T[], key: (item: T) => string, field: (i: number) => string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) throw new ModelError('invalid', `${field(i)}: duplicate`, field(i));
    seen.add(k);
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function readPhase(f: Field, groupIds: Set<string>): BackupPhase {
  const prompts = f.at('prompts').list(LIMITS.promptsPerPhase, (p) => ({
    id: p.at('id').id(),
    order: p.at('order').order(),
    text: p.at('text').text(LIMITS.promptLength),
  }));
  unique(prompts, (p) => p.id, (i) => `${f.path}.prompts[${i}].id`);
  const groups = f.at('groups').list(LIMITS.groupsPerPhase, (g) => ({
    id: g.at('id').id(),
    order: g.at('order').order(),
    name: g.at('name').text(LIMITS.groupNameLength),
    composition: g.at('composition').text(LIMITS.compositionLength),
  }));
  unique(groups, (g) => g.id, (i) => `${f.path}.groups[${i}].id`);
  for (const g of groups) groupIds.add(g.id);
  const summary = f.at('summary').list(LIMITS.summaryItemsPerPhase, (item) => {
    const sources = item.at('sources').list(LIMITS.sourcesPerItem, (s) => ({
      groupId: s.at('groupId').id(),
      columnId: s.at('columnId').idOrEmpty(),
      cardId: s.at('cardId').id(),
      text: s.at('text').text(LIMITS.cardTextLength),
      mergedAt: s.at('mergedAt').time(),
    }));
    unique(sources, (s) => `${s.groupId}/${s.cardId}`, (i) => `${item.path}.sources[${i}]`);
    return {
      id: item.at('id').id(),
      order: item.at('order').order(),
      text: item.at('text').text(LIMITS.summaryTextLength),
      heading: item.at('heading').text(LIMITS.summaryHeadingLength),
      highlight: item.at('highlight').bool(),
      createdAt: item.at('createdAt').time(),
      sources,
    };
  });
  const dismissedPairs = f.at('dismissedPairs').list(LIMITS.dismissedPairsPerPhase, (d) => {
    const key = (k: Field) => {
      const text = k.text(200);
      const [group, card, ...rest] = text.split('/');
      if (!isId(group) || !isId(card) || rest.length) k.fail('invalid', 'must be groupId/cardId');
      return text;
    };
    const a = key(d.at('a'));
    const b = key(d.at('b'));
    if (!(a < b)) d.at('b').fail('invalid', 'must sort after a');
    return { a, b, dismissedAt: d.at('dismissedAt').time() };
  });
  unique(dismissedPairs, (d) => `${d.a}|${d.b}`, (i) => `${f.path}.dismissedPairs[${i}]`);
  return {
    id: f.at('id').id(),
    order: f.at('order').order(),
    title: f.at('title').text(LIMITS.phaseTitleLength),
    description: f.at('description').text(LIMITS.descriptionLength),
    kind: f.at('kind').oneOf(PHASE_KINDS),
    question: f.at('question').text(LIMITS.questionLength),
    // Added with session schema 4; a backup from before has none.
    note: f.at('note').value === undefined ? '' : f.at('note').text(LIMITS.protocolNoteLength),
    prompts,
    groups,
    votingEnabled: f.at('votingEnabled').bool(),
    votingBudget: f.at('votingBudget').int(1, LIMITS.votingBudgetMax),
    votesRevealed: f.at('votesRevealed').bool(),
    privateWriting: f.at('privateWriting').bool(),
    privateRevealed: f.at('privateRevealed').bool(),
    status: f.at('status').oneOf(PHASE_STATUSES),
    timerMs: f.at('timerMs').int(0, LIMITS.timerMaxMs),
    layout: f.at('layout').oneOf(SUMMARY_LAYOUTS),
    summary,
    dismissedPairs,
  };
}

function readCard(f: Field): BackupCard {
  const votes: Record<string, number> = {};
  const votesField = f.at('votes');
  for (const voter of Object.keys(votesField.object())) {
    const v = votesField.at(voter);
    if (!isId(voter)) v.fail('invalid', 'voter key must be an id');
    votes[voter] = v.int(1, LIMITS.votingBudgetMax);
  }
  const author = f.at('author');
  return {
    id: f.at('id').id(),
    columnId: f.at('columnId').idOrEmpty(),
    order: f.at('order').order(),
    text: f.at('text').text(LIMITS.cardTextLength),
    color: f.at('color').oneOf(CARD_COLORS),
    author: author.value === null ? null : author.text(LIMITS.authorNameLength),
    createdAt: f.at('createdAt').time(),
    votes,
  };
}

/**
 * Checks a parsed JSON value as a backup of this version. Throws ModelError
 * (`invalid`, `required`, `too_long`, `too_many`) whose `field` is the path of
 * the first wrong field.
 */
export function parseBackup(value: unknown): Backup {
  const root = new Field('', value);
  root.object();
  if (root.at('format').value !== BACKUP_FORMAT) root.at('format').fail('invalid', `must be "${BACKUP_FORMAT}": this is no Plenum backup`);
  const version = root.at('version');
  if (version.value !== BACKUP_VERSION) {
    version.fail('invalid', `this server reads backup version ${BACKUP_VERSION}${typeof version.value === 'number' && version.value > BACKUP_VERSION ? '; the backup is from a newer Plenum' : ''}`);
  }
  const s = root.at('session');
  const groupsByPhase = new Map<string, Set<string>>();
  const phases = s.at('phases').list(LIMITS.phasesPerSession, (p) => {
    const groupIds = new Set<string>();
    const phase = readPhase(p, groupIds);
    groupsByPhase.set(phase.id, groupIds);
    return phase;
  });
  unique(phases, (p) => p.id, (i) => `session.phases[${i}].id`);
  // Summary items live in one map for all phases: their ids must differ across phases too.
  const itemIds = new Set<string>();
  phases.forEach((phase, i) =>
    phase.summary.forEach((item, j) => {
      const path = `session.phases[${i}].summary[${j}].id`;
      if (itemIds.has(item.id)) throw new ModelError('invalid', `${path}: duplicate`, path);
      itemIds.add(item.id);
    }),
  );
  const date = s.at('date').text(10);
  if (date && !DATE.test(date)) s.at('date').fail('invalid', 'must be YYYY-MM-DD or ""');
  const times = (['startTime', 'endTime'] as const).map((key) => {
    const t = s.at(key).text(5);
    if (t && !TIME.test(t)) s.at(key).fail('invalid', 'must be HH:MM or ""');
    return t;
  });
  const current = s.at('currentPhaseId');
  if (current.value !== null && !phases.some((p) => p.id === current.value)) current.fail('invalid', 'must be the id of a phase or null');
  const address = s.at('address');

  const boards = root.at('boards').list(LIMITS.phasesPerSession * LIMITS.groupsPerPhase, (b) => {
    const phaseId = b.at('phaseId').id();
    const groupId = b.at('groupId').id();
    if (!groupsByPhase.has(phaseId)) b.at('phaseId').fail('invalid', 'no such phase in session.phases');
    if (!groupsByPhase.get(phaseId)?.has(groupId)) b.at('groupId').fail('invalid', 'no such group in that phase');
    const cards = b.at('cards').list(LIMITS.cardsPerBoard, readCard);
    unique(cards, (c) => c.id, (i) => `${b.path}.cards[${i}].id`);
    return { phaseId, groupId, cards };
  });
  unique(boards, (b) => boardKey(b.phaseId, b.groupId), (i) => `boards[${i}]`);
  const snapshots = root.at('snapshots').list(MAX_SNAPSHOTS, (snap) => ({
    label: snap.at('label').text(SNAPSHOT_LABEL_LENGTH),
    createdAt: snap.at('createdAt').time(),
  }));
  const exportedAt = root.at('exportedAt').text(40);

  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    session: {
      title: s.at('title').text(LIMITS.titleLength, true),
      subtitle: s.at('subtitle').text(LIMITS.subtitleLength),
      place: s.at('place').text(LIMITS.placeLength),
      date,
      startTime: times[0] as string,
      endTime: times[1] as string,
      contact: s.at('contact').text(LIMITS.contactLength),
      currentPhaseId: current.value as string | null,
      address: address.value === undefined ? 'formal' : address.oneOf(ADDRESSES),
      phases,
    },
    boards,
    snapshots,
  };
}

// ---- writing documents from a backup -----------------------------------------

function sessionState(backup: Backup): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const { phases, ...meta } = backup.session;
    restoreMeta(doc, meta);
    for (const { layout, summary, dismissedPairs, ...phase } of phases) {
      restorePhase(doc, phase);
      if (layout !== DEFAULT_SUMMARY_LAYOUT) setLayout(doc, phase.id, layout);
      for (const item of summary) restoreItem(doc, phase.id, item);
      for (const d of dismissedPairs) restoreDismissal(doc, phase.id, d.a, d.b, d.dismissedAt);
    }
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

function boardState(sessionId: string, board: BackupBoard): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    initBoard(doc, { sessionId, phaseId: board.phaseId, groupId: board.groupId });
    for (const { id, ...card } of board.cards) restoreCard(doc, id, card);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** The documents of a new session `sessionId` made from a checked backup: room name → state. */
export function documentsOfBackup(backup: Backup, sessionId: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>([[sessionId, sessionState(backup)]]);
  for (const board of backup.boards) out.set(boardRoom(sessionId, board.phaseId, board.groupId), boardState(sessionId, board));
  return out;
}
