import * as Y from 'yjs';
import { ModelError, requireText } from './errors.ts';
import { compareByOrder, isOrderKey, keyForIndex, keysAfter } from './order-keys.ts';
import { isId, newId } from './ids.ts';
import { clip, LIMITS } from './limits.ts';
import { addNote } from './phase-notes.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { idleTimer, readTimer, type TimerState } from './timer.ts';

// The session document: what the moderator prepares and runs. Only moderators
// (and the server on their behalf) write it; participants and viewers read it.
// Layout (docs/data-model.md):
//   meta:   Y.Map  schemaVersion, kind='session', title, subtitle, place, date,
//                  startTime, endTime, contact, currentPhaseId, address
//   phases: Y.Map<phaseId, Y.Map>  one Y.Map per phase (fields below)

export type PhaseKind = 'information' | 'groupwork' | 'plenum' | 'statements';
export const PHASE_KINDS: readonly PhaseKind[] = ['information', 'groupwork', 'plenum', 'statements'];
export type PhaseStatus = 'planned' | 'open' | 'closed';
export const PHASE_STATUSES: readonly PhaseStatus[] = ['planned', 'open', 'closed'];

/**
 * Group work and statements have a board per group (columns = prompts);
 * information and plenum phases are shown, not written. A phase keeps its
 * groups, and their boards, when its kind changes.
 */
export function hasBoards(kind: PhaseKind): boolean {
  return kind === 'groupwork' || kind === 'statements';
}

/** How the participants' pages speak to them in German: "Sie" (formal) or "du" (informal). */
export type Address = 'formal' | 'informal';
export const ADDRESSES: readonly Address[] = ['formal', 'informal'];

export interface SessionMeta {
  title: string;
  subtitle: string;
  place: string;
  date: string;
  startTime: string;
  endTime: string;
  contact: string;
  currentPhaseId: string | null;
  /** Added after schema 1 without a version bump: an absent or unknown value reads as 'formal'. */
  address: Address;
}

export interface Prompt {
  id: string;
  order: string;
  text: string;
}

export interface Group {
  id: string;
  order: string;
  name: string;
  composition: string;
}

export interface Phase {
  id: string;
  order: string;
  title: string;
  description: string;
  kind: PhaseKind;
  question: string;
  prompts: Prompt[];
  groups: Group[];
  votingEnabled: boolean;
  votingBudget: number;
  votesRevealed: boolean;
  privateWriting: boolean;
  privateRevealed: boolean;
  status: PhaseStatus;
  timer: TimerState;
}

export interface SessionView {
  meta: SessionMeta;
  phases: Phase[];
}

export interface PhaseInput {
  title: string;
  description?: string;
  kind?: PhaseKind;
  question?: string;
  prompts?: string[];
  groups?: { name: string; composition?: string }[];
  votingEnabled?: boolean;
  votingBudget?: number;
  privateWriting?: boolean;
  timerMinutes?: number;
}

export type MetaInput = Partial<Omit<SessionMeta, 'currentPhaseId'>>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const DEFAULT_VOTING_BUDGET = 3;

/** A day that exists: the pattern alone lets through 2024-13-45 or 2023-02-29. */
function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

function phasesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('phases') as Y.Map<Y.Map<unknown>>;
}

// ---- validation -------------------------------------------------------------

/** Validates and normalises metadata; `partial` allows absent fields (updates). */
export function validateMeta(input: MetaInput, partial = false): MetaInput {
  const out: MetaInput = {};
  const text = (field: Exclude<keyof MetaInput, 'address'>, max: number, required = false) => {
    if (partial && input[field] === undefined) return;
    out[field] = requireText(field, input[field], max, { required });
  };
  text('title', LIMITS.titleLength, true);
  text('subtitle', LIMITS.subtitleLength);
  text('place', LIMITS.placeLength);
  text('contact', LIMITS.contactLength);
  text('date', 10);
  text('startTime', 5);
  text('endTime', 5);
  if (!partial || input.address !== undefined) {
    const address = input.address ?? 'formal';
    if (!ADDRESSES.includes(address)) throw new ModelError('invalid', 'address must be formal or informal', 'address');
    out.address = address;
  }
  if (out.date && !isCalendarDate(out.date)) throw new ModelError('invalid', 'date must be a day as YYYY-MM-DD', 'date');
  for (const field of ['startTime', 'endTime'] as const) {
    const value = out[field];
    if (value && !TIME.test(value)) throw new ModelError('invalid', `${field} must be HH:MM`, field);
  }
  return out;
}

/** End before start is checked on the merged result, so a partial update cannot sneak past it. */
function checkTimes(meta: Pick<SessionMeta, 'startTime' | 'endTime'>): void {
  if (meta.startTime && meta.endTime && meta.endTime <= meta.startTime) {
    throw new ModelError('end_before_start', 'end time must be after start time', 'endTime');
  }
}

function validatePhase(input: Partial<PhaseInput>, partial: boolean): Partial<PhaseInput> {
  const out: Partial<PhaseInput> = {};
  if (!partial || input.title !== undefined) {
    out.title = requireText('title', input.title, LIMITS.phaseTitleLength, { required: true });
  }
  if (input.description !== undefined) out.description = requireText('description', input.description, LIMITS.descriptionLength);
  if (input.question !== undefined) out.question = requireText('question', input.question, LIMITS.questionLength);
  if (input.kind !== undefined) {
    if (!PHASE_KINDS.includes(input.kind)) throw new ModelError('invalid', 'unknown phase kind', 'kind');
    out.kind = input.kind;
  }
  if (input.prompts !== undefined) out.prompts = validList('prompts', input.prompts, LIMITS.promptsPerPhase, validPrompt);
  if (input.groups !== undefined) out.groups = validList('groups', input.groups, LIMITS.groupsPerPhase, validGroup);
  for (const flag of ['votingEnabled', 'privateWriting'] as const) {
    if (input[flag] !== undefined) {
      if (typeof input[flag] !== 'boolean') throw new ModelError('invalid', `${flag} must be true or false`, flag);
      out[flag] = input[flag];
    }
  }
  if (input.votingBudget !== undefined) {
    const budget = input.votingBudget;
    if (!Number.isInteger(budget) || budget < 1 || budget > LIMITS.votingBudgetMax) {
      throw new ModelError('invalid', `votingBudget must be 1 to ${LIMITS.votingBudgetMax}`, 'votingBudget', LIMITS.votingBudgetMax);
    }
    out.votingBudget = budget;
  }
  if (input.timerMinutes !== undefined) {
    const minutes = input.timerMinutes;
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0 || minutes * 60_000 > LIMITS.timerMaxMs) {
      throw new ModelError('invalid', 'timerMinutes out of range', 'timerMinutes', LIMITS.timerMaxMs / 60_000);
    }
    out.timerMinutes = minutes;
  }
  return out;
}

/** A whole list of prompts or groups, as updatePhase and initSession take it. */
function validList<T>(list: ListName, items: unknown, max: number, valid: (item: unknown) => T): T[] {
  if (!Array.isArray(items)) throw new ModelError('invalid', `${list} must be a list`, list);
  if (items.length > max) throw new ModelError('too_many', `at most ${max} ${list}`, list, max);
  return items.map(valid);
}

function validPrompt(text: unknown): string {
  return requireText('prompts', text, LIMITS.promptLength, { required: true });
}

// Untrusted input may hold anything where a group should be: without a name it is refused as "required".
function validGroup(group: unknown): { name: string; composition: string } {
  const { name, composition } = (typeof group === 'object' && group !== null ? group : {}) as Record<string, unknown>;
  return {
    name: requireText('groups', name, LIMITS.groupNameLength, { required: true }),
    composition: requireText('groups', composition, LIMITS.compositionLength),
  };
}

/** A new phase's fields, and what a reader assumes where a stored one is missing or malformed. */
type PhaseDefaults = Omit<Phase, 'id' | 'order' | 'prompts' | 'groups'>;

function phaseDefaults(): PhaseDefaults {
  return {
    title: '',
    description: '',
    kind: 'information',
    question: '',
    votingEnabled: false,
    votingBudget: DEFAULT_VOTING_BUDGET,
    votesRevealed: false,
    privateWriting: false,
    privateRevealed: false,
    status: 'planned',
    timer: idleTimer(0),
  };
}

// ---- reading ----------------------------------------------------------------

function readEntries<T>(map: unknown, read: (id: string, value: Record<string, unknown>) => T): T[] {
  if (!(map instanceof Y.Map)) return [];
  const out: T[] = [];
  map.forEach((value: unknown, id: string) => {
    if (isId(id) && typeof value === 'object' && value !== null) out.push(read(id, value as Record<string, unknown>));
  });
  return out;
}

type PhaseFlag = 'votingEnabled' | 'votesRevealed' | 'privateWriting' | 'privateRevealed';

function readFlag(map: Y.Map<unknown>, name: PhaseFlag, defaults: PhaseDefaults): boolean {
  const value = map.get(name);
  return typeof value === 'boolean' ? value : defaults[name];
}

function readStatus(map: Y.Map<unknown>, defaults: PhaseDefaults): PhaseStatus {
  const status = map.get('status') as PhaseStatus;
  return PHASE_STATUSES.includes(status) ? status : defaults.status;
}

function readPhase(id: string, map: Y.Map<unknown>): Phase {
  const defaults = phaseDefaults();
  const flag = (name: PhaseFlag) => readFlag(map, name, defaults);
  const kind = map.get('kind') as PhaseKind;
  const budget = map.get('votingBudget');
  const order = map.get('order');
  const orderOf = (v: unknown) => (isOrderKey(v) ? v : '');
  return {
    id,
    order: orderOf(order),
    title: clip(map.get('title'), LIMITS.phaseTitleLength),
    description: clip(map.get('description'), LIMITS.descriptionLength),
    kind: PHASE_KINDS.includes(kind) ? kind : defaults.kind,
    question: clip(map.get('question'), LIMITS.questionLength),
    prompts: readEntries(map.get('prompts'), (pid, v) => ({
      id: pid,
      order: orderOf(v.order),
      text: clip(v.text, LIMITS.promptLength),
    })).sort(compareByOrder),
    groups: readEntries(map.get('groups'), (gid, v) => ({
      id: gid,
      order: orderOf(v.order),
      name: clip(v.name, LIMITS.groupNameLength),
      composition: clip(v.composition, LIMITS.compositionLength),
    })).sort(compareByOrder),
    votingEnabled: flag('votingEnabled'),
    votingBudget:
      typeof budget === 'number' && Number.isInteger(budget) && budget >= 1 && budget <= LIMITS.votingBudgetMax
        ? budget
        : defaults.votingBudget,
    votesRevealed: flag('votesRevealed'),
    privateWriting: flag('privateWriting'),
    privateRevealed: flag('privateRevealed'),
    status: readStatus(map, defaults),
    timer: readTimer(map.get('timer')),
  };
}

export function readMeta(doc: Y.Doc): SessionMeta {
  const meta = metaMap(doc);
  const current = meta.get('currentPhaseId');
  const address = meta.get('address') as Address;
  return {
    title: clip(meta.get('title'), LIMITS.titleLength),
    subtitle: clip(meta.get('subtitle'), LIMITS.subtitleLength),
    place: clip(meta.get('place'), LIMITS.placeLength),
    date: clip(meta.get('date'), 10),
    startTime: clip(meta.get('startTime'), 5),
    endTime: clip(meta.get('endTime'), 5),
    contact: clip(meta.get('contact'), LIMITS.contactLength),
    currentPhaseId: isId(current) ? current : null,
    address: ADDRESSES.includes(address) ? address : 'formal',
  };
}

export function readPhases(doc: Y.Doc): Phase[] {
  const phases: Phase[] = [];
  phasesMap(doc).forEach((map, id) => {
    if (isId(id) && map instanceof Y.Map) phases.push(readPhase(id, map));
  });
  return phases.sort(compareByOrder);
}

export function readSession(doc: Y.Doc): SessionView {
  return { meta: readMeta(doc), phases: readPhases(doc) };
}

export function findPhase(doc: Y.Doc, phaseId: string): Phase | null {
  const map = phasesMap(doc).get(phaseId);
  return map instanceof Y.Map ? readPhase(phaseId, map) : null;
}

/** What decides who may write to a phase's boards, read alone: it is asked on every update (server access check). */
export function findPhaseAccess(doc: Y.Doc, phaseId: string): Pick<Phase, 'status' | 'privateWriting' | 'privateRevealed'> | null {
  const map = phasesMap(doc).get(phaseId);
  if (!(map instanceof Y.Map)) return null;
  const defaults = phaseDefaults();
  return {
    status: readStatus(map, defaults),
    privateWriting: readFlag(map, 'privateWriting', defaults),
    privateRevealed: readFlag(map, 'privateRevealed', defaults),
  };
}

/** Whether (phaseId, groupId) names a board that exists in this session. */
export function hasBoard(doc: Y.Doc, phaseId: string, groupId: string): boolean {
  const phase = findPhase(doc, phaseId);
  return phase !== null && phase.groups.some((g) => g.id === groupId);
}

// ---- writing ----------------------------------------------------------------

function phaseMap(doc: Y.Doc, phaseId: string): Y.Map<unknown> {
  const map = phasesMap(doc).get(phaseId);
  if (!(map instanceof Y.Map)) throw new ModelError('not_found', `no phase ${phaseId}`, 'phaseId');
  return map;
}

// Writing a whole list keeps the ids of entries that stay at the same
// position, so cards on a board keep their column when a prompt is only
// reworded; entries past the new end are deleted.
function writeEntries(map: Y.Map<unknown>, entries: Record<string, unknown>[]): void {
  const existing = listEntries(map);
  const orders = keysAfter(null, entries.length);
  entries.forEach((entry, i) => map.set(existing[i]?.id ?? newId(), { ...entry, order: orders[i] }));
  for (const gone of existing.slice(entries.length)) map.delete(gone.id);
}

const groupEntry = (group: { name: string; composition?: string }) => ({ name: group.name, composition: group.composition ?? '' });

function writePhaseFields(map: Y.Map<unknown>, input: Partial<PhaseInput>): void {
  if (input.title !== undefined) map.set('title', input.title);
  if (input.description !== undefined) map.set('description', input.description);
  if (input.kind !== undefined) map.set('kind', input.kind);
  if (input.question !== undefined) map.set('question', input.question);
  if (input.votingEnabled !== undefined) map.set('votingEnabled', input.votingEnabled);
  if (input.votingBudget !== undefined) map.set('votingBudget', input.votingBudget);
  if (input.privateWriting !== undefined) map.set('privateWriting', input.privateWriting);
  if (input.timerMinutes !== undefined) map.set('timer', idleTimer(input.timerMinutes * 60_000));
}

/** Writes a fresh session document. Throws ModelError on invalid input, leaving `doc` untouched. */
export function initSession(doc: Y.Doc, metaInput: MetaInput, phaseInputs: PhaseInput[]): void {
  const meta = validateMeta(metaInput);
  checkTimes({ startTime: meta.startTime ?? '', endTime: meta.endTime ?? '' });
  if (phaseInputs.length > LIMITS.phasesPerSession) {
    throw new ModelError('too_many', `at most ${LIMITS.phasesPerSession} phases`, 'phases', LIMITS.phasesPerSession);
  }
  const phases = phaseInputs.map((p) => validatePhase(p, false));
  const orders = keysAfter(null, phases.length);
  doc.transact(() => {
    writeMeta(doc, { ...meta, currentPhaseId: null });
    phases.forEach((input, i) => createPhase(doc, input, orders[i] as string));
  });
}

/**
 * The meta map as every writer lays it out: the schema version, the kind and
 * the fields given. The form of address is stored only when informal: a new
 * or restored workshop stores nothing for the default, as documents written
 * before the field existed (absent reads as formal, docs/data-model.md). The
 * one place that decides, so a new session and a restored one cannot differ
 * in layout.
 */
function writeMeta(doc: Y.Doc, fields: MetaInput & Pick<SessionMeta, 'currentPhaseId'>): void {
  const m = metaMap(doc);
  m.set('schemaVersion', SCHEMA_VERSION.session);
  m.set('kind', 'session');
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'address' || value === 'informal') m.set(key, value === undefined ? '' : value);
  }
}

/** Writes a session's meta back as it was stored (importing a backup, which checked it first). */
export function restoreMeta(doc: Y.Doc, meta: SessionMeta): void {
  doc.transact(() => writeMeta(doc, meta));
}

/**
 * A phase's map as every writer lays it out: its order, its fields (the
 * defaults where `fields` has none), the prompts' and groups' maps and the
 * note's Y.Text. The one place that does, so a new phase and a restored one
 * cannot differ in layout.
 */
function writePhase(
  doc: Y.Doc,
  id: string,
  order: string,
  fields: Partial<PhaseDefaults> = {},
): { map: Y.Map<unknown>; prompts: Y.Map<unknown>; groups: Y.Map<unknown> } {
  const map = new Y.Map<unknown>();
  phasesMap(doc).set(id, map);
  map.set('order', order);
  for (const [key, value] of Object.entries({ ...phaseDefaults(), ...fields })) map.set(key, value);
  const prompts = new Y.Map<unknown>();
  const groups = new Y.Map<unknown>();
  map.set('prompts', prompts);
  map.set('groups', groups);
  addNote(map);
  return { map, prompts, groups };
}

function createPhase(doc: Y.Doc, input: Partial<PhaseInput>, order: string): string {
  const id = newId();
  const { map, prompts, groups } = writePhase(doc, id, order);
  writePhaseFields(map, input);
  writeEntries(prompts, (input.prompts ?? []).map((text) => ({ text })));
  writeEntries(groups, (input.groups ?? []).map(groupEntry));
  return id;
}

/** A phase as it was stored, with its ids, order keys and state (a backup's): what restorePhase writes back. */
export interface StoredPhase extends Omit<Phase, 'timer'> {
  /** The protocol note's text (phase-notes.ts). */
  note: string;
  /** The timer's length: a restored timer stands still. */
  timerMs: number;
}

/**
 * Writes a phase back with its ids and order keys (importing a backup, which
 * checked it first). Cards on the restored boards keep their columns, as the
 * prompts keep their ids.
 */
export function restorePhase(doc: Y.Doc, phase: StoredPhase): void {
  const { id, order, prompts, groups, note, timerMs, ...fields } = phase;
  const written = writePhase(doc, id, order, { ...fields, timer: idleTimer(timerMs) });
  if (note) (written.map.get('note') as Y.Text).insert(0, note);
  for (const p of prompts) written.prompts.set(p.id, { text: p.text, order: p.order });
  for (const g of groups) written.groups.set(g.id, { name: g.name, composition: g.composition, order: g.order });
}

export function updateMeta(doc: Y.Doc, patch: MetaInput): void {
  const valid = validateMeta(patch, true);
  const current = readMeta(doc);
  checkTimes({ startTime: valid.startTime ?? current.startTime, endTime: valid.endTime ?? current.endTime });
  doc.transact(() => {
    for (const [key, value] of Object.entries(valid)) metaMap(doc).set(key, value);
  });
}

/** Adds a phase after `afterId` (or at the end). Returns its id. */
export function addPhase(doc: Y.Doc, input: PhaseInput, afterId: string | null = null): string {
  const phases = readPhases(doc);
  if (phases.length >= LIMITS.phasesPerSession) {
    throw new ModelError('too_many', `at most ${LIMITS.phasesPerSession} phases`, 'phases', LIMITS.phasesPerSession);
  }
  const valid = validatePhase(input, false);
  const index = afterId === null ? phases.length - 1 : phases.findIndex((p) => p.id === afterId);
  const order = keyForIndex(phases, index + 1);
  let id = '';
  doc.transact(() => {
    id = createPhase(doc, valid, order);
  });
  return id;
}

export function updatePhase(doc: Y.Doc, phaseId: string, patch: Partial<PhaseInput>): void {
  const map = phaseMap(doc, phaseId);
  const valid = validatePhase(patch, true);
  doc.transact(() => {
    writePhaseFields(map, valid);
    if (valid.prompts !== undefined) {
      writeEntries(map.get('prompts') as Y.Map<unknown>, valid.prompts.map((text) => ({ text })));
    }
    if (valid.groups !== undefined) writeEntries(map.get('groups') as Y.Map<unknown>, valid.groups.map(groupEntry));
  });
}

/** Moves a phase so that it ends up at `index` of the agenda. */
export function movePhase(doc: Y.Doc, phaseId: string, index: number): void {
  const map = phaseMap(doc, phaseId);
  const others = readPhases(doc).filter((p) => p.id !== phaseId);
  const clamped = Math.max(0, Math.min(others.length, Math.trunc(index)));
  map.set('order', keyForIndex(others, clamped));
}

export function deletePhase(doc: Y.Doc, phaseId: string): void {
  phaseMap(doc, phaseId);
  doc.transact(() => {
    phasesMap(doc).delete(phaseId);
    if (metaMap(doc).get('currentPhaseId') === phaseId) metaMap(doc).set('currentPhaseId', null);
  });
}

/**
 * Makes `phaseId` the current phase: it opens, and the phase that was current
 * before is closed (its boards become read-only).
 */
export function setCurrentPhase(doc: Y.Doc, phaseId: string | null): void {
  if (phaseId !== null) phaseMap(doc, phaseId);
  doc.transact(() => {
    const previous = metaMap(doc).get('currentPhaseId');
    if (typeof previous === 'string' && previous !== phaseId) {
      const prevMap = phasesMap(doc).get(previous);
      if (prevMap instanceof Y.Map && prevMap.get('status') === 'open') prevMap.set('status', 'closed');
    }
    metaMap(doc).set('currentPhaseId', phaseId);
    if (phaseId !== null) phaseMap(doc, phaseId).set('status', 'open');
  });
}

export function setPhaseStatus(doc: Y.Doc, phaseId: string, status: PhaseStatus): void {
  if (!PHASE_STATUSES.includes(status)) throw new ModelError('invalid', 'unknown status', 'status');
  phaseMap(doc, phaseId).set('status', status);
}

export function setPhaseFlag(doc: Y.Doc, phaseId: string, flag: 'votesRevealed' | 'privateRevealed', value: boolean): void {
  phaseMap(doc, phaseId).set(flag, value);
}

export function setTimer(doc: Y.Doc, phaseId: string, timer: TimerState): void {
  phaseMap(doc, phaseId).set('timer', { ...timer });
}

// ---- single prompts and groups ----------------------------------------------
// Editing one entry by id, unlike updatePhase's whole-list replacement, keeps
// every other entry's id where it is: cards stay in their column when another
// column is removed or moved, and a group's board and breakout link survive
// when another group is removed.

type ListName = 'prompts' | 'groups';

function listOf(doc: Y.Doc, phaseId: string, list: ListName): Y.Map<unknown> {
  const map = phaseMap(doc, phaseId).get(list);
  if (!(map instanceof Y.Map)) throw new ModelError('not_found', `phase ${phaseId} has no ${list}`, list);
  return map;
}

function listEntries(map: Y.Map<unknown>): { id: string; order: string; value: Record<string, unknown> }[] {
  return readEntries(map, (id, value) => ({ id, order: isOrderKey(value.order) ? value.order : '', value })).sort(
    compareByOrder,
  );
}

function listEntry(map: Y.Map<unknown>, id: string, list: ListName): Record<string, unknown> {
  const value = map.get(id);
  if (!isId(id) || typeof value !== 'object' || value === null) {
    throw new ModelError('not_found', `no entry ${id} in ${list}`, list);
  }
  return value as Record<string, unknown>;
}

function addEntry(doc: Y.Doc, phaseId: string, list: ListName, value: Record<string, unknown>, max: number): string {
  const map = listOf(doc, phaseId, list);
  const entries = listEntries(map);
  if (entries.length >= max) throw new ModelError('too_many', `at most ${max} ${list}`, list, max);
  const id = newId();
  map.set(id, { ...value, order: keyForIndex(entries, entries.length) });
  return id;
}

function moveEntry(doc: Y.Doc, phaseId: string, list: ListName, id: string, index: number): void {
  const map = listOf(doc, phaseId, list);
  const value = listEntry(map, id, list);
  const others = listEntries(map).filter((e) => e.id !== id);
  const clamped = Math.max(0, Math.min(others.length, Math.trunc(index)));
  map.set(id, { ...value, order: keyForIndex(others, clamped) });
}

function deleteEntry(doc: Y.Doc, phaseId: string, list: ListName, id: string): void {
  const map = listOf(doc, phaseId, list);
  listEntry(map, id, list);
  map.delete(id);
}

/** Adds a prompt (a column) at the end of the phase's prompts. Returns its id. */
export function addPrompt(doc: Y.Doc, phaseId: string, text: string): string {
  const valid = validPrompt(text);
  return addEntry(doc, phaseId, 'prompts', { text: valid }, LIMITS.promptsPerPhase);
}

export function updatePrompt(doc: Y.Doc, phaseId: string, promptId: string, text: string): void {
  const valid = validPrompt(text);
  const map = listOf(doc, phaseId, 'prompts');
  map.set(promptId, { ...listEntry(map, promptId, 'prompts'), text: valid });
}

export function movePrompt(doc: Y.Doc, phaseId: string, promptId: string, index: number): void {
  moveEntry(doc, phaseId, 'prompts', promptId, index);
}

export function deletePrompt(doc: Y.Doc, phaseId: string, promptId: string): void {
  deleteEntry(doc, phaseId, 'prompts', promptId);
}

/**
 * Puts a removed prompt back with its id and order key (the moderator's
 * "Rückgängig"): cards keep their column id when a column is removed, so they
 * return to it. A prompt that is still there is left as it is.
 */
export function restorePrompt(doc: Y.Doc, phaseId: string, prompt: Prompt): void {
  const text = validPrompt(prompt.text);
  if (!isId(prompt.id)) throw new ModelError('invalid', 'not a prompt id', 'prompts');
  if (!isOrderKey(prompt.order)) throw new ModelError('invalid', 'not an order key', 'prompts');
  const map = listOf(doc, phaseId, 'prompts');
  if (map.has(prompt.id)) return;
  if (listEntries(map).length >= LIMITS.promptsPerPhase) {
    throw new ModelError('too_many', `at most ${LIMITS.promptsPerPhase} prompts`, 'prompts', LIMITS.promptsPerPhase);
  }
  map.set(prompt.id, { text, order: prompt.order });
}

/** Adds a group (a board) at the end of the phase's groups. Returns its id. */
export function addGroup(doc: Y.Doc, phaseId: string, group: { name: string; composition?: string }): string {
  return addEntry(doc, phaseId, 'groups', validGroup(group), LIMITS.groupsPerPhase);
}

export function updateGroup(doc: Y.Doc, phaseId: string, groupId: string, patch: { name?: string; composition?: string }): void {
  const map = listOf(doc, phaseId, 'groups');
  const current = listEntry(map, groupId, 'groups');
  const valid = validGroup({ name: patch.name ?? current.name, composition: patch.composition ?? current.composition });
  map.set(groupId, { ...current, ...valid });
}

export function deleteGroup(doc: Y.Doc, phaseId: string, groupId: string): void {
  deleteEntry(doc, phaseId, 'groups', groupId);
}
