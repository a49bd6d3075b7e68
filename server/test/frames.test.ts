import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { MAX_MESSAGE_BYTES } from '@plenum/shared/limits';
import { CLOSE, MESSAGE, SYNC } from '@plenum/shared/protocol';
import {
  closed,
  connect,
  createSession,
  firstBoard,
  frame,
  rawSocket,
  roundTrip,
  startServer,
  storedCards,
  tokenOf,
  waitFor,
  wsUrl,
} from './helpers.ts';

// What a peer sends is checked: a malformed message closes that connection
// only (docs/api.md#close-codes); the room, its other clients and the stored
// document are unaffected.

async function open(url: string): Promise<WebSocket> {
  const result = await rawSocket(url);
  if (!('ws' in result)) throw new Error(`upgrade refused with ${result.status}`);
  return result.ws;
}

/** Sends a sync step 1 and resolves with the step 2 answer (so every earlier message was handled). */
function rawRoundTrip(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === MESSAGE.sync && decoding.readVarUint(decoder) === SYNC.step2) {
        ws.off('message', onMessage);
        resolve();
      }
    };
    ws.on('message', onMessage);
    ws.send(
      frame(MESSAGE.sync, (e) => {
        encoding.writeVarUint(e, SYNC.step1);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
      }),
    );
  });
}

function syncUpdate(payload: Uint8Array): Uint8Array {
  return frame(MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, SYNC.update);
    encoding.writeVarUint8Array(e, payload);
  });
}

async function setup() {
  const server = await startServer();
  const session = await createSession(server.url);
  const token = tokenOf(session.links.participant);
  const board = await firstBoard(server.url, session.id, token);
  const a = connect(server.url, board.room, token);
  const b = connect(server.url, board.room, token);
  await Promise.all([a.synced, b.synced]);
  const before = [
    addCard(a.doc, { columnId: board.columnId, text: 'eins' }),
    addCard(a.doc, { columnId: board.columnId, text: 'zwei' }),
  ];
  await waitFor(() => readCards(b.doc).length === 2, 5000, 'cards on b');
  await roundTrip(a);
  const url = `${wsUrl(server.url)}/${board.room}?token=${token}`;
  return { server, session, token, board, a, b, before, url };
}

describe('S7: malformed frames close only the sending connection', () => {
  // Malformed binary messages are checked over the in-memory transport
  // (memory-transport.test.ts); text frames exist only on a real websocket.
  it('S7: a text frame closes that connection with 4400; the room syncs on, the stored doc is intact', async () => {
    const { server, token, board, a, b, before, url } = await setup();
    const bystander = await open(url);
    await rawRoundTrip(bystander);
    const rowsBefore = server.storage.countUpdates(board.room);

    const ws = await open(url);
    await rawRoundTrip(ws);
    const whenClosed = closed(ws);
    ws.send('hallo');
    const { code, reason } = await whenClosed;
    expect(code).toBe(CLOSE.malformed);
    expect(reason.length).toBeGreaterThan(0);
    expect(server.storage.countUpdates(board.room)).toBe(rowsBefore);

    // The other connections stay and keep syncing.
    const after = addCard(a.doc, { columnId: board.columnId, text: 'drei' });
    await waitFor(() => readCards(b.doc).some((c) => c.id === after), 5000, 'card after the bad frame');
    await rawRoundTrip(bystander);
    expect(bystander.readyState).toBe(bystander.OPEN);
    await roundTrip(a);
    expect(storedCards(server, board.room)).toEqual([...before, after]);
    const reader = connect(server.url, board.room, token);
    await reader.synced;
    expect(readCards(reader.doc).map((c) => c.text)).toEqual(['eins', 'zwei', 'drei']);
  });

  it('S7: a frame over MAX_MESSAGE_BYTES closes that connection with 1009; the room syncs on', async () => {
    const { server, board, a, b, before, url } = await setup();
    const ws = await open(url);
    await rawRoundTrip(ws);
    const whenClosed = closed(ws);
    // A well-formed update, only too big: the size alone decides.
    const doc = new Y.Doc();
    doc.getMap('cards').set('blob', new Uint8Array(MAX_MESSAGE_BYTES));
    ws.send(syncUpdate(Y.encodeStateAsUpdate(doc)));
    expect((await whenClosed).code).toBe(CLOSE.tooLarge);

    const after = addCard(a.doc, { columnId: board.columnId, text: 'drei' });
    await waitFor(() => readCards(b.doc).some((c) => c.id === after), 5000, 'card after the big frame');
    await roundTrip(a);
    expect(storedCards(server, board.room)).toEqual([...before, after]);
    expect(server.rooms.loaded(board.room)!.doc.getMap('cards').has('blob')).toBe(false);
  }, 90_000);

  it('a frame just under the limit is read whole and judged by its content (S11), not refused for its size', async () => {
    const { server, board, url } = await setup();
    const ws = await open(url);
    const doc = new Y.Doc();
    addCard(doc, { columnId: board.columnId, text: 'groß' });
    doc.getMap('extra').set('blob', new Uint8Array(MAX_MESSAGE_BYTES - 1024));
    const message = syncUpdate(Y.encodeStateAsUpdate(doc));
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const closing = closed(ws);
    ws.send(message);
    // Not 1009: the frame fits. Its 'extra' map is not part of the board
    // layout, so the write is refused (the largest legal board is saved
    // whole: backlog.test.ts).
    expect((await closing).code).toBe(CLOSE.invalidWrite);
    expect(server.rooms.loaded(board.room)!.doc.share.has('extra')).toBe(false);
  }, 90_000); // a 16 MiB frame, stored and sent to two clients
});

/** An awareness message with the given entries, written as y-protocols does. */
function awareness(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId);
    encoding.writeVarUint(update, entry.clock);
    encoding.writeVarString(update, JSON.stringify(entry.state));
  }
  return frame(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(update)));
}

describe('awareness', () => {
  it("a connection cannot overwrite or remove another connection's awareness client id", async () => {
    const { server, board, a, b, url } = await setup();
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada', 5000, 'Ada on b');

    const intruder = await open(url);
    intruder.send(
      awareness([
        { clientId: a.doc.clientID, clock: 1000, state: { user: { name: 'Mallory' } } },
        { clientId: 4242, clock: 1, state: { user: { name: 'Eve' } } },
      ]),
    );
    intruder.send(awareness([{ clientId: a.doc.clientID, clock: 1001, state: null }]));
    await rawRoundTrip(intruder);
    await roundTrip(b);

    const states = server.rooms.loaded(board.room)!.awareness.getStates();
    expect(states.get(a.doc.clientID)).toEqual({ user: { name: 'Ada' } });
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Ada' } });
    // Its own id was accepted (so the refusal above is about ownership).
    expect(states.get(4242)).toEqual({ user: { name: 'Eve' } });
    expect(b.provider.awareness.getStates().get(4242)).toEqual({ user: { name: 'Eve' } });
    expect(intruder.readyState).toBe(intruder.OPEN);

    // Ada still updates her own state.
    a.provider.awareness.setLocalStateField('user', { name: 'Ada L.' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada L.', 5000, 'update');

    // When the intruder leaves, only its own id goes.
    intruder.close();
    await waitFor(() => !server.rooms.loaded(board.room)!.awareness.getStates().has(4242), 5000, 'Eve removed');
    expect(server.rooms.loaded(board.room)!.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Ada L.' } });
  });

  it('a viewer may set at most its own one awareness client id', async () => {
    const { server, session, board } = await setup();
    const viewer = await open(`${wsUrl(server.url)}/${board.room}?token=${tokenOf(session.links.viewer)}`);
    viewer.send(
      awareness([
        { clientId: 11, clock: 1, state: { user: { name: 'erste' } } },
        { clientId: 12, clock: 1, state: { user: { name: 'zweite' } } },
      ]),
    );
    viewer.send(awareness([{ clientId: 13, clock: 1, state: { user: { name: 'dritte' } } }]));
    viewer.send(awareness([{ clientId: 11, clock: 2, state: { user: { name: 'erste, neu' } } }]));
    await rawRoundTrip(viewer);
    const states = server.rooms.loaded(board.room)!.awareness.getStates();
    expect(states.get(11)).toEqual({ user: { name: 'erste, neu' } });
    expect(states.has(12)).toBe(false);
    expect(states.has(13)).toBe(false);
    expect(viewer.readyState).toBe(viewer.OPEN);
  });
});
