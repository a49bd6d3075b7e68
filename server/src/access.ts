import type * as Y from 'yjs';
import { writerIdFor, type Role, type RoomName } from '@plenum/shared/protocol';
import { findPhaseAccess } from '@plenum/shared/session-doc';

// Who may change which document (docs/threat-model.md). Reading is allowed to
// every valid token of the session; writing is decided here, per message, so a
// phase closing takes effect at once for connections already open. Both checks
// are pure functions of what they are given, so a table test covers every case.

/**
 * May a connection with `role` change the document at `address`? `sessionDoc`
 * is the session's loaded document (its phases say what is open); without it
 * only moderators write.
 */
export function mayWrite(role: Role, address: RoomName, sessionDoc: Y.Doc | null): boolean {
  if (role === 'moderator') return true;
  if (role === 'viewer') return false;
  if (address.kind === 'session') return false; // the session document is the moderators'
  if (!sessionDoc) return false;
  const phase = findPhaseAccess(sessionDoc, address.phaseId);
  if (phase === null || phase.status === 'closed') return false;
  // During private writing participants write only their own document; after
  // the reveal only the board.
  const privatePhase = phase.privateWriting && !phase.privateRevealed;
  return address.kind === 'private' ? privatePhase : !privatePhase;
}

/**
 * Who may open a room at all (checked at the upgrade, 403 otherwise). Every
 * token of the session may read its session and board documents; a private
 * document only its writer (who proves it with the `writer` secret) and moderators.
 */
export function mayOpen(role: Role, address: RoomName, writerSecret: string | null): boolean {
  if (address.kind !== 'private' || role === 'moderator') return true;
  return role === 'participant' && writerSecret !== null && writerIdFor(writerSecret) === address.writerId;
}
