import type * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { isId } from './ids.ts';
import { findPhase } from './session-doc.ts';

// Presenter mode (issue 10): what the moderator shows everyone right now — a
// group's board, one column of it, one card, the phase's summary or one
// summary item. Every participant and viewer page follows it.
//
// Where it lives: one key in the session document, `presentation.current`, a
// plain object replaced whole (last writer wins). Not in awareness, although
// a presentation is live state and not a result of the workshop: the server
// accepts awareness states from every connection (it checks only who owns a
// client id and the size), so any participant could make every screen show
// something else. The session document is written only by moderators (the
// server drops anyone else's update), every page syncs it already, and a page
// opened or reloaded mid-presentation finds it at once. It is live only in
// use: the protocol export never reads it, and stopping deletes it.

export type PresentationTarget =
  | { kind: 'board'; phaseId: string; groupId: string }
  | { kind: 'column'; phaseId: string; groupId: string; columnId: string }
  | { kind: 'card'; phaseId: string; groupId: string; cardId: string }
  | { kind: 'summary'; phaseId: string }
  | { kind: 'item'; phaseId: string; itemId: string };

export type PresentationKind = PresentationTarget['kind'];

export type Presentation = PresentationTarget & {
  /** When the moderator chose it (ms, the moderator's clock): a new choice is a new `since`, so pages that looked away follow again. */
  since: number;
};

const KINDS: readonly PresentationKind[] = ['board', 'column', 'card', 'summary', 'item'];

function presentationMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('presentation');
}

/** The target with only the fields its kind has, or null when anything is missing or not an id. */
function cleanTarget(value: unknown): PresentationTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const kind = v.kind as PresentationKind;
  if (!KINDS.includes(kind) || !isId(v.phaseId)) return null;
  const phaseId = v.phaseId;
  switch (kind) {
    case 'summary':
      return { kind, phaseId };
    case 'item':
      return isId(v.itemId) ? { kind, phaseId, itemId: v.itemId } : null;
    case 'board':
      return isId(v.groupId) ? { kind, phaseId, groupId: v.groupId } : null;
    case 'column':
      return isId(v.groupId) && isId(v.columnId) ? { kind, phaseId, groupId: v.groupId, columnId: v.columnId } : null;
    case 'card':
      return isId(v.groupId) && isId(v.cardId) ? { kind, phaseId, groupId: v.groupId, cardId: v.cardId } : null;
  }
}

/**
 * What is presented now, or null. A presentation whose phase or group no
 * longer exists reads as null (nothing to follow); one whose card or item was
 * deleted is still returned — the page says it is gone.
 */
export function readPresentation(doc: Y.Doc): Presentation | null {
  const value = presentationMap(doc).get('current');
  const target = cleanTarget(value);
  if (target === null) return null;
  const phase = findPhase(doc, target.phaseId);
  if (phase === null) return null;
  if ('groupId' in target && !phase.groups.some((g) => g.id === target.groupId)) return null;
  const since = (value as Record<string, unknown>).since;
  return { ...target, since: typeof since === 'number' && Number.isFinite(since) ? since : 0 };
}

/** Shows `target` to everyone (replacing what was shown). */
export function present(doc: Y.Doc, target: PresentationTarget, now: number = Date.now()): void {
  const clean = cleanTarget(target);
  if (clean === null) throw new ModelError('invalid', 'not a presentation target', 'presentation');
  const phase = findPhase(doc, clean.phaseId);
  if (phase === null) throw new ModelError('not_found', `no phase ${clean.phaseId}`, 'phaseId');
  if ('groupId' in clean && !phase.groups.some((g) => g.id === clean.groupId)) {
    throw new ModelError('not_found', `no group ${clean.groupId} in phase ${clean.phaseId}`, 'groupId');
  }
  presentationMap(doc).set('current', { ...clean, since: now });
}

/** Ends the presentation: every page goes back to what it showed before. */
export function stopPresenting(doc: Y.Doc): void {
  presentationMap(doc).delete('current');
}

/** Two presentations show the same thing (ignoring when it was chosen). */
export function sameTarget(a: PresentationTarget | null, b: PresentationTarget | null): boolean {
  if (a === null || b === null) return a === b;
  const x = cleanTarget(a);
  const y = cleanTarget(b);
  return JSON.stringify(x) === JSON.stringify(y);
}
