import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, updateCardText } from '@plenum/shared/board-doc';
import { CLOSE, MESSAGE } from '@plenum/shared/protocol';
import { syncStep1, syncUpdate } from '../src/wire.ts';
import { frame } from './helpers.ts';
import { memoryPeer, memoryServer, receivedUpdates, typeOf } from './memory.ts';

// Rooms and connections without sockets: the server's protocol logic runs
// against an in-memory PeerSocket (server/test/memory.ts), which is what
// transport.ts is for. No port, no timing.

/** The card texts of a board as stored on disk (snapshot plus log). */
function storedTexts(storage: ReturnType<typeof memoryServer>['storage'], room: string): string[] {
  const doc = new Y.Doc();
  const state = storage.loadDocument(room);
  if (state) Y.applyUpdate(doc, state);
  return readCards(doc).map((c) => c.text);
}

function aRealUpdate(columnId: string): Uint8Array {
  const doc = new Y.Doc();
  addCard(doc, { columnId, text: 'x'.repeat(200) });
  return Y.encodeStateAsUpdate(doc);
}

const MALFORMED: [string, (columnId: string) => Uint8Array][] = [
  ['garbage bytes', () => new Uint8Array([0xff, 0xff, 0xff])],
  ['an empty binary frame', () => new Uint8Array(0)],
  [
    'a truncated sync update (valid header, payload cut short)',
    (columnId) => {
      const whole = syncUpdate(aRealUpdate(columnId));
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
  ],
  ['a well-framed sync update whose payload is not a Yjs update', () => syncUpdate(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))],
  [
    'a well-framed update that is a truncated Yjs update',
    (columnId) => {
      const update = aRealUpdate(columnId);
      return syncUpdate(update.subarray(0, update.length - 20));
    },
  ],
  [
    'a Yjs update cut short inside its delete set (its structs are complete)',
    (columnId) => {
      const doc = new Y.Doc();
      const id = addCard(doc, { columnId, text: 'vorher' });
      updateCardText(doc, id, 'nachher'); // a deletion, so the update ends with a delete set
      const update = Y.encodeStateAsUpdate(doc);
      return syncUpdate(update.subarray(0, update.length - 1));
    },
  ],
  [
    'an unknown sync step',
    () =>
      frame(MESSAGE.sync, (e) => {
        encoding.writeVarUint(e, 7);
        encoding.writeVarUint8Array(e, new Uint8Array([0, 0]));
      }),
  ],
  ['an unknown message type', () => frame(42)],
  ['a malformed awareness update', () => frame(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 1])))],
];

describe('rooms over an in-memory transport', () => {
  it('starts with sync step 1, applies a participant update, forwards it after the commit, and closes on garbage', () => {
    const { rooms, columnId, room } = memoryServer();
    const a = memoryPeer(rooms, room, 'participant');
    const b = memoryPeer(rooms, room, 'viewer');
    expect(a.socket.sent.map(typeOf)).toEqual([MESSAGE.sync]);

    addCard(a.doc, { columnId, text: 'ohne Netz' });
    expect(readCards(rooms.loaded(room)!.doc).map((c) => c.text)).toEqual(['ohne Netz']);
    const before = b.socket.sent.length;
    rooms.commits.flush();
    expect(b.socket.sent.length).toBe(before + 1);

    a.conn.receive(new Uint8Array([MESSAGE.sync, 7]));
    expect(a.socket.closed?.code).toBe(CLOSE.malformed);
    expect(b.socket.closed).toBeNull();
    // The room still answers the viewer.
    b.conn.receive(syncStep1(new Y.Doc()));
    expect(typeOf(b.socket.sent.at(-1)!)).toBe(MESSAGE.sync);
  });

  it.each(MALFORMED)('S7: %s closes only that connection with 4400 and a reason; the room syncs on, the stored doc is intact', (_what, malformed) => {
    const { storage, rooms, columnId, room } = memoryServer();
    const a = memoryPeer(rooms, room, 'participant');
    const b = memoryPeer(rooms, room, 'participant');
    addCard(a.doc, { columnId, text: 'eins' });
    addCard(a.doc, { columnId, text: 'zwei' });
    rooms.commits.flush();
    const rowsBefore = storage.countUpdates(room);

    const bad = memoryPeer(rooms, room, 'participant');
    bad.conn.receive(malformed(columnId));
    expect(bad.socket.closed?.code).toBe(CLOSE.malformed);
    expect(bad.socket.closed?.reason.length).toBeGreaterThan(0);
    rooms.commits.flush();

    // Nothing of the bad message reached the document or the disk.
    expect(storage.countUpdates(room)).toBe(rowsBefore);
    expect(readCards(rooms.loaded(room)!.doc).map((c) => c.text)).toEqual(['eins', 'zwei']);

    // The other connections stay and keep syncing.
    const received = receivedUpdates(b.socket).length;
    addCard(a.doc, { columnId, text: 'drei' });
    rooms.commits.flush();
    expect(receivedUpdates(b.socket).length).toBe(received + 1);
    expect([a.socket.closed, b.socket.closed]).toEqual([null, null]);
    expect(storedTexts(storage, room)).toEqual(['eins', 'zwei', 'drei']);
  });
});

describe('S5 with fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('S5: a room is not unloaded while a connection holds it, and is once it is released', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { rooms, room } = memoryServer({ idleUnloadMs: 50 });
    const a = memoryPeer(rooms, room, 'participant');
    const loaded = rooms.loaded(room);
    // Several idle periods pass; the held room stays the same loaded instance.
    vi.advanceTimersByTime(200);
    expect(rooms.loaded(room)).toBe(loaded);
    a.conn.close(CLOSE.goingAway, 'bye');
    vi.advanceTimersByTime(49);
    expect(rooms.loaded(room)).toBe(loaded);
    vi.advanceTimersByTime(1);
    expect(rooms.loaded(room)).toBeUndefined();
  });
});
