import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hasBoards, initSession, PHASE_KINDS, readSession, setCurrentPhase, type Phase } from '@plenum/shared/session-doc';
import { currentPhase, resolveGroup } from './phase-routing.ts';

// Which screen a participant sees, from a real session document.

function phaseWith(groupNames: string[]): Phase {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Werkstatt' }, [{ title: 'Gruppenarbeit', kind: 'groupwork', groups: groupNames.map((name) => ({ name })) }]);
  return readSession(doc).phases[0]!;
}

describe('phase routing', () => {
  it('follows the current phase of the session, and none before the moderator starts one', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Werkstatt' }, [{ title: 'Ankommen' }, { title: 'Gruppenarbeit', kind: 'groupwork' }]);
    expect(currentPhase(readSession(doc))).toBeNull();
    const second = readSession(doc).phases[1]!;
    setCurrentPhase(doc, second.id);
    expect(currentPhase(readSession(doc))?.title).toBe('Gruppenarbeit');
  });

  it('gives boards to group work and statements only', () => {
    expect(PHASE_KINDS.filter(hasBoards)).toEqual([
      'groupwork',
      'statements',
    ]);
  });
});

describe('resolveGroup', () => {
  const phase = phaseWith(['A', 'B', 'C']);
  const [a, b] = phase.groups;

  it('takes the group the link names, and then there is nothing to choose', () => {
    expect(resolveGroup(phase, b!.id, a!.id)).toEqual({ group: b, fixedByLink: true, choosable: false });
  });

  it('else the group remembered for this phase, which may be changed', () => {
    expect(resolveGroup(phase, null, a!.id)).toEqual({ group: a, fixedByLink: false, choosable: true });
  });

  it('ignores a link or remembered group that is not in this phase, so the person is asked', () => {
    const other = phaseWith(['X']).groups[0]!.id;
    expect(resolveGroup(phase, other, other)).toEqual({ group: null, fixedByLink: false, choosable: true });
    expect(resolveGroup(phase, null, undefined)).toEqual({ group: null, fixedByLink: false, choosable: true });
  });

  it('takes the only group of a phase without asking', () => {
    const single = phaseWith(['Alle']);
    expect(resolveGroup(single, null, undefined)).toEqual({ group: single.groups[0], fixedByLink: false, choosable: false });
  });

  it('has nothing to show or choose in a phase without groups', () => {
    expect(resolveGroup(phaseWith([]), null, undefined)).toEqual({ group: null, fixedByLink: false, choosable: false });
  });
});
