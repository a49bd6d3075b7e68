import { findPhase } from '@plenum/shared/session-doc';
import type { Connection } from './connection.ts';

// Who may change which document (docs/threat-model.md). Reading is allowed to
// every valid token of the session; writing is decided here, per message, so a
// phase closing takes effect at once for connections already open.

export function mayWrite(conn: Connection): boolean {
  const { role } = conn.grant;
  if (role === 'moderator') return true;
  if (role === 'viewer') return false;
  const address = conn.room.address;
  if (address.kind !== 'board') return false; // the session document is the moderators'
  const sessionDoc = conn.room.sessionRoom?.doc;
  if (!sessionDoc) return false;
  const phase = findPhase(sessionDoc, address.phaseId);
  return phase !== null && phase.status !== 'closed';
}
