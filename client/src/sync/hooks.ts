import { useEffect, useState, useSyncExternalStore } from 'react';
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

const NO_STATE: SyncState = { status: 'connecting', saved: true, synced: false, restored: false, closed: null, denied: false };

export function useSyncState(synced: SyncedDoc | null): SyncState {
  return useSyncExternalStore(
    (listener) => synced?.subscribe(listener) ?? (() => {}),
    () => synced?.getState() ?? NO_STATE,
  );
}

/**
 * Reads a view of a Yjs document and re-reads it after every change. `read`
 * must be a pure function of the document (the model's read* functions are).
 */
export function useDocView<T>(doc: Y.Doc | null | undefined, read: (doc: Y.Doc) => T): T | null {
  const [view, setView] = useState<{ doc: Y.Doc; value: T } | null>(null);
  useEffect(() => {
    if (!doc) return;
    const refresh = () => setView({ doc, value: read(doc) });
    refresh();
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
    // `read` is expected to be a stable module-level function.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);
  return view && view.doc === doc ? view.value : null;
}
