import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROLES, type Role, type RoomName } from '@plenum/shared/protocol';
import { readSession, setPhaseFlag, setPhaseStatus, updatePhase, type PhaseStatus } from '@plenum/shared/session-doc';
import { initSessionFromTemplate } from '@plenum/shared/templates';
import { mayWrite } from '../src/access.ts';

// S8's write check is a pure function of (role, room address, session
// document): every role × room × phase state, as one table.

type PhaseState = 'no session document' | 'unknown phase' | `${PhaseStatus}` | `${PhaseStatus}, private writing` | `${PhaseStatus}, revealed`;

const PHASE_STATES: PhaseState[] = [
  'no session document',
  'unknown phase',
  'planned',
  'open',
  'closed',
  'planned, private writing',
  'open, private writing',
  'closed, private writing',
  'open, revealed',
  'closed, revealed',
];

function sessionIn(state: PhaseState): { doc: Y.Doc | null; phaseId: string; groupId: string } {
  const doc = new Y.Doc();
  initSessionFromTemplate(doc, 'blank', { title: 'Tabelle' });
  const phase = readSession(doc).phases[0]!;
  const groupId = phase.groups[0]!.id;
  if (state === 'no session document') return { doc: null, phaseId: phase.id, groupId };
  if (state === 'unknown phase') return { doc, phaseId: 'unknownPhase1', groupId };
  const [status, extra] = state.split(', ') as [PhaseStatus, string | undefined];
  if (extra) updatePhase(doc, phase.id, { privateWriting: true });
  if (extra === 'revealed') setPhaseFlag(doc, phase.id, 'privateRevealed', true);
  setPhaseStatus(doc, phase.id, status);
  return { doc, phaseId: phase.id, groupId };
}

// Participants write a board while its phase is not closed and not in private
// writing; their private document only during private writing before the reveal.
function expected(role: Role, kind: RoomName['kind'], state: PhaseState): boolean {
  if (role === 'moderator') return true;
  if (role === 'viewer' || kind === 'session') return false;
  if (state === 'no session document' || state === 'unknown phase' || state.startsWith('closed')) return false;
  const privateWriting = state.endsWith('private writing');
  return kind === 'private' ? privateWriting : !privateWriting;
}

describe('S8: who may write, every role × room × phase state', () => {
  const rows = ROLES.flatMap((role) =>
    (['session', 'board', 'private'] as const).flatMap((kind) => PHASE_STATES.map((state) => [role, kind, state] as const)),
  );

  it.each(rows)('S8: %s in a %s room, phase %s', (role, kind, state) => {
    const { doc, phaseId, groupId } = sessionIn(state);
    const address: RoomName =
      kind === 'session'
        ? { kind, sessionId: 'tabelle1' }
        : kind === 'board'
          ? { kind, sessionId: 'tabelle1', phaseId, groupId }
          : { kind, sessionId: 'tabelle1', phaseId, groupId, writerId: 'writer1' };
    expect(mayWrite(role, address, doc)).toBe(expected(role, kind, state));
  });

  it('the table covers both answers for participants in every room kind but the session', () => {
    for (const kind of ['board', 'private'] as const) {
      const answers = new Set(PHASE_STATES.map((state) => expected('participant', kind, state)));
      expect(answers).toEqual(new Set([true, false]));
    }
  });
});
