import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE, parseRoom } from '@plenum/shared/protocol';
import { forgetRole } from '../state/known-role.ts';
import { ConnectGate, gatedWebSocket } from './gated-websocket.ts';
import { clearLocalCopies, dropsLocalCopies, dropsThisCopy, openLocalCopy } from './local-copy.ts';

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
  /** This browser's stored copy (local-copy.ts) was loaded and had content: it can be shown before any sync. */
  restored: boolean;
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
  /** Stops syncing: the socket closes for good, the document stays as it is (until destroy). */
  detach(): void;
  destroy(): void;
}

export function wsBase(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

/**
 * Every websocket of the page, the providers' reconnects too, opens through
 * one gate: at most six handshakes at once (gated-websocket.ts says why).
 */
const PageWebSocket = gatedWebSocket(new ConnectGate(6));

function localClock(doc: Y.Doc): number {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
}

/**
 * `keepLocalCopy`: also keep the document in IndexedDB (participants), so it
 * survives a reload while the server is away.
 */
export function openSyncedDoc(
  room: string,
  token: string,
  extraParams: Record<string, string> = {},
  keepLocalCopy = false,
): SyncedDoc {
  const doc = new Y.Doc();
  // With a local copy the provider connects once the copy is loaded, so its
  // first sync step names what the copy holds: the server answers with only
  // what is new, and the copy is not sent back whole as an update (on a big
  // board, 100 kB each way and most of a first render's Yjs work on each
  // side). Whatever was written here while the server was away goes in the
  // client's answer to the server's sync step.
  const localCopy = keepLocalCopy ? openLocalCopy(room, doc) : null;
  const provider = new WebsocketProvider(wsBase(), room, doc, {
    params: { token, saved: '1', ...extraParams },
    disableBc: true,
    connect: localCopy === null,
    WebSocketPolyfill: PageWebSocket,
  });
  // Not encoded for the provider either (local-copy.ts): unconnected, it would drop it anyway.
  if (localCopy) doc.off('update', provider._updateHandler);
  let state: SyncState = { status: 'connecting', saved: true, synced: false, restored: false, closed: null, denied: false };
  // What the server has on disk (its 'saved' state vectors), and what it must
  // have before this tab counts as saved: this tab's own changes and whatever
  // the local copy brought back (it may hold changes of an earlier load,
  // written under another client id, that never reached the server).
  const serverVector = new Map<number, number>();
  const required = new Map<number, number>();
  const listeners = new Set<() => void>();
  const set = (patch: Partial<SyncState>) => {
    const next = { ...state, ...patch };
    if (Object.entries(patch).every(([k, v]) => state[k as keyof SyncState] === v)) return;
    state = next;
    for (const l of listeners) l();
  };
  const refreshSaved = () => {
    required.set(doc.clientID, localClock(doc));
    set({ saved: [...required].every(([client, clock]) => (serverVector.get(client) ?? 0) >= clock) });
  };

  provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => {
    const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    for (const [client, clock] of vector) serverVector.set(client, Math.max(serverVector.get(client) ?? 0, clock));
    refreshSaved();
  };
  void localCopy?.restored.then((vector) => {
    if (doc.isDestroyed) return;
    doc.on('update', provider._updateHandler);
    doc.on('update', onUpdate);
    provider.connect();
    if (!vector) return;
    for (const [client, clock] of vector) required.set(client, Math.max(required.get(client) ?? 0, clock));
    refreshSaved();
    set({ restored: true });
  });
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
  provider.on('closed', (event) => {
    set({ closed: event, status: 'offline' });
    const sessionId = parseRoom(room)?.sessionId;
    if (localCopy && sessionId && dropsLocalCopies(event.code)) {
      // The access is gone for good: what this browser kept of the session goes too.
      localCopy.destroy();
      forgetRole(sessionId);
      void clearLocalCopies(sessionId);
    } else if (localCopy && dropsThisCopy(event.code)) {
      void localCopy.clear();
    }
  });
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) refreshSaved();
  };
  if (!localCopy) doc.on('update', onUpdate);

  return {
    doc,
    provider,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    detach() {
      doc.off('update', onUpdate);
      localCopy?.destroy();
      provider.destroy();
    },
    destroy() {
      this.detach();
      doc.destroy();
    },
  };
}
