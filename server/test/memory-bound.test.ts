import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { addCard, readCards, updateCardText } from '@plenum/shared/board-doc';
import { PEER_LIMITS, type PeerLimits } from '@plenum/shared/limits';
import type { Connection } from '../src/connection.ts';
import { awarenessMessage, syncStep1, writeAwarenessEntries } from '../src/wire.ts';
import { connect, createSession, firstBoard, rawSocket, roundTrip, startServer, tokenOf, waitFor, wsUrl } from './helpers.ts';

// S10 over real sockets (issue 8, item 5): a viewer that does not read and
// asks for the whole document again and again, and a viewer that does not
// read while others write, cost the server a bounded amount of memory. The
// in-memory suite (flow-control.test.ts) checks the rules; this one checks
// what the operating system and ws make of them. Without the rules the
// flood below queues about 900 copies of a 1 MB document.

const CARDS = 1000;
const TEXT = 1000;
const MiB = 1024 * 1024;

/** What the server holds for the board's connections right now: data not yet handed to the kernel. */
function unsent(server: Awaited<ReturnType<typeof startServer>>, room: string): number {
  let sum = 0;
  for (const conn of server.rooms.loaded(room)?.connections ?? []) sum += (conn as Connection).unsentBytes;
  return sum;
}

/** Samples `measure` every 5 ms until stopped; returns the largest value seen. */
function peakOf(measure: () => number) {
  let peak = measure();
  const timer = setInterval(() => {
    peak = Math.max(peak, measure());
  }, 5);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, measure());
    },
  };
}

async function bigBoard(peerLimits?: PeerLimits) {
  const server = await startServer(peerLimits ? { peerLimits } : {});
  const session = await createSession(server.url);
  const moderatorToken = tokenOf(session.links.moderator);
  const board = await firstBoard(server.url, session.id, moderatorToken);
  const writer = connect(server.url, board.room, moderatorToken);
  await writer.synced;
  writer.doc.transact(() => {
    for (let i = 0; i < CARDS; i++) addCard(writer.doc, { columnId: board.columnId, text: `${i} `.padEnd(TEXT, 'x') });
  });
  await roundTrip(writer);
  await waitFor(() => readCards(server.rooms.loaded(board.room)!.doc).length === CARDS, 10_000, 'the board stored');
  return { server, session, board, writer };
}

/** A raw viewer socket that stops reading: the kernel's buffers fill, then the server's. */
async function deafViewer(url: string, room: string, token: string): Promise<WebSocket> {
  const opened = await rawSocket(`${wsUrl(url)}/${room}?token=${token}`);
  if (!('ws' in opened)) throw new Error(`upgrade refused: ${opened.status}`);
  (opened.ws as unknown as { _socket: net.Socket })._socket.pause();
  return opened.ws;
}

const MARKER_CLIENT = 777777;

/** Sends an awareness state after everything else: once the writer sees it, the server has handled all before it. */
async function handledAll(ws: WebSocket, writer: ReturnType<typeof connect>): Promise<void> {
  ws.send(awarenessMessage(writeAwarenessEntries([{ clientId: MARKER_CLIENT, clock: 1, state: '{"marker":true}' }])));
  await waitFor(() => writer.provider.awareness.getStates().has(MARKER_CLIENT), 30_000, 'the server to handle the flood');
}

describe('S10: memory stays bounded over real sockets', () => {
  it('S10: 900 sync step 1 requests from a viewer that does not read queue about one copy of the document, not 900', async () => {
    const { server, session, board, writer } = await bigBoard();
    const docBytes = Y.encodeStateAsUpdate(server.rooms.loaded(board.room)!.doc).length;
    expect(docBytes).toBeGreaterThan(CARDS * TEXT);
    const ws = await deafViewer(server.url, board.room, tokenOf(session.links.viewer));
    const peak = peakOf(() => unsent(server, board.room));
    const request = syncStep1(new Y.Doc());
    for (let i = 0; i < 900; i++) ws.send(request); // within the message bucket's burst of 1,000
    await handledAll(ws, writer);
    const peakUnsent = peak.stop();
    console.log(`sync flood: document ${(docBytes / MiB).toFixed(1)} MiB, peak unsent ${(peakUnsent / MiB).toFixed(1)} MiB`);
    // The opening answer and the first full answer, plus small messages; the kernel holds part of it.
    expect(peakUnsent).toBeLessThan(3 * docBytes);
  }, 120_000);

  it('S10: a viewer that does not read while others write is closed at the send-buffer bound; the server holds no more than that for it', async () => {
    // The writer's pace is not under test: its byte bucket is wide open.
    const limits = { ...PEER_LIMITS, burstBytes: 1e12, bytesPerSecond: 1e12 };
    const { server, session, board, writer } = await bigBoard(limits);
    await deafViewer(server.url, board.room, tokenOf(session.links.viewer));
    const room = server.rooms.loaded(board.room)!;
    const viewers = () => [...room.connections].filter((c) => (c as Connection).grant.role === 'viewer').length;
    await waitFor(() => viewers() === 1, 5000, 'the viewer attached');
    const peak = peakOf(() => unsent(server, board.room));
    const ids = readCards(writer.doc).map((c) => c.id);
    let written = 0;
    // Each round rewrites every card (about 1 MB) and is forwarded to the viewer.
    // A new filler letter each round: a text edit writes only what changed.
    for (let round = 0; round < 80 && viewers() > 0; round++) {
      const filler = String.fromCharCode(97 + (round % 26));
      writer.doc.transact(() => {
        for (const id of ids) updateCardText(writer.doc, id, filler.repeat(TEXT));
      });
      written += CARDS * TEXT;
      await roundTrip(writer);
    }
    const peakUnsent = peak.stop();
    console.log(`slow consumer: ${(written / MiB).toFixed(0)} MiB written, peak unsent ${(peakUnsent / MiB).toFixed(1)} MiB, bound ${limits.sendBufferBytes / MiB} MiB`);
    expect(viewers(), 'the slow viewer was closed').toBe(0);
    expect(written, 'more was written than the bound').toBeGreaterThan(limits.sendBufferBytes);
    expect(peakUnsent).toBeLessThanOrEqual(limits.sendBufferBytes + 2 * MiB);
    // The writer and the room carry on.
    await roundTrip(writer);
    expect(writer.provider.wsconnected).toBe(true);
  }, 180_000);
});
