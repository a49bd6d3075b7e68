import type { PhaseKind } from '@plenum/shared/session-doc';

/**
 * Group work and statements have a board per group (columns = prompts); the
 * other kinds are only shown to participants (client/src/join/phase-routing.ts).
 */
export function hasBoards(kind: PhaseKind): boolean {
  return kind === 'groupwork' || kind === 'statements';
}
