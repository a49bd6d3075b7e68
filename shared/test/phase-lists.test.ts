import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS } from '../src/limits.ts';
import {
  addGroup,
  addPrompt,
  deleteGroup,
  deletePrompt,
  initSession,
  movePrompt,
  readSession,
  restorePrompt,
  updateGroup,
  updatePrompt,
} from '../src/session-doc.ts';

function session() {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Werkstatt' }, [
    { title: 'Bilanz', kind: 'groupwork', prompts: ['a', 'b', 'c'], groups: [{ name: 'G1' }, { name: 'G2' }, { name: 'G3' }] },
  ]);
  const phase = readSession(doc).phases[0]!;
  return { doc, phase };
}

describe('single prompts and groups keep the ids of the others', () => {
  it('removing or moving a prompt leaves every other column id with its text', () => {
    const { doc, phase } = session();
    const [a, b, c] = phase.prompts;
    deletePrompt(doc, phase.id, b!.id);
    movePrompt(doc, phase.id, c!.id, 0);
    updatePrompt(doc, phase.id, a!.id, 'a (neu)');
    const added = addPrompt(doc, phase.id, 'd');
    const prompts = readSession(doc).phases[0]!.prompts;
    expect(prompts.map((p) => [p.id, p.text])).toEqual([
      [c!.id, 'c'],
      [a!.id, 'a (neu)'],
      [added, 'd'],
    ]);
  });

  it('removing a group keeps the ids (boards and links) of the other groups', () => {
    const { doc, phase } = session();
    const [g1, g2, g3] = phase.groups;
    deleteGroup(doc, phase.id, g1!.id);
    updateGroup(doc, phase.id, g3!.id, { composition: 'Mitarbeitende der FHH' });
    const g4 = addGroup(doc, phase.id, { name: 'G4', composition: 'freie Träger' });
    const groups = readSession(doc).phases[0]!.groups;
    expect(groups.map((g) => [g.id, g.name, g.composition])).toEqual([
      [g2!.id, 'G2', ''],
      [g3!.id, 'G3', 'Mitarbeitende der FHH'],
      [g4, 'G4', 'freie Träger'],
    ]);
  });

  it('validates with coded errors and enforces the limits', () => {
    const { doc, phase } = session();
    expect(() => addPrompt(doc, phase.id, ' ')).toThrow(expect.objectContaining({ code: 'required', field: 'prompts' }));
    expect(() => updateGroup(doc, phase.id, phase.groups[0]!.id, { name: '' })).toThrow(
      expect.objectContaining({ code: 'required', field: 'groups' }),
    );
    expect(() => deletePrompt(doc, phase.id, 'nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    for (let i = phase.prompts.length; i < LIMITS.promptsPerPhase; i++) addPrompt(doc, phase.id, `p${i}`);
    expect(() => addPrompt(doc, phase.id, 'one too many')).toThrow(
      expect.objectContaining({ code: 'too_many', limit: LIMITS.promptsPerPhase }),
    );
    expect(readSession(doc).phases[0]!.prompts).toHaveLength(LIMITS.promptsPerPhase);
  });

  it('restoring a removed prompt brings back its id, text and place, so its cards return to it', () => {
    const { doc, phase } = session();
    const [a, b, c] = phase.prompts;
    deletePrompt(doc, phase.id, b!.id);
    restorePrompt(doc, phase.id, b!);
    expect(readSession(doc).phases[0]!.prompts.map((p) => [p.id, p.text])).toEqual([
      [a!.id, 'a'],
      [b!.id, 'b'],
      [c!.id, 'c'],
    ]);
    // Twice is harmless (a second click on "Rückgängig"); a prompt still there is left as it is.
    restorePrompt(doc, phase.id, { ...b!, text: 'anders' });
    expect(readSession(doc).phases[0]!.prompts.map((p) => p.text)).toEqual(['a', 'b', 'c']);
  });

  it('restoring validates like adding: text, id, order and the limit', () => {
    const { doc, phase } = session();
    const b = phase.prompts[1]!;
    deletePrompt(doc, phase.id, b.id);
    expect(() => restorePrompt(doc, phase.id, { ...b, text: ' ' })).toThrow(expect.objectContaining({ code: 'required' }));
    expect(() => restorePrompt(doc, phase.id, { ...b, id: 'not an id!' })).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => restorePrompt(doc, phase.id, { ...b, order: '' })).toThrow(expect.objectContaining({ code: 'invalid' }));
    for (let i = 2; i < LIMITS.promptsPerPhase; i++) addPrompt(doc, phase.id, `p${i}`);
    expect(() => restorePrompt(doc, phase.id, b)).toThrow(expect.objectContaining({ code: 'too_many' }));
  });
});
