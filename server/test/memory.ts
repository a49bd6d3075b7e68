import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { PeerLimits } from '@plenum/shared/limits';
import { boardRoom, CLOSE, MESSAGE, SYNC, type Role } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import { initSessionFromTemplate } from '@plenum/shared/templates';
import { Connection } from '../src/connection.ts';
import { Rooms, type RoomsOptions } from '../src/rooms.ts';
import { Storage } from '../src/storage.ts';
import type { PeerSocket } from '../src/transport.ts';
import { syncUpdate } from '../src/wire.ts';
import { onCleanup, tempDir } from './helpers.ts';

// Rooms and connections without sockets or ports (as tldraw's TestSocketPair):
// the server's protocol logic runs against an in-memory PeerSocket, with real
// SQLite underneath. Commits happen when a test calls `rooms.commits.flush()`
// (or at the end of the event-loop turn).

export class MemorySocket implements PeerSocket {
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  /** A peer that does not read: everything sent stays buffered. */
  reading = true;
  bufferedAmount = 0;
  send(data: Uint8Array): void {
    this.sent.push(data);
    if (!this.reading) this.bufferedAmount += data.length;
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
}

/** A storage with one session (blank template) and its Rooms; everything is closed after the test. */
export function memoryServer(options: Partial<RoomsOptions> = {}) {
  const storage = new Storage(tempDir());
  const rooms = new Rooms(storage, { idleUnloadMs: 60_000, compactEvery: 100, ...options });
  onCleanup(() => {
    rooms.closeAll(CLOSE.goingAway, 'test over');
    storage.close();
  });
  const doc = new Y.Doc();
  initSessionFromTemplate(doc, 'blank', { title: 'Im Speicher' });
  storage.createSession('mem', [], Y.encodeStateAsUpdate(doc));
  const phase = readSession(doc).phases[0]!;
  return { storage, rooms, phase, columnId: phase.prompts[0]!.id, room: boardRoom('mem', phase.id, phase.groups[0]!.id) };
}

export interface MemoryPeer {
  socket: MemorySocket;
  conn: Connection;
  /** A replica that sends its own changes to the server (as the stock client does). */
  doc: Y.Doc;
}

/** A connection on room `name`; its replica's changes are sent as sync updates. */
export function memoryPeer(rooms: Rooms, name: string, role: Role, wantsSaved = false, limits?: PeerLimits): MemoryPeer {
  const socket = new MemorySocket();
  const conn = new Connection(rooms.open(name), socket, { sessionId: 'mem', role, tokenHash: role }, wantsSaved, limits);
  conn.open();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(rooms.loaded(name)!.doc), 'server');
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'server') conn.receive(syncUpdate(update));
  });
  return { socket, conn, doc };
}

export function typeOf(message: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(message));
}

/** The Yjs updates among the messages a socket was sent (sync step 2 and update). */
export function receivedUpdates(socket: MemorySocket): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const message of socket.sent) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE.sync) continue;
    if (decoding.readVarUint(decoder) === SYNC.step1) continue;
    updates.push(decoding.readVarUint8Array(decoder));
  }
  return updates;
}
