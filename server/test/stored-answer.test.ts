import net from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { CLOSE, MESSAGE, SYNC } from '@plenum/shared/protocol';
import { SCHEMA_VERSION } from '@plenum/shared/schema';
import { Storage } from '../src/storage.ts';
import { digestOf, PartsDigest, sentVector, storedAnswer } from '../src/stored-answer.ts';
import { api, connect, createSession, firstBoard, frame, onCleanup, rawSocket, startServer, tempDir, tokenOf, waitFor, writerAndObserver, wsUrl } from './helpers.ts';

// The first client of a room that is not loaded yet is sent the room's
// stored snapshot and log before the room loads (docs/sync-spec.md, S1;
// server/src/stored-answer.ts), then only what it lacks beyond them.

/** A board stored as a snapshot (a clean shutdown) and one update logged after it, as a write between two compactions leaves it. */
async function storedBoard() {
  const dataDir = tempDir();
  const first = await startServer({ dataDir });
  const { session, token, board, writer, observer } = await writerAndObserver(first.url);
  for (let i = 0; i < 20; i++) addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i} im Snapshot` });
  await waitFor(() => readCards(observer.doc).length === 20, 5000, 'the cards at the observer');
  observer.provider.destroy();
  await first.close();
  writer.provider.destroy();
  const storage = new Storage(dataDir);
  try {
    const before = Y.encodeStateVector(writer.doc);
    const logged = addCard(writer.doc, { columnId: board.columnId, text: 'im Log' });
    storage.appendUpdates(board.room, session.id, [Y.encodeStateAsUpdate(writer.doc, before)]);
    return { dataDir, token, board, writer, logged, parts: storage.storedParts(board.room) };
  } finally {
    storage.close();
  }
}

interface Received {
  type: number;
  step: number | null;
  payload: Uint8Array;
}

/** A raw socket that records every message from the first byte on (rawSocket resolves after 'open', which may be too late). */
function recordingSocket(url: string) {
  const messages: Received[] = [];
  const ws = new WebSocket(url);
  onCleanup(() => ws.terminate());
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    const step = type === MESSAGE.sync ? decoding.readVarUint(decoder) : null;
    messages.push({ type, step, payload: step === null ? new Uint8Array() : decoding.readVarUint8Array(decoder) });
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, opened };
}

const isSync = (step: number) => (m: Received) => m.type === MESSAGE.sync && m.step === step;

describe('the stored document, sent before the room loads', () => {
  it('S1: the first client of a board not loaded yet gets its stored log and snapshot first, then only what it lacks beyond them', async () => {
    const { dataDir, token, board, writer, logged, parts } = await storedBoard();
    expect(parts).toHaveLength(2);
    const server = await startServer({ dataDir });
    expect(server.rooms.loaded(board.room)).toBeUndefined();

    const socket = recordingSocket(`${wsUrl(server.url)}/${board.room}?token=${token}`);
    await waitFor(() => socket.messages.some(isSync(SYNC.step1)), 5000, "the server's sync step 1");
    // Before the server's step 1, which it sends once the room is loaded: the log, then the snapshot byte for byte.
    const [log, snapshot] = socket.messages;
    expect(log).toMatchObject({ type: MESSAGE.sync, step: SYNC.update });
    expect(Buffer.from(log!.payload).equals(Buffer.from(parts[1]!))).toBe(true);
    expect(snapshot).toMatchObject({ type: MESSAGE.sync, step: SYNC.step2 });
    expect(Buffer.from(snapshot!.payload).equals(Buffer.from(parts[0]!))).toBe(true);
    expect(socket.messages.findIndex(isSync(SYNC.step1))).toBe(2);

    // Its own step 1 (sent, as the stock client does, before it read anything) is answered with what it lacks: nothing here.
    const emptyVector = Y.encodeStateVector(new Y.Doc());
    socket.ws.send(frame(MESSAGE.sync, (e) => {
      encoding.writeVarUint(e, SYNC.step1);
      encoding.writeVarUint8Array(e, emptyVector);
    }));
    await waitFor(() => socket.messages.filter(isSync(SYNC.step2)).length === 2, 5000, 'the answer to the step 1');
    const answer = socket.messages.filter(isSync(SYNC.step2))[1]!;
    expect(answer.payload.length).toBeLessThan(parts[0]!.length / 10);
    const doc = new Y.Doc();
    for (const m of socket.messages.filter((m) => m.type === MESSAGE.sync && m.step !== SYNC.step1)) Y.applyUpdate(doc, m.payload);
    expect(readCards(doc).map((c) => c.id).sort()).toEqual(readCards(writer.doc).map((c) => c.id).sort());
    expect(readCards(doc).map((c) => c.id)).toContain(logged);
    // Nothing was encoded for it: the room answered from what it loaded.
    expect(server.rooms.loaded(board.room)!.wholeAnswerEncodes).toBe(0);
  });

  it('S1: the stock client opens a board not loaded yet with all of it, writes at once, and the write is stored and forwarded', async () => {
    const { dataDir, token, board, writer, logged } = await storedBoard();
    const server = await startServer({ dataDir });
    const first = connect(server.url, board.room, token);
    await first.synced;
    expect(readCards(first.doc).map((c) => c.id)).toContain(logged);
    expect(readCards(first.doc)).toHaveLength(readCards(writer.doc).length);
    // Written as soon as the client is synced, whether or not the room has loaded by then.
    const id = addCard(first.doc, { columnId: board.columnId, text: 'gleich nach dem Öffnen' });
    const second = connect(server.url, board.room, token);
    await second.synced;
    await waitFor(() => readCards(second.doc).some((c) => c.id === id), 5000, 'the write at a second client');
    await server.close();
    const storage = new Storage(dataDir);
    try {
      const stored = new Y.Doc();
      storage.applyStored(stored, board.room, null);
      expect(readCards(stored).map((c) => c.id)).toContain(id);
    } finally {
      storage.close();
    }
  });

  it('S1: a group opening a board not loaded yet together: everyone gets all of it, and everyone’s first card reaches everyone', async () => {
    const { dataDir, token, board, writer, logged } = await storedBoard();
    const server = await startServer({ dataDir });
    const group = Array.from({ length: 6 }, () => connect(server.url, board.room, token));
    await Promise.all(group.map((c) => c.synced));
    for (const member of group) expect(readCards(member.doc).map((c) => c.id)).toContain(logged);
    const ids = group.map((member, i) => addCard(member.doc, { columnId: board.columnId, text: `Karte von ${i}` }));
    for (const member of group) {
      await waitFor(() => ids.every((id) => readCards(member.doc).some((c) => c.id === id)), 5000, 'every first card at every member');
      expect(readCards(member.doc)).toHaveLength(readCards(writer.doc).length + ids.length);
    }
  });

  it('S1: a snapshot older than this server’s schema mark is loaded first, as before: the first message is the step 1 of the loaded room', async () => {
    const { dataDir, token, board, parts } = await storedBoard();
    const storage = new Storage(dataDir);
    // As a server of an older schema left it: written before this schema was first seen in the file.
    storage.db.prepare('UPDATE documents SET updated_at = ? WHERE name = ?').run(storage.schemaSince - 1, board.room);
    storage.close();
    const server = await startServer({ dataDir });
    const socket = recordingSocket(`${wsUrl(server.url)}/${board.room}?token=${token}`);
    await waitFor(() => socket.messages.length > 0, 5000, 'a first message');
    expect(socket.messages[0]).toMatchObject({ type: MESSAGE.sync, step: SYNC.step1 });
    expect(socket.messages.some((m) => Buffer.from(m.payload).equals(Buffer.from(parts[0]!)))).toBe(false);
  });

  it('S1: a database opened by a server of another document schema moves the mark past every snapshot in it, even one dated ahead', () => {
    const dataDir = tempDir();
    let storage = new Storage(dataDir);
    const mark = storage.schemaSince;
    storage.close();
    storage = new Storage(dataDir);
    expect(storage.schemaSince).toBe(mark);
    const ahead = Date.now() + 3_600_000;
    storage.db.prepare("INSERT INTO sessions (id, created_at) VALUES ('s', 0)").run();
    storage.compact('s', 's', Y.encodeStateAsUpdate(new Y.Doc()), ahead);
    storage.db.prepare("UPDATE storage_meta SET value = ? WHERE key = 'document_schema'").run(JSON.stringify({ ...SCHEMA_VERSION, board: SCHEMA_VERSION.board - 1 }));
    storage.close();
    storage = new Storage(dataDir);
    expect(storage.schemaSince).toBeGreaterThan(ahead);
    storage.close();
  });
});

/**
 * A websocket opened by hand that stops reading once the server's 101 has
 * arrived: a stored board larger than the socket buffers cannot be handed
 * to the network, so the connection waits for its room to load until the
 * client reads again (`closeCode` reads everything, then the close frame).
 */
async function stalledSocket(baseUrl: string, path: string) {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  onCleanup(() => void socket.destroy());
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const first = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
  socket.pause();
  expect(first.subarray(0, 12).toString('latin1')).toBe('HTTP/1.1 101');
  return {
    /** A masked binary frame (the mask key is zero, so the payload is as it is). */
    send(payload: Uint8Array) {
      socket.write(Buffer.concat([Buffer.from([0x82, 0x80 | payload.length, 0, 0, 0, 0]), payload]));
    },
    closeCode(): Promise<number> {
      let data = first.subarray(first.indexOf('\r\n\r\n') + 4);
      return new Promise((resolve, reject) => {
        const scan = () => {
          for (;;) {
            if (data.length < 2) return;
            let length = data[1]! & 0x7f;
            let at = 2;
            if (length === 126) [length, at] = [data.length < 4 ? Infinity : data.readUInt16BE(2), 4];
            else if (length === 127) [length, at] = [data.length < 10 ? Infinity : Number(data.readBigUInt64BE(2)), 10];
            if (data.length < at + length) return;
            if ((data[0]! & 0x0f) === 8) return resolve(data.readUInt16BE(at));
            data = data.subarray(at + length);
          }
        };
        socket.on('data', (chunk: Buffer) => {
          data = Buffer.concat([data, chunk]);
          scan();
        });
        socket.once('close', () => reject(new Error('closed without a close frame')));
        scan();
        socket.resume();
      });
    },
  };
}

/** A session whose first board is stored as a snapshot of about 24 MB (more than a socket holds while its reader waits). */
async function bigStoredBoard() {
  const dataDir = tempDir();
  const first = await startServer({ dataDir });
  const session = await createSession(first.url);
  const board = await firstBoard(first.url, session.id, tokenOf(session.links.participant));
  // Opened once, so the board's layout is stored as its snapshot on the clean shutdown.
  const opener = connect(first.url, board.room, tokenOf(session.links.participant));
  await opener.synced;
  opener.destroy();
  await first.close();
  const storage = new Storage(dataDir);
  try {
    const doc = new Y.Doc();
    storage.applyStored(doc, board.room, null);
    const filler = 'x'.repeat(100_000);
    doc.getArray<string>('filler').push(Array.from({ length: 240 }, () => filler));
    storage.compact(board.room, session.id, Y.encodeStateAsUpdate(doc));
  } finally {
    storage.close();
  }
  return { dataDir, session, board };
}

describe('a first client that is still being sent the stored board', () => {
  it('S1: is closed when its link is revoked (4401), and the room is not loaded for it', async () => {
    const { dataDir, session, board } = await bigStoredBoard();
    const server = await startServer({ dataDir });
    const token = tokenOf(session.links.participant);
    const client = await stalledSocket(server.url, `/ws/${board.room}?token=${token}`);
    const res = await api(server.url, 'POST', `/api/sessions/${session.id}/links/participant/regenerate`, { token: tokenOf(session.links.moderator) });
    expect(res.status).toBe(200);
    expect(await client.closeCode()).toBe(CLOSE.revoked);
    expect(server.rooms.loaded(board.room)).toBeUndefined();
  });

  it('counts towards the workshop’s MAX_CONNECTIONS_PER_SESSION', async () => {
    const { dataDir, session, board } = await bigStoredBoard();
    const server = await startServer({ dataDir, admission: { maxConnectionsPerSession: 1 } });
    const token = tokenOf(session.links.participant);
    await stalledSocket(server.url, `/ws/${board.room}?token=${token}`);
    expect(server.rooms.loaded(board.room)).toBeUndefined();
    expect(await rawSocket(`${wsUrl(server.url)}/${session.id}?token=${token}`)).toEqual({ status: 503 });
  });

  it('S10: what it sends meanwhile is bounded like a burst: past it, it is closed with 4429', async () => {
    const { dataDir, session, board } = await bigStoredBoard();
    const server = await startServer({ dataDir });
    const client = await stalledSocket(server.url, `/ws/${board.room}?token=${tokenOf(session.links.participant)}`);
    const query = frame(MESSAGE.queryAwareness);
    for (let i = 0; i <= 1000; i++) client.send(query);
    expect(await client.closeCode()).toBe(CLOSE.tooManyMessages);
    expect(server.rooms.loaded(board.room)).toBeUndefined();
  });
});

describe('stored-answer.ts', () => {
  const writes = (clientID: number, texts: string[]) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const text of texts) doc.getArray<string>('a').push([text]);
    return { doc, updates };
  };

  it('a snapshot alone is one step 2; with a log, the merged log comes first', () => {
    const { doc, updates } = writes(7, ['a', 'b', 'c']);
    const snapshot = Y.mergeUpdates(updates.slice(0, 1));
    expect(storedAnswer([snapshot]).messages).toHaveLength(1);
    const answer = storedAnswer([snapshot, ...updates.slice(1)]);
    expect(answer.messages).toHaveLength(2);
    const readBack = new Y.Doc();
    for (const message of answer.messages) {
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(MESSAGE.sync);
      decoding.readVarUint(decoder);
      Y.applyUpdate(readBack, decoding.readVarUint8Array(decoder));
    }
    expect(readBack.getArray('a').toArray()).toEqual(doc.getArray('a').toArray());
    expect(() => storedAnswer([])).toThrow();
  });

  it('sentVector: the larger clock of the two for each writer; without the loaded vector, only writers the base holds from the start', () => {
    const one = writes(1, ['x', 'y']);
    const two = writes(2, ['p', 'q', 'r']);
    // The base holds writer 1 whole and writer 2 from its second change on: Yjs cannot vouch for writer 2.
    const base = Y.mergeUpdates([...one.updates, ...two.updates.slice(1)]);
    const asked = Y.encodeStateVector(new Map([[2, 1], [3, 5]]));
    const fromBytes = Y.decodeStateVector(sentVector(asked, { digest: 'other', base }, null));
    expect(Object.fromEntries(fromBytes)).toEqual({ 1: 2, 2: 1, 3: 5 });
    const loaded = Y.encodeStateVector(new Map([[1, 2], [2, 3]]));
    const fromLoad = Y.decodeStateVector(sentVector(asked, { digest: 'same', base }, loaded));
    expect(Object.fromEntries(fromLoad)).toEqual({ 1: 2, 2: 3, 3: 5 });
  });

  it('the digest tells parts apart by where they split, and is the same fed at once or one by one', () => {
    const [a, b, c] = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([1])];
    expect(digestOf([a, b])).not.toBe(digestOf([c, new Uint8Array([2, 3])]));
    const fed = new PartsDigest();
    fed.add(a);
    fed.add(b);
    expect(fed.value()).toBe(digestOf([a, b]));
  });
});
