import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardTextType, deleteCard, readCards } from '@plenum/shared/board-doc';
import { CLOSE } from '@plenum/shared/protocol';
import { syncStep1, syncUpdate } from '../src/wire.ts';
import { updateWithEmptyItem, updateWithOriginAhead } from './crafted-updates.ts';
import { memoryPeer, memoryServer, receivedUpdates } from './memory.ts';

// S7, all or nothing: an update that Y.decodeUpdate accepts but whose
// application throws (issue 8, items 2 and 3). Yjs integrates an update struct
// by struct and emits what it integrated even when a later struct throws, so
// without a guard its first part is applied, forwarded and stored.

const EVIL_CLIENT = 987654321;

function loads(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

function quietly<T>(fn: () => T): T {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return fn();
  } finally {
    spy.mockRestore();
  }
}

describe('S7: an update whose application throws', () => {
  it('S7: regression (left origin ahead of its own clock): nothing of it is applied, forwarded or stored; only the sender is closed', () => {
    const { storage, rooms, columnId, room } = memoryServer();
    const a = memoryPeer(rooms, room, 'participant');
    const b = memoryPeer(rooms, room, 'participant');
    addCard(a.doc, { columnId, text: 'vorher' });
    rooms.commits.flush();
    const rows = storage.countUpdates(room);
    const forwarded = receivedUpdates(b.socket).length;

    const evil = memoryPeer(rooms, room, 'participant');
    const update = updateWithOriginAhead(EVIL_CLIENT, 'cards', 'evil', 'halb');
    expect(() => Y.decodeUpdate(update)).not.toThrow();
    quietly(() => evil.conn.receive(syncUpdate(update)));
    expect(evil.socket.closed?.code).toBe(CLOSE.malformed);
    rooms.commits.flush();

    const doc = rooms.loaded(room)!.doc;
    expect(doc.getMap('cards').has('evil')).toBe(false);
    expect(Y.decodeStateVector(Y.encodeStateVector(doc)).has(EVIL_CLIENT)).toBe(false);
    expect(receivedUpdates(b.socket).length).toBe(forwarded);
    expect(storage.countUpdates(room)).toBe(rows);
    expect(loads(storage.loadDocument(room)).getMap('cards').has('evil')).toBe(false);
    expect([a.socket.closed, b.socket.closed]).toEqual([null, null]);
  });

  it('S7: after it, writers carry on, a new joiner syncs, and the room unloads and reloads', () => {
    const { storage, rooms, columnId, room } = memoryServer();
    const a = memoryPeer(rooms, room, 'participant');
    const b = memoryPeer(rooms, room, 'participant');
    addCard(a.doc, { columnId, text: 'vorher' });
    // Uncommitted changes of others in the same turn survive the rejection.
    addCard(b.doc, { columnId, text: 'gleichzeitig' });
    const evil = memoryPeer(rooms, room, 'participant');
    quietly(() => evil.conn.receive(syncUpdate(updateWithOriginAhead(EVIL_CLIENT, 'cards', 'evil', 'halb'))));
    rooms.commits.flush();

    addCard(a.doc, { columnId, text: 'nachher' });
    rooms.commits.flush();
    const texts = ['gleichzeitig', 'nachher', 'vorher'];
    const sorted = (doc: Y.Doc) => readCards(doc).map((c) => c.text).sort();
    expect(sorted(rooms.loaded(room)!.doc)).toEqual(texts);
    for (const update of receivedUpdates(b.socket)) Y.applyUpdate(b.doc, update, 'server');
    expect(sorted(b.doc)).toEqual(texts);

    const joiner = memoryPeer(rooms, room, 'viewer');
    joiner.conn.receive(syncStep1(new Y.Doc()));
    expect(joiner.socket.closed).toBeNull();
    const fresh = new Y.Doc();
    for (const update of receivedUpdates(joiner.socket)) Y.applyUpdate(fresh, update);
    expect(sorted(fresh)).toEqual(texts);
    expect(fresh.getMap('cards').has('evil')).toBe(false);

    for (const peer of [a, b, joiner]) peer.conn.close(CLOSE.goingAway, 'done');
    rooms.closeAll(CLOSE.goingAway, 'unload');
    expect(sorted(loads(storage.loadDocument(room)))).toEqual(texts);
  });

  it('S7: regression (an item of length 0 in a card’s text, found by the update fuzz): refused as malformed; the card can still be deleted, and the room survives a rebuild', () => {
    const { storage, rooms, columnId, room } = memoryServer();
    const writer = memoryPeer(rooms, room, 'participant');
    const attacker = memoryPeer(rooms, room, 'participant');
    const id = addCard(writer.doc, { columnId, text: 'abc' });
    rooms.commits.flush();
    const first = (cardTextType(rooms.loaded(room)!.doc, id) as unknown as { _start: Y.Item })._start;
    quietly(() => attacker.conn.receive(syncUpdate(updateWithEmptyItem(EVIL_CLIENT, { client: first.id.client, clock: first.id.clock + first.length - 1 }))));
    rooms.commits.flush();
    expect(attacker.socket.closed?.code).toBe(CLOSE.malformed);
    expect(Y.decodeStateVector(Y.encodeStateVector(rooms.loaded(room)!.doc)).has(EVIL_CLIENT)).toBe(false);
    // Deleting the card is an ordinary write again: it reaches the server and is stored.
    for (const update of receivedUpdates(writer.socket)) Y.applyUpdate(writer.doc, update, 'server');
    expect(() => deleteCard(writer.doc, id)).not.toThrow();
    rooms.commits.flush();
    expect(readCards(rooms.loaded(room)!.doc)).toEqual([]);
    // A later refused update rebuilds the room from storage: that still works.
    const other = memoryPeer(rooms, room, 'participant');
    quietly(() => other.conn.receive(syncUpdate(updateWithOriginAhead(EVIL_CLIENT + 1, 'cards', 'k', 'x'))));
    expect(other.socket.closed?.code).toBe(CLOSE.malformed);
    expect(writer.socket.closed).toBeNull();
    expect(rooms.loaded(room)).toBeDefined();
    expect(readCards(loads(storage.loadDocument(room)))).toEqual([]);
  });
});
