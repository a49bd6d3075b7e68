import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, updateCardText } from '@plenum/shared/board-doc';
import { PEER_LIMITS, type PeerLimits } from '@plenum/shared/limits';
import { CLOSE, MESSAGE } from '@plenum/shared/protocol';
import { syncStep1 } from '../src/wire.ts';
import { frame } from './helpers.ts';
import { memoryPeer, memoryServer, receivedUpdates } from './memory.ts';

// S10: one connection cannot exhaust the server (issue 8, item 5). A viewer
// that asked for the whole document again and again while not reading made
// the server queue it again and again (123 MiB -> 3 GB in 18 s).

// The documented bounds, scaled down so a test fills them in a moment.
const SMALL: PeerLimits = {
  ...PEER_LIMITS,
  sendBufferBytes: 4 * 1024 * 1024,
  burstBytes: 2 * 1024 * 1024,
  bytesPerSecond: 1024 * 1024,
};

const bytes = (messages: Uint8Array[]) => messages.reduce((sum, m) => sum + m.length, 0);

/** A board with `cards` cards of `length` characters, committed. */
function bigBoard(cards: number, length: number) {
  const server = memoryServer();
  const writer = memoryPeer(server.rooms, server.room, 'moderator');
  for (let i = 0; i < cards; i++) addCard(writer.doc, { columnId: server.columnId, text: `${i} `.padEnd(length, 'x') });
  server.rooms.commits.flush();
  return { ...server, writer };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('S10: flow control per connection', () => {
  it('S10: a repeated sync step 1 is answered with the whole document at most once per interval', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { rooms, room } = bigBoard(200, 500);
    const docBytes = Y.encodeStateAsUpdate(rooms.loaded(room)!.doc).length;
    const viewer = memoryPeer(rooms, room, 'viewer');
    const empty = syncStep1(new Y.Doc());
    for (let i = 0; i < 50; i++) viewer.conn.receive(empty);
    expect(viewer.socket.closed).toBeNull();
    // Every request got an answer (a round trip still completes), but only the first carried the document.
    expect(receivedUpdates(viewer.socket)).toHaveLength(50);
    expect(bytes(viewer.socket.sent)).toBeLessThan(2 * docBytes);

    // After the interval the next request is answered in full again.
    vi.advanceTimersByTime(PEER_LIMITS.repeatedSyncIntervalMs);
    const before = bytes(viewer.socket.sent);
    viewer.conn.receive(empty);
    expect(bytes(viewer.socket.sent) - before).toBeGreaterThanOrEqual(docBytes);
  });

  it('S10: a connection whose send buffer passes the bound is closed; the writer and the room carry on', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { rooms, room, columnId, writer, storage } = bigBoard(0, 0);
    const slow = memoryPeer(rooms, room, 'viewer', false, SMALL);
    slow.socket.reading = false;
    const ids = Array.from({ length: 20 }, (_, i) => addCard(writer.doc, { columnId, text: `wächst ${i}` }));
    let written = 0; // bytes of card text, about what every reader is sent
    // updateCardText writes only what changed: a new filler each round makes every character change.
    let fill = 'y';
    while (!slow.socket.closed && written < 2 * SMALL.sendBufferBytes) {
      fill = fill === 'y' ? 'z' : 'y';
      writer.doc.transact(() => {
        for (const id of ids) updateCardText(writer.doc, id, `${written} `.padEnd(1000, fill));
      });
      written += ids.length * 1000;
      if (written % 100_000 === 0) rooms.commits.flush();
      vi.advanceTimersByTime(100); // a writer at 200 KB/s stays within its own byte bucket
    }
    rooms.commits.flush();
    expect(slow.socket.closed?.code).toBe(CLOSE.slowConsumer);
    expect(slow.socket.bufferedAmount).toBeLessThanOrEqual(SMALL.sendBufferBytes);
    expect(writer.socket.closed).toBeNull();
    addCard(writer.doc, { columnId, text: 'danach' });
    rooms.commits.flush();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, storage.loadDocument(room)!);
    expect(readCards(stored).some((c) => c.text === 'danach')).toBe(true);
  });

  it('S10: a connection that sends more messages than its token bucket allows is closed with 4429', () => {
    vi.useFakeTimers({ toFake: ['Date'] }); // no refill while the loop runs
    const { rooms, room } = bigBoard(0, 0);
    const flooder = memoryPeer(rooms, room, 'viewer');
    const other = memoryPeer(rooms, room, 'viewer');
    const query = frame(MESSAGE.queryAwareness);
    let sent = 0;
    while (!flooder.socket.closed && sent < 100_000) {
      flooder.conn.receive(query);
      sent++;
    }
    expect(flooder.socket.closed?.code).toBe(CLOSE.tooManyMessages);
    expect(sent).toBeLessThanOrEqual(PEER_LIMITS.burstMessages + 1);
    expect(other.socket.closed).toBeNull();
  });

  it('S10: a connection that sends more bytes than its token bucket allows is closed with 4429', () => {
    vi.useFakeTimers({ toFake: ['Date'] }); // no refill while the loop runs
    const { rooms, room } = bigBoard(0, 0);
    const flooder = memoryPeer(rooms, room, 'viewer', false, SMALL);
    // Awareness states over 4 KiB are ignored, but they still cost the bytes.
    const state = JSON.stringify({ pad: 'z'.repeat(SMALL.burstBytes / 8) });
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 3);
    for (let id = 1; id <= 3; id++) {
      encoding.writeVarUint(update, id);
      encoding.writeVarUint(update, 1);
      encoding.writeVarString(update, state);
    }
    const big = frame(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(update)));
    expect(big.length).toBeLessThan(SMALL.burstBytes);
    let sent = 0;
    while (!flooder.socket.closed && sent < 1000) {
      flooder.conn.receive(big);
      sent++;
    }
    expect(flooder.socket.closed?.code).toBe(CLOSE.tooManyMessages);
    expect(sent * big.length).toBeLessThanOrEqual(SMALL.burstBytes + big.length);
  });

  it('S10: a writer at a normal pace is never limited', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { rooms, room, columnId } = bigBoard(0, 0);
    const a = memoryPeer(rooms, room, 'participant');
    const id = addCard(a.doc, { columnId, text: 'tippt' });
    // Ten messages a second (typing) for ten minutes.
    for (let i = 0; i < 6000; i++) {
      updateCardText(a.doc, id, `${i}`);
      vi.advanceTimersByTime(100);
    }
    expect(a.socket.closed).toBeNull();
  });
});
