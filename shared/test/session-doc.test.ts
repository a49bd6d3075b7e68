import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../src/ids.ts';
import { phaseNote } from '../src/phase-notes.ts';
import { LIMITS } from '../src/limits.ts';
import {
  addPhase,
  deletePhase,
  hasBoard,
  initSession,
  movePhase,
  readSession,
  restoreMeta,
  restorePhase,
  setCurrentPhase,
  type StoredPhase,
  updateMeta,
  updatePhase,
} from '../src/session-doc.ts';
import { initSessionFromTemplate } from '../src/templates.ts';

const meta = { title: 'Werkstatt', date: '2021-09-06', startTime: '14:30', endTime: '17:30' };

describe('session document', () => {
  it('validates metadata with coded errors and leaves the document untouched', () => {
    const doc = new Y.Doc();
    expect(() => initSession(doc, { ...meta, title: ' ' }, [])).toThrow(expect.objectContaining({ code: 'required', field: 'title' }));
    expect(() => initSession(doc, { ...meta, endTime: '14:00' }, [])).toThrow(
      expect.objectContaining({ code: 'end_before_start', field: 'endTime' }),
    );
    expect(() => initSession(doc, { ...meta, title: 'x'.repeat(LIMITS.titleLength + 1) }, [])).toThrow(
      expect.objectContaining({ code: 'too_long', limit: LIMITS.titleLength }),
    );
    expect(() => initSession(doc, { ...meta, date: '6.9.2021' }, [])).toThrow(expect.objectContaining({ field: 'date' }));
    for (const date of ['2024-13-45', '2023-02-29', '2024-04-31', '2024-00-10']) {
      expect(() => initSession(doc, { ...meta, date }, []), date).toThrow(expect.objectContaining({ code: 'invalid', field: 'date' }));
    }
    expect(() => initSession(new Y.Doc(), { ...meta, date: '2024-02-29' }, [])).not.toThrow();
    const many = Array.from({ length: LIMITS.phasesPerSession + 1 }, (_, i) => ({ title: `P${i}` }));
    expect(() => initSession(doc, meta, many)).toThrow(expect.objectContaining({ code: 'too_many' }));
    expect(doc.getMap('meta').size).toBe(0);
  });

  it('refuses a partial update that would put the end before the start', () => {
    const doc = new Y.Doc();
    initSession(doc, meta, []);
    expect(() => updateMeta(doc, { endTime: '13:00' })).toThrow(expect.objectContaining({ code: 'end_before_start' }));
    updateMeta(doc, { subtitle: 'Wie war es?' });
    expect(readSession(doc).meta).toMatchObject({ title: 'Werkstatt', subtitle: 'Wie war es?', endTime: '17:30' });
  });

  it('keeps the form of address for participants: absent reads as formal (Sie), only formal or informal is accepted', () => {
    const doc = new Y.Doc();
    initSession(doc, meta, []);
    expect(doc.getMap('meta').has('address')).toBe(false);
    expect(readSession(doc).meta.address).toBe('formal');
    updateMeta(doc, { address: 'informal' });
    expect(readSession(doc).meta.address).toBe('informal');
    expect(() => updateMeta(doc, { address: 'du' as never })).toThrow(expect.objectContaining({ code: 'invalid', field: 'address' }));
    doc.getMap('meta').set('address', 42);
    expect(readSession(doc).meta.address).toBe('formal');
    const informal = new Y.Doc();
    initSession(informal, { ...meta, address: 'informal' }, []);
    expect(readSession(informal).meta.address).toBe('informal');
  });

  it('adds, edits, reorders and deletes phases', () => {
    const doc = new Y.Doc();
    initSession(doc, meta, [{ title: 'Eins' }, { title: 'Zwei' }]);
    const three = addPhase(doc, { title: 'Drei', kind: 'groupwork', prompts: ['a', 'b'], groups: [{ name: 'G1' }] });
    expect(readSession(doc).phases.map((p) => p.title)).toEqual(['Eins', 'Zwei', 'Drei']);
    movePhase(doc, three, 0);
    expect(readSession(doc).phases.map((p) => p.title)).toEqual(['Drei', 'Eins', 'Zwei']);
    const before = readSession(doc).phases[0];
    updatePhase(doc, three, { prompts: ['a (neu)', 'b', 'c'], votingBudget: 5 });
    const after = readSession(doc).phases[0];
    expect(after?.prompts.map((p) => p.text)).toEqual(['a (neu)', 'b', 'c']);
    // Rewording keeps the column id, so cards stay in their column.
    expect(after?.prompts[0]?.id).toBe(before?.prompts[0]?.id);
    expect(after?.votingBudget).toBe(5);
    expect(() => updatePhase(doc, three, { votingBudget: 0 })).toThrow(expect.objectContaining({ field: 'votingBudget' }));
    const groups = Array.from({ length: LIMITS.groupsPerPhase + 1 }, (_, i) => ({ name: `G${i}` }));
    expect(() => updatePhase(doc, three, { groups })).toThrow(expect.objectContaining({ code: 'too_many' }));
    expect(hasBoard(doc, three, after?.groups[0]?.id ?? '')).toBe(true);
    expect(hasBoard(doc, three, 'nope')).toBe(false);
    deletePhase(doc, three);
    expect(readSession(doc).phases).toHaveLength(2);
  });

  it('opens the current phase and closes the one before', () => {
    const doc = new Y.Doc();
    initSession(doc, meta, [{ title: 'Eins' }, { title: 'Zwei' }]);
    const [one, two] = readSession(doc).phases;
    setCurrentPhase(doc, one!.id);
    setCurrentPhase(doc, two!.id);
    const view = readSession(doc);
    expect(view.meta.currentPhaseId).toBe(two!.id);
    expect(view.phases.map((p) => p.status)).toEqual(['closed', 'open']);
  });
});

describe('phase lists and defaults', () => {
  it('replaces a whole group list by position: kept positions keep their ids, the rest are removed', () => {
    const doc = new Y.Doc();
    initSession(doc, meta, [{ title: 'Eins', kind: 'groupwork', groups: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] }]);
    const before = readSession(doc).phases[0]!;
    updatePhase(doc, before.id, { groups: [{ name: 'A2', composition: 'Kita' }, { name: 'B' }] });
    const after = readSession(doc).phases[0]!;
    expect(after.groups.map((g) => [g.name, g.composition])).toEqual([
      ['A2', 'Kita'],
      ['B', ''],
    ]);
    expect(after.groups.map((g) => g.id)).toEqual(before.groups.slice(0, 2).map((g) => g.id));
  });

  it('refuses list entries that are not prompts or groups with coded errors', () => {
    const doc = new Y.Doc();
    initSession(doc, meta, [{ title: 'Eins', kind: 'groupwork' }]);
    const id = readSession(doc).phases[0]!.id;
    expect(() => updatePhase(doc, id, { groups: [null as never] })).toThrow(expect.objectContaining({ code: 'required', field: 'groups' }));
    expect(() => updatePhase(doc, id, { groups: 'G1' as never })).toThrow(expect.objectContaining({ code: 'invalid', field: 'groups' }));
    expect(() => updatePhase(doc, id, { prompts: [' '] })).toThrow(expect.objectContaining({ code: 'required', field: 'prompts' }));
    const prompts = Array.from({ length: LIMITS.promptsPerPhase + 1 }, (_, i) => `P${i}`);
    expect(() => updatePhase(doc, id, { prompts })).toThrow(
      expect.objectContaining({ code: 'too_many', field: 'prompts', limit: LIMITS.promptsPerPhase }),
    );
  });

  it('restores a phase with its ids, order keys, state and note, each field written once', () => {
    const doc = new Y.Doc();
    const stored: StoredPhase = {
      id: newId(),
      order: 'a5',
      title: 'Rückblick',
      description: 'Was lief gut?',
      kind: 'groupwork',
      question: 'Was nehmen Sie mit?',
      prompts: [{ id: newId(), order: 'a0', text: 'Gut' }, { id: newId(), order: 'a1', text: 'Schwierig' }],
      groups: [{ id: newId(), order: 'a0', name: 'AG 1', composition: 'Jugendamt' }],
      votingEnabled: true,
      votingBudget: 4,
      votesRevealed: true,
      privateWriting: true,
      privateRevealed: false,
      status: 'closed',
      note: 'Einig: mehr Zeit.',
      timerMs: 900_000,
    };
    restorePhase(doc, stored);
    const { note, timerMs, ...phase } = stored;
    expect(readSession(doc).phases).toEqual([{ ...phase, timer: { durationMs: timerMs, endsAt: null, remainingMs: timerMs } }]);
    expect(phaseNote(doc, stored.id)?.toString()).toBe(note);
    // Nothing written twice: a new document with no deleted entries.
    expect(Y.snapshot(doc).ds.clients.size).toBe(0);
  });

  it('restores the meta as a new session lays it out: the form of address only when informal', () => {
    const stored = {
      title: 'Werkstatt',
      subtitle: 'Bilanz und Zukunft',
      place: 'Rathaus',
      date: '2021-09-06',
      startTime: '14:30',
      endTime: '17:30',
      contact: 'jugendamt@example.org',
      currentPhaseId: newId(),
    };
    for (const address of ['formal', 'informal'] as const) {
      const restored = new Y.Doc();
      restoreMeta(restored, { ...stored, address });
      expect(readSession(restored).meta).toEqual({ ...stored, address });
      const fresh = new Y.Doc();
      initSession(fresh, { ...stored, address }, []);
      const keys = (doc: Y.Doc) => [...doc.getMap('meta').keys()].sort();
      expect(keys(restored)).toEqual(keys(fresh));
      expect(restored.getMap('meta').has('address')).toBe(address === 'informal');
      expect(Y.snapshot(restored).ds.clients.size).toBe(0);
    }
  });

  it('reads a phase whose fields are missing or malformed as a fresh phase has them', () => {
    const doc = new Y.Doc();
    initSession(doc, meta, [{ title: 'Frisch' }]);
    const fresh = readSession(doc).phases[0]!;
    const brokenId = newId();
    const broken = new Y.Map<unknown>();
    doc.getMap('phases').set(brokenId, broken);
    broken.set('order', 'zzz');
    broken.set('title', 'Frisch');
    broken.set('kind', 'party');
    broken.set('votingEnabled', 'yes');
    broken.set('votingBudget', LIMITS.votingBudgetMax + 1);
    broken.set('status', 'archived');
    broken.set('timer', 'soon');
    const read = readSession(doc).phases.find((p) => p.id === brokenId)!;
    const withoutIds = ({ id: _id, order: _order, ...rest }: typeof fresh) => rest;
    expect(withoutIds(read)).toEqual(withoutIds(fresh));
  });
});

describe('template bilanz-zukunft', () => {
  it('reproduces the structure of the reference protocol', () => {
    const doc = new Y.Doc();
    initSessionFromTemplate(doc, 'bilanz-zukunft', {
      title: 'Sozialraumorientierung in der Kinder- und Jugendhilfe',
      contact: 'Projekt LöVO\nCaffamacherreihe 1-3',
    });
    const { meta: m, phases } = readSession(doc);
    expect(m.contact).toContain('Caffamacherreihe');
    expect(phases.map((p) => p.kind)).toEqual(['information', 'groupwork', 'groupwork', 'statements']);
    const [intro, bilanz, zukunft, statements] = phases;
    expect(intro!.title).toMatch(/^Begrüßung und Einführung/);
    expect(bilanz!.question).toBe('Was haben wir in den letzten 3 Jahren gelernt?');
    expect(bilanz!.prompts).toHaveLength(4);
    expect(bilanz!.groups.map((g) => g.composition)).toEqual([
      'gemischt: freie und öffentliche Träger',
      'gemischt: freie und öffentliche Träger',
    ]);
    expect(zukunft!.question).toBe('Was von dem, was wir gelernt haben, wollen wir - auf Dauer - behalten?');
    expect(zukunft!.prompts.map((p) => p.text)).toEqual([
      'Welche Schritte können und müssen wir dafür unternehmen?',
      'Ideen und Anregungen, was muss wodurch/wie unterstützt werden?',
    ]);
    expect(zukunft!.groups.map((g) => g.composition)).toEqual(['Mitarbeitende der FHH', 'Mitarbeitende der freien Träger']);
    expect(statements!.groups.map((g) => g.name)).toEqual(['Regionalleitung', 'Jugendamtsleitung']);
    // The speakers' roles as in the reference protocol; the moderator adds the names on the day.
    expect(statements!.groups.map((g) => g.composition)).toEqual(['Vertretung Regionalleitung', 'Fachamtsleitung Jugend- und Familienhilfe']);
  });

  it('refuses an unknown template', () => {
    expect(() => initSessionFromTemplate(new Y.Doc(), 'party', { title: 'x' })).toThrow(
      expect.objectContaining({ field: 'template' }),
    );
  });
});
