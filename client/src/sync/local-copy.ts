import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { CLOSE } from '@plenum/shared/protocol';

// This browser's copy of a document in IndexedDB (y-indexeddb), so a
// participant who loses the connection, or reloads while offline, keeps what
// they wrote and it merges with the server on return. One database per room,
// named `plenum:<room>`: the room name holds ids only, never a token. The
// copy is dropped when the server says the access is gone for good (session
// deleted 4404, link revoked 4401). Viewers and moderators keep no copy.

export const LOCAL_COPY_PREFIX = 'plenum:';

export function localCopyName(room: string): string {
  return `${LOCAL_COPY_PREFIX}${room}`;
}

/** Close codes after which this browser forgets its copies of the session. */
export function dropsLocalCopies(code: number): boolean {
  return code === CLOSE.revoked || code === CLOSE.sessionDeleted;
}

/**
 * Close codes after which this browser forgets its copy of the one document:
 * the server refused what the page sent (a malformed update, 4400; a write
 * that breaks the board layout, 4422), which is in the copy and would be sent,
 * and refused, again after every reload. What it held that the server lacks
 * was refused with it; the next load starts from the server.
 */
export function dropsThisCopy(code: number): boolean {
  return code === CLOSE.malformed || code === CLOSE.invalidWrite;
}

export interface LocalCopy {
  /**
   * Resolves once the stored copy is merged into the document: with its state
   * vector when it held anything, else null (never stored, or no IndexedDB).
   * Its transaction has this copy as origin, so no undo stack captures it.
   * Changes made to the document before then are not stored.
   */
  readonly restored: Promise<Map<number, number> | null>;
  destroy(): void;
  /** Stops storing and deletes the copy. */
  clear(): Promise<void>;
}

export function openLocalCopy(room: string, doc: Y.Doc): LocalCopy | null {
  if (typeof indexedDB === 'undefined') return null;
  const persistence = new IndexeddbPersistence(localCopyName(room), doc);
  const loaded = persistence.whenSynced.then(() => {
    const vector = Y.decodeStateVector(Y.encodeStateVector(doc));
    return vector.size > 0 ? vector : null;
  });
  // y-indexeddb's whenSynced never settles when the database cannot be opened
  // (a browser that blocks IndexedDB) or reading it fails; the provider waits
  // for `restored` (connection.ts), so those end it too, with nothing loaded.
  // Request errors bubble to the database object; the read starts after this
  // listener is added (both run when the open succeeds, y-indexeddb's first).
  const failed = new Promise<null>((resolve) => {
    persistence._db.then(
      (db) => {
        db.addEventListener('error', () => resolve(null));
        db.addEventListener('abort', () => resolve(null));
      },
      () => resolve(null),
    );
  });
  // Loading is one transaction, and Yjs encodes a transaction as an update
  // only while the document has 'update' listeners; this copy's own ignores
  // its loads. Detached until loaded, the load is not encoded at all (tens of
  // ms of a 500-card board's first render). connection.ts detaches the
  // provider's too and changes nothing before the copy is loaded.
  doc.off('update', persistence._storeUpdate);
  const restored = Promise.race([loaded, failed]).then((vector) => {
    if (!persistence._destroyed) doc.on('update', persistence._storeUpdate);
    return vector;
  });
  return {
    restored,
    destroy: () => void persistence.destroy(),
    clear: () => persistence.clearData(),
  };
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // Blocked: another tab still has it open; it is deleted once that closes.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * Deletes every copy this browser keeps of one session: the session
 * document, boards and private documents (also those not open right now).
 */
export async function clearLocalCopies(sessionId: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const own = (name: string | undefined) =>
    name === localCopyName(sessionId) || (name?.startsWith(`${localCopyName(sessionId)}/`) ?? false);
  // indexedDB.databases() is missing in old browsers: then only the session document's copy goes.
  const names = indexedDB.databases
    ? (await indexedDB.databases().catch(() => [])).map((d) => d.name).filter(own)
    : [localCopyName(sessionId)];
  await Promise.all(names.map((name) => deleteDatabase(name as string)));
}
