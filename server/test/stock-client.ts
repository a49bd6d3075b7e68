import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { MESSAGE } from '@plenum/shared/protocol';
import { readAwarenessEntries } from '../src/wire.ts';

// What the tests and the bench both do against a running server over the
// network: create a workshop, read a token from its link, open the stock
// y-websocket client. Nothing here imports vitest (helpers.ts, which
// registers its afterEach on import, builds on it), so the bench's processes
// and worker threads use it too.

export interface CreatedSession {
  id: string;
  links: { moderator: string; participant: string; viewer: string };
}

export async function createSession(baseUrl: string, body: Record<string, unknown> = {}): Promise<CreatedSession> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Testwerkstatt', template: 'blank', ...body }),
  });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedSession;
}

export function tokenOf(link: string): string {
  const token = new URL(link).hash.match(/t=([^&]+)/)?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** Resolves once `check()` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the first sync with the server is done. */
  synced: Promise<void>;
}

/**
 * The stock y-websocket client in Node, on the server's socket URL
 * (`ws://host:port/ws`); `socket` is the WebSocket class it uses (the bench
 * passes one that notes when each message arrives).
 */
export function openStockClient(
  socketUrl: string,
  room: string,
  token: string | null,
  params: Record<string, string> = {},
  socket: typeof WebSocket = WebSocket,
): StockClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(socketUrl, room, doc, {
    params: token ? { token, ...params } : params,
    WebSocketPolyfill: socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return { doc, provider, synced };
}

/**
 * From now on, the client ids of every awareness message the client is sent,
 * one list per message (the stock client applies each as before).
 */
export function awarenessHeard(client: StockClient): number[][] {
  const messages: number[][] = [];
  const handle = client.provider.messageHandlers[MESSAGE.awareness]!;
  client.provider.messageHandlers[MESSAGE.awareness] = (encoder, decoder, provider, emitSynced, type) => {
    messages.push(readAwarenessEntries(decoding.readVarUint8Array(decoding.clone(decoder))).map((entry) => entry.clientId));
    handle(encoder, decoder, provider, emitSynced, type);
  };
  return messages;
}
