import Database from 'better-sqlite3';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { boardRoom, CLOSE, MESSAGE, SYNC } from '@plenum/shared/protocol';
import { readMeta, readSession, updateMeta } from '@plenum/shared/session-doc';
import {
  api,
  captureLogger,
  closed,
  type Client,
  connect,
  createSession,
  firstBoard,
  frame,
  localClock,
  rawSocket,
  roundTrip,
  startServer,
  storedCards,
  tempDir,
  tokenOf,
  waitFor,
} from './helpers.ts';
import { Storage } from '../src/storage.ts';

/** Installs a handler for Plenum's "saved" message; returns the state vectors received. */
function collectSaved(client: Client): Map<number, number>[] {
  const received: Map<number, number>[] = [];
  client.provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => {
    received.push(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
  };
  return received;
}

function updateRows(server: { storage: { db: Database.Database } }, name: string): number {
  return (server.storage.db.prepare('SELECT COUNT(*) AS n FROM updates WHERE name = ?').get(name) as { n: number }).n;
}

/** How a raw connection ends: the HTTP status it was refused with, or the code it was closed with after it opened. */
async function outcome(url: string): Promise<{ status: number } | { code: number }> {
  const opened = await rawSocket(url);
  if ('status' in opened) return opened;
  return { code: (await closed(opened.ws)).code };
}

describe('persistence', () => {
  it('S3: session and board data survive a clean restart', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    const session = await createSession(first.url, { title: 'Vorher' });
    const moderator = tokenOf(session.links.moderator);
    const board = await firstBoard(first.url, session.id, moderator);
    const writer = connect(first.url, session.id, moderator);
    const cards = connect(first.url, board.room, moderator);
    await Promise.all([writer.synced, cards.synced]);
    updateMeta(writer.doc, { title: 'Nachher' });
    const ids = [
      addCard(cards.doc, { columnId: board.columnId, text: 'eins' }),
      addCard(cards.doc, { columnId: board.columnId, text: 'zwei' }),
    ];
    // A sync step 1 is answered only after everything before it is committed.
    await Promise.all([roundTrip(writer), roundTrip(cards)]);
    writer.destroy();
    cards.destroy();
    await first.close();

    const second = await startServer({ dataDir });
    const sessionAgain = connect(second.url, session.id, moderator);
    const boardAgain = connect(second.url, board.room, moderator);
    await Promise.all([sessionAgain.synced, boardAgain.synced]);
    expect(readMeta(sessionAgain.doc).title).toBe('Nachher');
    expect(readCards(boardAgain.doc).map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(readCards(boardAgain.doc).map((c) => c.text)).toEqual(['eins', 'zwei']);
  });

  it('S5: a room without connections is flushed and unloaded after idleUnloadMs, and reloads intact', async () => {
    const server = await startServer({ idleUnloadMs: 50 });
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    const a = connect(server.url, board.room, token);
    await a.synced;
    const id = addCard(a.doc, { columnId: board.columnId, text: 'bleibt' });
    await roundTrip(a);
    expect(server.rooms.loaded(board.room)).toBeDefined();
    a.destroy();
    await waitFor(() => server.rooms.loaded(board.room) === undefined, 5000, 'board room unloaded');
    // The session room is held by its boards only: it goes once they are gone.
    await waitFor(() => server.rooms.loaded(session.id) === undefined, 5000, 'session room unloaded');
    expect(server.rooms.size).toBe(0);
    expect(storedCards(server, board.room)).toEqual([id]);
    // Unloading compacts: the log was folded into the snapshot (S4).
    expect(updateRows(server, board.room)).toBe(0);

    const b = connect(server.url, board.room, token);
    await b.synced;
    expect(readCards(b.doc).map((c) => [c.id, c.text])).toEqual([[id, 'bleibt']]);
  });

  // S5 "not unloaded while held" runs on fake timers: memory-transport.test.ts.

  it('S4: the update log is compacted into a snapshot every compactEvery updates, and on unload', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, compactEvery: 5 });
    const session = await createSession(first.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(first.url, session.id, token);
    const writer = connect(first.url, board.room, token);
    await writer.synced;
    const ids: string[] = [];
    let maxRows = 0;
    for (let i = 0; i < 20; i++) {
      ids.push(addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i}` }));
      await roundTrip(writer);
      maxRows = Math.max(maxRows, updateRows(first, board.room));
    }
    expect(maxRows).toBeLessThan(5);
    const snapshot = first.storage.db.prepare('SELECT snapshot FROM documents WHERE name = ?').get(board.room) as
      | { snapshot: Buffer | null }
      | undefined;
    expect(snapshot?.snapshot?.length).toBeGreaterThan(0);
    expect(storedCards(first, board.room).sort()).toEqual([...ids].sort());
    writer.destroy();
    await first.close();

    const second = await startServer({ dataDir, compactEvery: 5 });
    // Shutdown unloads every room, and unloading compacts.
    expect(updateRows(second, board.room)).toBe(0);
    const reader = connect(second.url, board.room, token);
    await reader.synced;
    expect(readCards(reader.doc).map((c) => c.text)).toEqual(ids.map((_, i) => `Karte ${i}`));
  });

  it('named snapshots: a moderator saves and lists them; other roles get 403', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const moderator = tokenOf(session.links.moderator);
    const participant = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, participant);
    const writer = connect(server.url, board.room, participant);
    await writer.synced;
    addCard(writer.doc, { columnId: board.columnId, text: 'im Schnappschuss' });
    await roundTrip(writer);

    const created = await api(server.url, 'POST', `/api/sessions/${session.id}/snapshots`, {
      token: moderator,
      body: { label: 'Nach Phase 1' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ label: 'Nach Phase 1', documents: 2 });
    const snapshotId = (created.body as { id: number }).id;

    const listed = await api(server.url, 'GET', `/api/sessions/${session.id}/snapshots`, { token: moderator });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      snapshots: [{ id: snapshotId, label: 'Nach Phase 1', createdAt: expect.any(Number), documents: 2 }],
    });
    // The stored snapshot holds the board as it was.
    const states = server.storage.snapshotDocuments(session.id, snapshotId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, states.get(board.room)!);
    expect(readCards(doc).map((c) => c.text)).toEqual(['im Schnappschuss']);

    for (const token of [participant, tokenOf(session.links.viewer)]) {
      const post = await api(server.url, 'POST', `/api/sessions/${session.id}/snapshots`, { token, body: { label: 'x' } });
      expect(post.status).toBe(403);
      const get = await api(server.url, 'GET', `/api/sessions/${session.id}/snapshots`, { token });
      expect(get.status).toBe(403);
    }
    const noLabel = await api(server.url, 'POST', `/api/sessions/${session.id}/snapshots`, { token: moderator, body: {} });
    expect(noLabel.status).toBe(400);
    expect(noLabel.body).toMatchObject({ error: { code: 'required', field: 'label' } });
    const after = await api(server.url, 'GET', `/api/sessions/${session.id}/snapshots`, { token: moderator });
    expect((after.body as { snapshots: unknown[] }).snapshots).toHaveLength(1);
  });

  it("S3: 'saved' (type 100) comes only to connections that asked for it, after the update is on disk", async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir });
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    const withSaved = connect(server.url, board.room, token, { saved: '1' });
    const without = connect(server.url, board.room, token);
    await Promise.all([withSaved.synced, without.synced]);
    // Past the answers to the initial sync (including the 'saved' for the step 2).
    await Promise.all([roundTrip(withSaved), roundTrip(without)]);
    const acks = collectSaved(withSaved);
    const unwanted = collectSaved(without);
    // A separate SQLite connection sees only what was committed.
    const disk = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true });
    const onDisk = () => {
      const doc = new Y.Doc();
      for (const row of disk.prepare('SELECT snapshot AS data FROM documents WHERE name = ? UNION ALL SELECT data FROM updates WHERE name = ?').all(board.room, board.room) as { data: Buffer | null }[]) {
        if (row.data) Y.applyUpdate(doc, row.data);
      }
      const ids = readCards(doc).map((c) => c.id);
      doc.destroy();
      return ids;
    };
    const seenOnDiskAtAck: string[][] = [];
    const original = withSaved.provider.messageHandlers[MESSAGE.saved]!;
    withSaved.provider.messageHandlers[MESSAGE.saved] = (...args) => {
      seenOnDiskAtAck.push(onDisk());
      original(...args);
    };
    const seenOnDiskAtBroadcast: string[][] = [];
    without.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === without.provider) seenOnDiskAtBroadcast.push(onDisk());
    });

    const id = addCard(withSaved.doc, { columnId: board.columnId, text: 'gesichert' });
    const clock = localClock(withSaved.doc);
    await waitFor(() => acks.some((sv) => (sv.get(withSaved.doc.clientID) ?? 0) >= clock), 5000, 'saved ack');
    await waitFor(() => readCards(without.doc).length === 1, 5000, 'broadcast');
    // The other connection writes too, and is not answered with 'saved'.
    addCard(without.doc, { columnId: board.columnId, text: 'ohne Quittung' });
    await roundTrip(without);
    await waitFor(() => readCards(withSaved.doc).length === 2, 5000, 'second card');
    disk.close();

    expect(unwanted).toEqual([]);
    expect(seenOnDiskAtAck.length).toBeGreaterThan(0);
    for (const ids of seenOnDiskAtAck) expect(ids).toContain(id);
    expect(seenOnDiskAtBroadcast.length).toBeGreaterThan(0);
    for (const ids of seenOnDiskAtBroadcast) expect(ids).toContain(id);
    // The ack is the server's state vector at that commit: the writer's clock
    // and everything else the server had then.
    const last = acks[acks.length - 1]!;
    expect(last.get(withSaved.doc.clientID)).toBe(clock);
    const serverVector = Y.decodeStateVector(Y.encodeStateVector(server.rooms.loaded(board.room)!.doc));
    serverVector.delete(without.doc.clientID);
    expect(last).toEqual(serverVector);
  });

  it("S3: a client whose 'saved' was lost gets it on reconnect, though its changes are stored already", async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    const writer = connect(server.url, board.room, token, { saved: '1' });
    await writer.synced;
    let deliver = false;
    let acked = 0;
    writer.provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => {
      const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      if (deliver) acked = Math.max(acked, vector.get(writer.doc.clientID) ?? 0);
    };
    const id = addCard(writer.doc, { columnId: board.columnId, text: 'schon gespeichert' });
    await roundTrip(writer); // committed; its 'saved' is lost (as with a connection that dropped)
    expect(storedCards(server, board.room)).toEqual([id]);

    deliver = true;
    writer.provider.disconnect();
    writer.provider.connect();
    await waitFor(() => writer.provider.synced, 5000, 'resynced');
    await roundTrip(writer);
    expect(acked).toBe(localClock(writer.doc));
  });

  it("S3: 'saved' with a raw client: the payload is the server's state vector", async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    const opened = await rawSocket(`${server.url.replace(/^http/, 'ws')}/ws/${board.room}?token=${token}&saved=1`);
    if (!('ws' in opened)) throw new Error(`refused: ${opened.status}`);
    const { ws } = opened;
    const saved = new Promise<Uint8Array>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) === MESSAGE.saved) resolve(decoding.readVarUint8Array(decoder));
      });
    });
    const doc = new Y.Doc();
    addCard(doc, { columnId: board.columnId, text: 'roh' });
    const update = Y.encodeStateAsUpdate(doc);
    ws.send(
      frame(MESSAGE.sync, (e) => {
        encoding.writeVarUint(e, SYNC.update);
        encoding.writeVarUint8Array(e, update);
      }),
    );
    const vector = Y.decodeStateVector(await saved);
    expect(vector.get(doc.clientID)).toBe(localClock(doc));
  });

  it('S1: a document that cannot be loaded refuses the connection with 503; the server and other sessions go on', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    const broken = await createSession(first.url, { title: 'Kaputt' });
    const healthy = await createSession(first.url, { title: 'Heil' });
    const brokenBoard = await firstBoard(first.url, broken.id, tokenOf(broken.links.moderator));
    await first.close();

    const log = captureLogger('error');
    const server = await startServer({ dataDir, logger: log.logger });
    expect(server.rooms.size).toBe(0);
    server.storage.db.prepare("UPDATE documents SET snapshot = x'ff00ff' WHERE name = ?").run(broken.id);
    const ws = `${server.url.replace(/^http/, 'ws')}/ws`;
    const token = tokenOf(broken.links.participant);
    // Its stored bytes go out before the load finds them broken (S1): the connection is closed with 4500.
    expect(await outcome(`${ws}/${broken.id}?token=${token}`)).toEqual({ code: CLOSE.storageError });
    // A board needs its session document, which is loaded before the upgrade: it is refused with 503.
    expect(await outcome(`${ws}/${brokenBoard.room}?token=${token}`)).toEqual({ status: 503 });
    // Not cached as an empty room: trying again fails again.
    expect(await outcome(`${ws}/${broken.id}?token=${token}`)).toEqual({ code: CLOSE.storageError });
    expect(log.lines.some((line) => line.includes('could not load a document'))).toBe(true);
    expect(server.rooms.loaded(broken.id)).toBeUndefined();
    expect(server.rooms.loaded(brokenBoard.room)).toBeUndefined();
    // Nothing was written over the stored (broken) state.
    const row = server.storage.db.prepare('SELECT hex(snapshot) AS hex FROM documents WHERE name = ?').get(broken.id);
    expect(row).toEqual({ hex: 'FF00FF' });
    expect(updateRows(server, broken.id)).toBe(0);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const other = connect(server.url, healthy.id, tokenOf(healthy.links.viewer));
    await other.synced;
    expect(readSession(other.doc).meta.title).toBe('Heil');
    const healthyBoard = await firstBoard(server.url, healthy.id, tokenOf(healthy.links.participant));
    expect(boardRoom(healthy.id, healthyBoard.phaseId, healthyBoard.groupId)).toBe(healthyBoard.room);
  });

  it("S1: a corrupt entry in a board's update log refuses that board with 503; its session and other boards go on", async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    const session = await createSession(first.url, { template: 'bilanz-zukunft' });
    const token = tokenOf(session.links.participant);
    const sessionClient = connect(first.url, session.id, token);
    await sessionClient.synced;
    const phase = readSession(sessionClient.doc).phases.find((p) => p.groups.length >= 2)!;
    const brokenRoom = boardRoom(session.id, phase.id, phase.groups[0]!.id);
    const okRoom = boardRoom(session.id, phase.id, phase.groups[1]!.id);
    for (const room of [brokenRoom, okRoom]) {
      const writer = connect(first.url, room, token);
      await writer.synced;
      addCard(writer.doc, { columnId: phase.prompts[0]!.id, text: room === okRoom ? 'heil' : 'kaputt' });
      await roundTrip(writer);
      writer.destroy();
    }
    sessionClient.destroy();
    await first.close();

    const server = await startServer({ dataDir });
    server.storage.db
      .prepare("INSERT INTO updates (name, session_id, data) VALUES (?, ?, x'0102030405')")
      .run(brokenRoom, session.id);
    const ws = `${server.url.replace(/^http/, 'ws')}/ws`;
    const originalError = console.error;
    console.error = () => {};
    try {
      expect(await outcome(`${ws}/${brokenRoom}?token=${token}`)).toEqual({ code: CLOSE.storageError });
    } finally {
      console.error = originalError;
    }
    expect(server.rooms.loaded(brokenRoom)).toBeUndefined();
    const ok = connect(server.url, okRoom, token);
    const sessionAgain = connect(server.url, session.id, token);
    await Promise.all([ok.synced, sessionAgain.synced]);
    expect(readCards(ok.doc).map((c) => c.text)).toEqual(['heil']);
    expect(readSession(sessionAgain.doc).phases.length).toBe(4);
  });

  // A log grows long when the server stops before it compacts (kill -9 after
  // a busy hour). Storage merges it in groups (Y.mergeUpdates of all at once
  // takes minutes for 50,000 updates, server/bench/big-board.ts); the result
  // must be the very update one merge of all of them gives, what is missing
  // for an update that arrived before the one it builds on included.
  it('S3: a long log of several writers loads as one merge of all its updates would give, byte for byte', () => {
    const storage = new Storage(tempDir());
    try {
      const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      const log: Uint8Array[] = [];
      for (const doc of writers) doc.on('update', (update: Uint8Array) => log.push(update));
      const texts = writers.map((doc) => doc.getText('t'));
      const exchange = () => {
        for (const a of writers) for (const b of writers) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      };
      for (let i = 0; i < 1500; i++) {
        const text = texts[i % 3]!;
        if (i % 7 === 6) text.delete(0, Math.min(1, text.length));
        else text.insert(i % (text.length + 1), String.fromCharCode(97 + (i % 26)));
        // Now and then the writers exchange what they have, so later updates build on each other's.
        if (i % 50 === 49) exchange();
      }
      exchange();
      // The newest update first: it lacks what it builds on until the rest is merged in.
      const stored = [log.at(-1)!, ...log.slice(0, -1)];
      storage.createSession('lang', [], Y.encodeStateAsUpdate(new Y.Doc()));
      storage.compact('lang/board', 'lang', stored[0]!);
      storage.appendUpdates('lang/board', 'lang', stored.slice(1));

      const loaded = storage.loadDocument('lang/board')!;
      expect(Buffer.from(loaded).equals(Buffer.from(Y.mergeUpdates(stored)))).toBe(true);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, loaded);
      expect(doc.getText('t').toString()).toBe(texts[0]!.toString());

      // What a room loads (applyStored: each stored update applied in turn, in
      // one transaction) is the same document, whatever order the log holds.
      const applied = new Y.Doc();
      const origins = new Set<unknown>();
      applied.on('afterTransaction', (transaction: Y.Transaction) => origins.add(transaction.origin));
      expect(storage.applyStored(applied, 'lang/board', 'load')).toBe(true);
      expect(Buffer.from(Y.encodeStateAsUpdate(applied)).equals(Buffer.from(Y.encodeStateAsUpdate(doc)))).toBe(true);
      expect([...origins]).toEqual(['load']);
      expect(storage.applyStored(new Y.Doc(), 'lang/nothing', 'load')).toBe(false);
    } finally {
      storage.close();
    }
  });
});
