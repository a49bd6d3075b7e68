import * as Y from 'yjs';
import { boardKey } from '@plenum/shared/protocol-draft/build';
import { parseRoom } from '@plenum/shared/protocol';
import { migrate } from '@plenum/shared/schema';

// The documents of a session as the export and the backup read them: fresh
// Y.Docs made from stored states (now or of a named snapshot), each migrated
// to this code's schema. Only these copies change; storage is never written.

export interface SessionDocuments {
  session: Y.Doc;
  /** Board documents keyed by `boardKey(phaseId, groupId)`. */
  boards: Map<string, Y.Doc>;
  destroy(): void;
}

/**
 * Private rooms are left out: cards not yet revealed are nobody else's to read.
 * A document of a newer schema than this code throws ModelError schema_too_new.
 */
export function documentsFrom(states: Map<string, Uint8Array>): SessionDocuments {
  const session = new Y.Doc();
  const boards = new Map<string, Y.Doc>();
  const destroy = () => {
    session.destroy();
    for (const doc of boards.values()) doc.destroy();
  };
  try {
    for (const [name, state] of states) {
      const address = parseRoom(name);
      if (address?.kind === 'session') {
        Y.applyUpdate(session, state);
        migrate(session, 'session');
      } else if (address?.kind === 'board') {
        const doc = new Y.Doc();
        boards.set(boardKey(address.phaseId, address.groupId), doc);
        Y.applyUpdate(doc, state);
        migrate(doc, 'board');
      }
    }
  } catch (error) {
    destroy();
    throw error;
  }
  return { session, boards, destroy };
}
