import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { boardRoom, CLOSE, MESSAGE } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import { initSessionFromTemplate } from '@plenum/shared/templates';
import { Connection, type Grant } from '../src/connection.ts';
import { Rooms } from '../src/rooms.ts';
import { Storage } from '../src/storage.ts';
import type { PeerSocket } from '../src/transport.ts';
import { syncStep1, syncUpdate } from '../src/wire.ts';
import { onCleanup, tempDir } from './helpers.ts';

// Rooms and connections without sockets: the server's protocol logic runs
// against an in-memory PeerSocket, which is what transport.ts is for.

class MemorySocket implements PeerSocket {
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
}

function setup() {
  const storage = new Storage(tempDir());
  const rooms = new Rooms(storage, { idleUnloadMs: 60_000, compactEvery: 100 });
  onCleanup(() => {
    rooms.closeAll(CLOSE.goingAway, 'test over');
    storage.close();
  });
  const doc = new Y.Doc();
  initSessionFromTemplate(doc, 'blank', { title: 'Im Speicher' });
  storage.createSession('mem', [], Y.encodeStateAsUpdate(doc));
  const phase = readSession(doc).phases[0]!;
  return { storage, rooms, phase, room: boardRoom('mem', phase.id, phase.groups[0]!.id) };
}

function peer(rooms: Rooms, name: string, role: Grant['role']) {
  const socket = new MemorySocket();
  const conn = new Connection(rooms.open(name), socket, { sessionId: 'mem', role, tokenHash: role }, false);
  conn.open();
  return { socket, conn };
}

function typeOf(message: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(message));
}

describe('rooms over an in-memory transport', () => {
  it('starts with sync step 1, applies a participant update, forwards it after the commit, and closes on garbage', async () => {
    const { rooms, phase, room } = setup();
    const a = peer(rooms, room, 'participant');
    const b = peer(rooms, room, 'viewer');
    expect(a.socket.sent.map(typeOf)).toEqual([MESSAGE.sync]);

    const local = new Y.Doc();
    local.on('update', (update: Uint8Array) => a.conn.receive(syncUpdate(update)));
    addCard(local, { columnId: phase.prompts[0]!.id, text: 'ohne Netz' });
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
});
