import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE } from '@plenum/shared/protocol';

// One Yjs document kept in sync with the server through the stock
// y-websocket provider. Adds two things the UI needs: a connection status and
// "saved", which Plenum's server reports with MESSAGE.saved (its state
// vector once our updates are on disk; we opt in with `saved=1`).

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface SyncState {
  status: ConnectionStatus;
  /** The server holds every local change. */
  saved: boolean;
  /** The first sync with the server has completed. */
  synced: boolean;
  /** The server closed for good (4400–4499): revoked link, deleted session, bad message. */
  closed: { code: number; reason: string } | null;
  /** The server refused a write (read-only role or closed phase). */
  denied: boolean;
}

export interface SyncedDoc {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  getState(): SyncState;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

export function wsBase(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

function localClock(doc: Y.Doc): number {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
}

export function openSyncedDoc(room: string, token: string, extraParams: Record<string, string> = {}): SyncedDoc {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase(), room, doc, {
    params: { token, saved: '1', ...extraParams },
    disableBc: true,
  });
  let state: SyncState = { status: 'connecting', saved: true, synced: false, closed: null, denied: false };
  let serverClock = 0;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<SyncState>) => {
    const next = { ...state, ...patch };
    if (Object.entries(patch).every(([k, v]) => state[k as keyof SyncState] === v)) return;
    state = next;
    for (const l of listeners) l();
  };
  const refreshSaved = () => set({ saved: serverClock >= localClock(doc) });

  provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => {
    const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    serverClock = Math.max(serverClock, vector.get(doc.clientID) ?? 0);
    refreshSaved();
  };
  const readAuth = provider.messageHandlers[MESSAGE.auth];
  provider.messageHandlers[MESSAGE.auth] = (encoder, decoder, p, emitSynced, type) => {
    set({ denied: true });
    readAuth?.(encoder, decoder, p, emitSynced, type);
  };
  provider.on('status', ({ status }) => {
    set({ status: status === 'connected' ? 'online' : status === 'connecting' ? 'connecting' : 'offline' });
  });
  provider.on('sync', (synced: boolean) => {
    if (synced) {
      // After a (re)connect the server has our state merged once it syncs:
      // its step 2 is only sent after it read our step 1 and step 2.
      set({ synced: true });
    }
  });
  provider.on('closed', (event) => set({ closed: event, status: 'offline' }));
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) refreshSaved();
  };
  doc.on('update', onUpdate);

  return {
    doc,
    provider,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      doc.off('update', onUpdate);
      provider.destroy();
      doc.destroy();
    },
  };
}
