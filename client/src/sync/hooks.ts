import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { openSyncedDoc, type SyncedDoc, type SyncState } from './connection.ts';

/** Opens a synced document for as long as the component is mounted (`keepLocalCopy`: see openSyncedDoc). */
export function useSyncedDoc(
  room: string | null,
  token: string,
  params?: Record<string, string>,
  keepLocalCopy = false,
): SyncedDoc | null {
  const [synced, setSynced] = useState<SyncedDoc | null>(null);
  const paramKey = JSON.stringify(params ?? {});
  useEffect(() => {
    if (!room) return;
    const opened = openSyncedDoc(room, token, JSON.parse(paramKey) as Record<string, string>, keepLocalCopy);
    setSynced(opened);
    return () => {
      setSynced(null);
      opened.destroy();
    };
  }, [room, token, paramKey, keepLocalCopy]);
  return synced;
}

/**
 * The document as the server has it, read once: its socket closes after the
 * first sync, and the copy is kept, no longer updated. For documents that do
 * not change while they are shown, where a page would otherwise hold one
 * socket per document (Chromium allows about 255 a page): the protocol
 * view's boards of closed phases and of phases nobody writes in. Null until
 * the sync.
 */
export function useDocReadOnce(room: string | null, token: string): Y.Doc | null {
  const [read, setRead] = useState<Y.Doc | null>(null);
  useEffect(() => {
    if (!room) return;
    const opened = openSyncedDoc(room, token);
    const unsubscribe = opened.subscribe(() => {
      if (!opened.getState().synced) return;
      unsubscribe();
      opened.detach();
      setRead(opened.doc);
    });
    return () => {
      unsubscribe();
      setRead(null);
      opened.destroy();
    };
  }, [room, token]);
  return read;
}

const NO_STATE: SyncState = { status: 'connecting', saved: true, synced: false, restored: false, closed: null, denied: false };

export function useSyncState(synced: SyncedDoc | null): SyncState {
  return useSyncExternalStore(
    (listener) => synced?.subscribe(listener) ?? (() => {}),
    () => synced?.getState() ?? NO_STATE,
  );
}

// A Yjs document as an external store for useSyncExternalStore. The document
// is mutable, so its snapshot is a version number, bumped after every
// transaction that changed it; views are recomputed per version, not per
// render. One store per document, made on first use and kept as long as the
// document (the listener dies with it). It listens to 'afterTransaction', not
// 'update': Yjs encodes every transaction as an update while the document has
// an 'update' listener, and a participant's board loads its local copy with no
// other listener (local-copy.ts), a 500-card board's whole content.
interface DocStore {
  version: number;
  subscribe(listener: () => void): () => void;
}

const stores = new WeakMap<Y.Doc, DocStore>();

function docStore(doc: Y.Doc): DocStore {
  let store = stores.get(doc);
  if (!store) {
    const listeners = new Set<() => void>();
    const created: DocStore = {
      version: 0,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    // Counting here (not in each subscriber) keeps the version right while no
    // component is subscribed, e.g. between a render and its effects.
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (!changedDocument(transaction)) return;
      created.version++;
      for (const listener of [...listeners]) listener();
    });
    stores.set(doc, created);
    store = created;
  }
  return store;
}

/** Whether the transaction changed the document: Yjs's own test for emitting an 'update'. */
function changedDocument(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

const noSubscription = () => () => {};

/**
 * A view of a Yjs document, read with `read` (a pure function of the
 * document, such as the model's read* functions) when the document changed,
 * and re-rendered only when the new view is not `equal` to the last one. The
 * view is there on the first render. `read` and `equal` should be stable
 * (module-level) functions: a new one reads again.
 * The pattern of zustand's useStoreWithEqualityFn over React's
 * useSyncExternalStoreWithSelector, with the document's version as snapshot.
 */
export function useDocView<T>(
  doc: Y.Doc | null | undefined,
  read: (doc: Y.Doc) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T | null {
  const subscribe = useMemo(() => (doc ? docStore(doc).subscribe : noSubscription), [doc]);
  const getView = useMemo(() => {
    if (!doc) return () => null;
    const store = docStore(doc);
    let last: { version: number; view: T } | null = null;
    return () => {
      if (last?.version === store.version) return last.view;
      const view = read(doc);
      last = { version: store.version, view: last && equal(last.view, view) ? last.view : view };
      return last.view;
    };
  }, [doc, read, equal]);
  return useSyncExternalStore(subscribe, getView);
}

/** For useDocView: two lists are equal when they hold the same objects in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
