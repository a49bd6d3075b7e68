import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildProtocol, generatedNote } from '@plenum/shared/protocol-draft/build';
import { LABELS } from '@plenum/shared/protocol-draft/labels';
import { phaseNote, readNotes } from '@plenum/shared/phase-notes';
import { migrate, schemaVersionOf } from '@plenum/shared/schema';
import { addPhase, readPhases } from '@plenum/shared/session-doc';
import { initSessionFromTemplate } from '@plenum/shared/templates';

// The protocol note of a phase: a Y.Text made with the phase (or by the
// session 3 → 4 migration), so note-takers only ever edit it, never create it.

function session(): Y.Doc {
  const doc = new Y.Doc();
  initSessionFromTemplate(doc, 'bilanz-zukunft', { title: 'Bilanz' });
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('protocol notes', () => {
  it('every phase has an empty note from the start, also one added later', () => {
    const doc = session();
    const added = addPhase(doc, { title: 'Neu', kind: 'plenum' });
    for (const phase of readPhases(doc)) expect(phaseNote(doc, phase.id)?.toString()).toBe('');
    expect(phaseNote(doc, added)).toBeInstanceOf(Y.Text);
    expect(readNotes(doc)).toEqual({});
  });

  it('two note-takers typing at once keep both their words', () => {
    const a = session();
    const b = new Y.Doc();
    sync(a, b);
    const phaseId = readPhases(a)[1]!.id;
    phaseNote(a, phaseId)!.insert(0, 'Der Rückblick erfolgte in zwei Gruppen.');
    phaseNote(b, phaseId)!.insert(0, 'Begrüßung durch die Leitung. ');
    sync(a, b);
    const merged = readNotes(a)[phaseId]!;
    expect(merged).toContain('Der Rückblick erfolgte in zwei Gruppen.');
    expect(merged).toContain('Begrüßung durch die Leitung.');
    expect(readNotes(b)[phaseId]).toBe(merged);
  });

  it('the migration from session schema 3 gives old phases a note, once', () => {
    const doc = session();
    doc.transact(() => {
      doc.getMap('meta').set('schemaVersion', 3);
      doc.getMap('phases').forEach((phase) => (phase as Y.Map<unknown>).delete('note'));
    });
    const phaseId = readPhases(doc)[0]!.id;
    expect(phaseNote(doc, phaseId)).toBeNull();
    expect(migrate(doc, 'session')).toBe(1);
    expect(schemaVersionOf(doc)).toBe(4);
    const note = phaseNote(doc, phaseId)!;
    note.insert(0, 'Notiz');
    expect(migrate(doc, 'session')).toBe(0);
    expect(phaseNote(doc, phaseId)).toBe(note);
  });

  it('the protocol draft puts a written note under its phase instead of the generated sentence', () => {
    const doc = session();
    const phase = readPhases(doc)[1]!;
    const note = 'Der Rückblick erfolgte in zwei gemischten Gruppen.';
    const section = () => {
      const blocks = buildProtocol({ session: doc, boards: new Map() }).blocks;
      const start = blocks.findIndex((b) => b.type === 'heading' && b.level === 2 && b.text.includes(phase.title));
      const end = blocks.findIndex((b, i) => i > start && b.type === 'heading' && b.level === 2);
      return blocks.slice(start + 1, end).flatMap((b) => (b.type === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : []));
    };
    const generated = generatedNote(phase, LABELS.de);
    expect(generated).not.toBe('');
    expect(section()).toContain(generated);
    phaseNote(doc, phase.id)!.insert(0, note);
    expect(section()).toContain(note);
    expect(section()).not.toContain(generated);
  });
});
