import * as Y from 'yjs';
import { isId } from './ids.ts';
import { LIMITS } from './limits.ts';

// The protocol note of each phase: the narrative paragraph the reference
// protocol opens a section with ("Der Rückblick erfolgte in zwei gemischten
// Gruppen …"), written live in the moderator view. It is a Y.Text under the
// key 'note' of the phase's map (docs/data-model.md), so two note-takers
// typing at once merge character by character instead of one overwriting the
// other.
//
// The Y.Text is created with its phase (createPhase) or by the session schema
// 3 → 4 migration, both single writers. A client that created it lazily could
// race another client doing the same, and one of the two texts, with what was
// typed into it, would be replaced.

const NOTE_KEY = 'note';

/** Gives a phase's map its (empty) note; used where the phase is created and by the migration. */
export function addNote(phase: Y.Map<unknown>): void {
  if (!(phase.get(NOTE_KEY) instanceof Y.Text)) phase.set(NOTE_KEY, new Y.Text());
}

/** The live note of a phase, or null if the phase (or its note) does not exist. */
export function phaseNote(doc: Y.Doc, phaseId: string): Y.Text | null {
  const phase = doc.getMap('phases').get(phaseId);
  if (!(phase instanceof Y.Map)) return null;
  const note = phase.get(NOTE_KEY);
  return note instanceof Y.Text ? note : null;
}

/** Every phase's note as plain text, clipped to the limit; phases without a written note are left out. */
export function readNotes(doc: Y.Doc): Record<string, string> {
  const notes: Record<string, string> = {};
  doc.getMap('phases').forEach((phase: unknown, id: string) => {
    if (!isId(id) || !(phase instanceof Y.Map)) return;
    const note = phase.get(NOTE_KEY);
    const text = note instanceof Y.Text ? note.toString() : '';
    if (text.trim()) notes[id] = text.slice(0, LIMITS.protocolNoteLength);
  });
  return notes;
}
