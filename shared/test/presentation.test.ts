import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError } from '../src/errors.ts';
import { present, readPresentation, sameTarget, stopPresenting } from '../src/presentation.ts';
import { deleteGroup, deletePhase, initSession, readPhases } from '../src/session-doc.ts';

// Presenter mode (issue 10): one key of the session document says what every
// page shows; readers ignore what is broken or points nowhere.

function workshop() {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Bilanz' }, [
    { title: 'Bilanzgespräch', kind: 'groupwork', prompts: ['Zusammenarbeit'], groups: [{ name: 'AG 1' }, { name: 'AG 2' }] },
  ]);
  const phase = readPhases(doc)[0]!;
  return { doc, phase, g1: phase.groups[0]!.id, g2: phase.groups[1]!.id, column: phase.prompts[0]!.id };
}

describe('presentation', () => {
  it('is null until the moderator presents, then each kind reads back with only its own fields', () => {
    const { doc, phase, g1, column } = workshop();
    expect(readPresentation(doc)).toBeNull();
    present(doc, { kind: 'card', phaseId: phase.id, groupId: g1, cardId: 'card1' }, 1000);
    expect(readPresentation(doc)).toEqual({ kind: 'card', phaseId: phase.id, groupId: g1, cardId: 'card1', since: 1000 });
    present(doc, { kind: 'column', phaseId: phase.id, groupId: g1, columnId: column, cardId: 'x' } as never, 2000);
    expect(readPresentation(doc)).toEqual({ kind: 'column', phaseId: phase.id, groupId: g1, columnId: column, since: 2000 });
    present(doc, { kind: 'summary', phaseId: phase.id }, 3000);
    expect(readPresentation(doc)).toEqual({ kind: 'summary', phaseId: phase.id, since: 3000 });
    present(doc, { kind: 'item', phaseId: phase.id, itemId: 'item1' }, 4000);
    expect(readPresentation(doc)?.kind).toBe('item');
    stopPresenting(doc);
    expect(readPresentation(doc)).toBeNull();
  });

  it('refuses a target of an unknown phase or group, or with a field that is not an id', () => {
    const { doc, phase, g1 } = workshop();
    const refused = (target: unknown) => {
      try {
        present(doc, target as never);
      } catch (error) {
        return error instanceof ModelError ? error.code : 'other';
      }
      return 'accepted';
    };
    expect(refused({ kind: 'board', phaseId: 'nophase', groupId: g1 })).toBe('not_found');
    expect(refused({ kind: 'board', phaseId: phase.id, groupId: 'nogroup' })).toBe('not_found');
    expect(refused({ kind: 'card', phaseId: phase.id, groupId: g1, cardId: 'a b' })).toBe('invalid');
    expect(refused({ kind: 'everything', phaseId: phase.id })).toBe('invalid');
    expect(readPresentation(doc)).toBeNull();
  });

  it('reads as null when what was written is damaged, or its phase or group is gone', () => {
    const { doc, phase, g1, g2 } = workshop();
    doc.getMap('presentation').set('current', { kind: 'board', phaseId: phase.id });
    expect(readPresentation(doc)).toBeNull();
    doc.getMap('presentation').set('current', 'board');
    expect(readPresentation(doc)).toBeNull();
    present(doc, { kind: 'board', phaseId: phase.id, groupId: g2 });
    deleteGroup(doc, phase.id, g2);
    expect(readPresentation(doc)).toBeNull();
    present(doc, { kind: 'board', phaseId: phase.id, groupId: g1 });
    deletePhase(doc, phase.id);
    expect(readPresentation(doc)).toBeNull();
  });

  it('two moderators presenting at once converge on one presentation (last writer wins)', () => {
    const a = workshop();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
    present(a.doc, { kind: 'board', phaseId: a.phase.id, groupId: a.g1 }, 1);
    present(b, { kind: 'board', phaseId: a.phase.id, groupId: a.g2 }, 2);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
    expect(readPresentation(a.doc)).toEqual(readPresentation(b));
    expect(readPresentation(a.doc)).not.toBeNull();
  });

  it('sameTarget compares what is shown, not when', () => {
    const { phase, g1, g2 } = workshop();
    const board = { kind: 'board', phaseId: phase.id, groupId: g1 } as const;
    expect(sameTarget(board, { ...board, since: 5 } as never)).toBe(true);
    expect(sameTarget(board, { ...board, groupId: g2 })).toBe(false);
    expect(sameTarget(null, board)).toBe(false);
    expect(sameTarget(null, null)).toBe(true);
  });
});
