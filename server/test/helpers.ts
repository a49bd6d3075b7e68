import { UNLIMITED } from '../src/admission.ts';
import { createLogger, type Logger, type LogLevel } from '../src/logger.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { readCards } from '@plenum/shared/board-doc';
import { boardRoom, MESSAGE, SYNC } from '@plenum/shared/protocol';
import { addGroup, findPhase, readSession, setCurrentPhase, updatePhase } from '@plenum/shared/session-doc';
import { createPlenumServer, type PlenumServer, type PlenumServerOptions } from '../src/server.ts';
import { createSession, openStockClient, tokenOf, waitFor } from './stock-client.ts';

// Real parts only: a real server on a random port with SQLite in a temp dir,
// and the stock y-websocket client. Everything started here is stopped after
// each test.

// Every stock provider in Node adds a process 'exit' listener; tests with
// many peers pass Node's default warning threshold of ten.
process.setMaxListeners(0);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-test-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Rate limits and maxima are out of the way (UNLIMITED) unless a test sets
// them: tests create workshops far faster than people do (admission.test.ts
// tests the limits).
export async function startServer(options: Partial<PlenumServerOptions> = {}): Promise<PlenumServer> {
  const server = createPlenumServer({ dataDir: options.dataDir ?? tempDir(), port: 0, ...options, admission: { ...UNLIMITED, ...options.admission } });
  await server.listen();
  onCleanup(() => server.close());
  return server;
}

export { awarenessHeard, createSession, tokenOf, waitFor, type CreatedSession } from './stock-client.ts';

export function wsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/ws`;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

/** The stock y-websocket client, as a script or the browser would use it; closed after the test. */
export function connect(baseUrl: string, room: string, token: string, params: Record<string, string> = {}): Client {
  const { doc, provider, synced } = openStockClient(wsUrl(baseUrl), room, token, params);
  // Plenum's 'saved' message (type 100): ignored unless a test installs its own handler.
  if (params.saved === '1') provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => void decoding.readVarUint8Array(decoder);
  const client = {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  onCleanup(() => client.destroy());
  return client;
}

/**
 * Turns a phase's dot voting on (with `budget` dots per voter) or off through
 * a moderator's client, and waits until the server's session document has it
 * (the server checks dots against it, S11).
 */
export function setPhaseVoting(server: PlenumServer, sessionId: string, moderator: Client, phaseId: string, on: boolean, budget = 3): Promise<void> {
  updatePhase(moderator.doc, phaseId, { votingEnabled: on, votingBudget: budget });
  return waitFor(() => findPhase(server.rooms.loaded(sessionId)!.doc, phaseId)!.votingEnabled === on, 5000, `voting ${on ? 'on' : 'off'}`);
}

/**
 * A fresh server and session whose first phase has voting on: the
 * participants' token, the first board and the moderator's client (synced),
 * the start of every real-server test of dots.
 */
export async function votingBoard(budget = 3) {
  const server = await startServer();
  const session = await createSession(server.url);
  const token = tokenOf(session.links.participant);
  const board = await firstBoard(server.url, session.id, token);
  const moderator = connect(server.url, session.id, tokenOf(session.links.moderator));
  await moderator.synced;
  await setPhaseVoting(server, session.id, moderator, board.phaseId, true, budget);
  return { server, session, token, board, moderator };
}

/** Opens a raw websocket and resolves once it is open, or with the HTTP status it was refused with. */
export function rawSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => {
      onCleanup(() => ws.terminate());
      resolve({ ws });
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

// ---- additions for the integration suites ----------------------------------

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A JSON API call; `token` goes in the Authorization header as the client sends it. */
export async function api(
  baseUrl: string,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${baseUrl}${pathname}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export interface BoardAddress {
  /** Board room name. */
  room: string;
  phaseId: string;
  groupId: string;
  /** The first prompt of the phase: a valid column for cards. */
  columnId: string;
}

/** Reads the first phase's first board of a session through a short-lived client. */
export async function firstBoard(baseUrl: string, sessionId: string, token: string): Promise<BoardAddress> {
  const client = connect(baseUrl, sessionId, token);
  await client.synced;
  const phase = readSession(client.doc).phases[0];
  client.destroy();
  const group = phase?.groups[0];
  const prompt = phase?.prompts[0];
  if (!phase || !group || !prompt) throw new Error('session has no board in its first phase');
  return { room: boardRoom(sessionId, phase.id, group.id), phaseId: phase.id, groupId: group.id, columnId: prompt.id };
}

/**
 * Sends a sync step 1 over the provider's socket and resolves when the
 * server's answering step 2 arrives. The server handles one connection's
 * messages in order, so everything it sent in answer to what this client sent
 * before (a "permission denied", a "saved") has arrived by then.
 */
export function roundTrip(client: Client): Promise<void> {
  const { provider } = client;
  const original = provider.messageHandlers[MESSAGE.sync];
  if (!original || !provider.ws) throw new Error('provider is not connected');
  return new Promise((resolve) => {
    provider.messageHandlers[MESSAGE.sync] = (encoder, decoder, p, emitSynced, type) => {
      const peek = decoding.createDecoder(decoder.arr.subarray(decoder.pos));
      if (decoding.readVarUint(peek) === SYNC.step2) {
        provider.messageHandlers[MESSAGE.sync] = original;
        resolve();
      }
      original(encoder, decoder, p, emitSynced, type);
    };
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    encoding.writeVarUint(encoder, SYNC.step1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(client.doc));
    provider.ws?.send(encoding.toUint8Array(encoder));
  });
}

/** Replaces the provider's auth handler: collects "permission denied" reasons instead of console.warn. */
export function collectDenials(client: Client): string[] {
  const reasons: string[] = [];
  client.provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
    const type = decoding.readVarUint(decoder);
    reasons.push(type === 0 ? decoding.readVarString(decoder) : `auth message ${type}`);
  };
  return reasons;
}

/** Resolves with the close the server sent when it ends the provider's connection for good (4400–4499). */
export function providerClosed(client: Client): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.provider.once('closed', (event) => resolve(event)));
}

/** A raw y-websocket message: type, then the given writer. */
export function frame(type: number, write: (encoder: encoding.Encoder) => void = () => {}): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** The cards of a board as stored on disk (snapshot plus log), read without the server. */
export function storedCards(server: PlenumServer, room: string): string[] {
  const state = server.storage.loadDocument(room);
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  const ids = readCards(doc).map((c) => c.id);
  doc.destroy();
  return ids;
}

/** The clock of this client's own changes: everything it has written so far. */
export function localClock(doc: Y.Doc): number {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
}

/** Installs a 'saved' handler; returns the highest clock of this client's own updates the server reported saved. */
export function savedClock(client: Client): () => number {
  let clock = 0;
  client.provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => {
    const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    clock = Math.max(clock, vector.get(client.doc.clientID) ?? 0);
  };
  return () => clock;
}

/**
 * A fresh session with a writer (asking for 'saved') and an observer on its
 * first board, both synced: the start of every durability test.
 */
export async function writerAndObserver(baseUrl: string) {
  const session = await createSession(baseUrl);
  const token = tokenOf(session.links.participant);
  const board = await firstBoard(baseUrl, session.id, token);
  const writer = connect(baseUrl, board.room, token, { saved: '1' });
  const observer = connect(baseUrl, board.room, token);
  await Promise.all([writer.synced, observer.synced]);
  return { session, token, board, writer, observer, acked: savedClock(writer) };
}

/** A seeded random number generator for the seeded random tests (fuzz.test.ts, summary.test.ts). */
/**
 * CPU milliseconds this process's main thread has used (Linux, in 10 ms
 * ticks). Not process.cpuUsage(): that counts the worker threads too (the
 * commit thread, the renderer), whose work does not hold the event loop.
 */
export function mainThreadCpuMs(): number {
  const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  // After "pid (comm) ", field 3 (state) comes first; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: small, deterministic, good enough to pick operations
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** A logger whose JSON lines a test reads; `fail()` makes writing throw (a broken log destination). */
export function captureLogger(level: LogLevel = 'debug') {
  const lines: string[] = [];
  let failing = false;
  const logger: Logger = createLogger(level, {
    write(line: string) {
      if (failing) throw new Error('log destination broke (test)');
      lines.push(line);
    },
  });
  return {
    logger,
    lines,
    fail(on: boolean) {
      failing = on;
    },
  };
}

/**
 * A workshop whose first phase has two groups and private writing on, as the
 * server sees it. Rooms nobody holds unload after 50 ms, so what a test
 * reads after a writer leaves comes from storage.
 */
export async function privateWritingWorkshop() {
  const server = await startServer({ idleUnloadMs: 50 });
  const session = await createSession(server.url);
  const mod = tokenOf(session.links.moderator);
  const part = tokenOf(session.links.participant);
  const moderator = connect(server.url, session.id, mod);
  await moderator.synced;
  const phase0 = readSession(moderator.doc).phases[0]!;
  addGroup(moderator.doc, phase0.id, { name: 'Gruppe 2' });
  updatePhase(moderator.doc, phase0.id, { privateWriting: true });
  setCurrentPhase(moderator.doc, phase0.id);
  const phase = readSession(moderator.doc).phases[0]!;
  const [g1, g2] = phase.groups;
  const [ideas, questions] = phase.prompts;
  await waitFor(() => {
    const room = server.rooms.loaded(session.id);
    return room !== undefined && readSession(room.doc).phases[0]!.groups.length === 2 && readSession(room.doc).phases[0]!.privateWriting;
  }, 5000, 'the server sees the second group and private writing');
  return { server, session, mod, part, moderator, phase, g1: g1!, g2: g2!, ideas: ideas!, questions: questions! };
}
