import * as Y from 'yjs';
import { boardKey } from '@plenum/shared/protocol-draft/build';
import { parseRoom } from '@plenum/shared/protocol';
import { migrate, schemaVersionOf, SCHEMA_VERSION } from '@plenum/shared/schema';
import { namedDoc } from '../named-doc.ts';
import type { Rooms } from '../rooms.ts';
import type { Storage } from '../storage.ts';

// The documents of a session as the export and the backup read them: fresh
// Y.Docs made from stored states (now or of a named snapshot), each migrated
// to this code's schema, or (now) a loaded room's own document. Only the
// copies change; storage and the rooms' documents are never written.

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
        // Named by its room, as a loaded room's document is (named-doc.ts):
        // a session of 150 boards would otherwise draw 150 random guids.
        const doc = namedDoc(name);
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

/**
 * The session's documents as they are now. A loaded room's document is read
 * in place: it was migrated when the room loaded (Room.load), and the export
 * reads it synchronously, so no update can come in between. Encoding it and
 * applying that to a copy cost a 2,000-card board about 150 ms and as much
 * again in garbage collection (docs/benchmarks.md, "Protocol export").
 * Documents no room holds are copied from storage as by documentsFrom;
 * `destroy` destroys only those copies.
 */
export function currentDocuments(ctx: { storage: Storage; rooms: Rooms }, sessionId: string): SessionDocuments {
  /** The loaded documents, by board key (null: the session document). */
  const live = new Map<string | null, Y.Doc>();
  const stored = new Map<string, Uint8Array>();
  // As for a snapshot (sessionStates): what the commit thread holds is stored first, so every document is listed.
  ctx.rooms.commits.flush();
  for (const name of ctx.storage.documentNames(sessionId)) {
    const address = parseRoom(name);
    if (address?.kind !== 'session' && address?.kind !== 'board') continue;
    const doc = ctx.rooms.loaded(name)?.doc;
    if (doc && schemaVersionOf(doc) === SCHEMA_VERSION[address.kind]) {
      live.set(address.kind === 'board' ? boardKey(address.phaseId, address.groupId) : null, doc);
      continue;
    }
    const state = doc ? Y.encodeStateAsUpdate(doc) : ctx.storage.loadDocument(name);
    if (state) stored.set(name, state);
  }
  const copies = documentsFrom(stored);
  const boards = new Map(copies.boards);
  for (const [key, doc] of live) if (key !== null) boards.set(key, doc);
  return { session: live.get(null) ?? copies.session, boards, destroy: copies.destroy };
}
