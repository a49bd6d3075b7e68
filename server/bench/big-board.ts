import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addCard, cardTextType, CARD_COLORS, initBoard, moveCard, readCards, setCardColor, vote } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { addPhase, deletePrompt, readSession, restorePrompt } from '@plenum/shared/session-doc';
import { UNLIMITED } from '../src/admission.ts';
import { BACKGROUND_RENDER_LOG } from '../src/protocol/renderer.ts';
import { createPlenumServer } from '../src/server.ts';
import { Storage } from '../src/storage.ts';
import { canHoldApart, heldApart, holdTo } from './cores.ts';
import { processCpuMs } from './machine.ts';
import { createSession, openStockClient, tokenOf } from '../test/stock-client.ts';
import { renderEnded, repoRoot, spawnListening, startPlenum, startStock, tempDir } from './servers.ts';
import { median } from './stats.ts';

// The big board: a board of 2,000 cards whose stored log holds 50,000
// updates, as a long workshop leaves it before compaction. Measured: its
// cold load (a fresh server process, the first client connects until it is
// synced), the memory a loaded 2,000-card board takes, and the protocol
// export of its session in every format. The stock server stores nothing,
// so it has no cold load; for comparison, it opens the same board from its
// memory to the same client.

export const EXPORT_FORMATS = ['md', 'html', 'csv', 'docx', 'pdf', 'json'] as const;

export interface BigBoardSettings {
  cards: number;
  updates: number;
  coldRuns: number;
  exportRuns: number;
  memoryBoards: number;
  /** A cold load slower than this is given up (and counts as a miss). */
  coldTimeoutMs: number;
  plenumEnv: Record<string, string>;
}

export interface BigBoardResult {
  cards: number;
  updates: number;
  /**
   * The board stored as its log of updates: the worst case, which a Plenum
   * server does not leave behind (it compacts every COMPACT_EVERY updates,
   * docs/sync-spec.md S4); a log written by an older or a failing server.
   */
  fromLog: ColdLoad;
  /**
   * The board as a Plenum server leaves it at worst, killed just before its
   * next compaction: a snapshot and the COMPACT_EVERY - 1 updates since.
   * Absent from figures recorded before 2026-11-27.
   */
  fromTail?: ColdLoad;
  /** The same board stored compacted into one snapshot. */
  fromSnapshot: ColdLoad;
  /**
   * For comparison, the stock server with the board in its memory: the same
   * client's load, with nothing read from disk. Absent from figures recorded
   * before the evening of 2026-11-27.
   */
  stockFromMemory?: ColdLoad;
  /**
   * The cold loads from the log and from the snapshot again, with the server
   * held to one core and the bench, whose client times the load, to another
   * (cores.ts): the client no longer waits for the cores on which the server
   * loads the same board, as in a workshop, where the browser runs on another
   * machine. Absent where that cannot be done (one core, no `taskset`) and
   * from figures recorded before 2026-11-28 03:39 UTC.
   */
  apart?: { fromLog: ColdLoad; fromSnapshot: ColdLoad };
  /**
   * Yjs alone: the board's state applied to an empty document in the bench
   * process (warm), median ms. A cold load does it twice, in the server and
   * in the client, so this is what any Yjs server's cold load costs at least.
   */
  yjsApplyMs: number;
  memory: BoardMemory;
  /** Median time per format (the board stored compacted and loaded), ms, each run's time in order, and the size of the file. */
  exports: Record<string, { ms: number; runs: number[]; kib: number }>;
  /**
   * The first PDF and then the first DOCX of a freshly started server (the
   * board loaded, as for `exports`), ms per server: `cold` asked for at once,
   * `prepared` after the protocol view's POST …/export/prepare had the
   * session's draft rendered ahead (Renderer.prepare). Alternated, one server
   * each. Absent from figures recorded before 2026-11-28 05:30 UTC.
   */
  firstExports?: Record<'cold' | 'prepared', { pdf: number[]; docx: number[] }>;
}

export interface BoardMemory {
  boards: number;
  /** Retained after garbage collection: V8 heap + external (which holds the array buffers), per loaded board, MiB. */
  heapPerBoardMiB: number;
  /** Resident set growth per loaded board, MiB (after garbage collection). */
  rssPerBoardMiB: number;
}

const WORDS = 'Jugendhilfeplanung Kooperation Sozialraum Beteiligung Familien Träger Fallbesprechung Ressourcen Austausch Region'.split(' ');

function cardText(i: number): string {
  const words = Array.from({ length: 6 + (i % 13) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]);
  return `${i + 1}. ${words.join(' ')}`;
}

/** Ten people write the board (each a Yjs client of their own). */
const WRITERS = Array.from({ length: 10 }, (_, i) => 1_000_001 + i);
/** Keystrokes a person types into one card before turning to the next. */
const KEYSTROKES_PER_EDIT = 24;

/**
 * The board's content as `updates` separate Yjs updates, written with the
 * model's functions by ten writers: the cards added one by one, a few hundred
 * moved, recoloured and dotted, and the rest typed into their texts one
 * keystroke at a time, as people type: a run of keystrokes into one card,
 * then the next card (the writer switching between runs).
 *
 * Until 2026-11-26 (the recorded figures before then) one client typed one
 * keystroke into each of the 2,000 cards in turn. No workshop types like
 * that, and it is the worst case for Yjs: no two keystrokes of a card are
 * next to each other in the writer's clock, so none merge, and the document
 * holds 48,000 separate text items (17.4 MiB in memory, against 9.2 MiB for
 * the same 50,000 updates typed in runs; docs/benchmarks.md).
 */
export function boardHistory(columns: string[], cards: number, updates: number): Uint8Array[] {
  const doc = new Y.Doc();
  const log: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => log.push(update));
  // Switching clientID between transactions is how one Y.Doc stands in for ten writers' (Yjs allows it).
  const writeAs = (writer: number) => (doc.clientID = WRITERS[writer % WRITERS.length]!);
  for (let i = 0; i < cards; i++) {
    writeAs(i);
    addCard(doc, { columnId: columns[i % columns.length]!, text: cardText(i), author: i % 5 ? null : 'Anna', createdAt: 1_700_000_000_000 + i });
  }
  const ids = readCards(doc).map((c) => c.id);
  const rest = () => updates - log.length;
  // Each of these reads the whole board (the model sorts all cards): a few hundred keep the preparation short.
  const each = Math.max(0, Math.min(200, ids.length, Math.floor(rest() / 4)));
  for (let i = 0; i < each; i++) {
    writeAs(i);
    moveCard(doc, ids[i]!, columns[(i + 1) % columns.length]!, 0);
  }
  for (let i = 0; i < each && rest() > 0; i++) {
    writeAs(i);
    setCardColor(doc, ids[i]!, CARD_COLORS[(i % (CARD_COLORS.length - 1)) + 1]!);
  }
  for (let i = 0; i < each && rest() > 0; i++) {
    writeAs(i);
    vote(doc, ids[i]!, `voter${i % 50}`, 1, 20);
  }
  for (let run = 0; rest() > 0; run++) {
    writeAs(run);
    const text = cardTextType(doc, ids[run % ids.length]!)!;
    for (let k = 0; k < KEYSTROKES_PER_EDIT && rest() > 0; k++) text.insert(text.length, 'abcdefghijklmnopqrstuvwxyz '[k % 27]!);
  }
  return log;
}

/**
 * boardHistory, kept on disk between bench runs (writing 2,000 cards one by
 * one through the model takes a minute on a busy machine). The key holds the
 * model's source, so a changed model writes a new history.
 */
function cachedBoardHistory(columns: string[], cards: number, updates: number): Uint8Array[] {
  const hash = crypto.createHash('sha256').update(JSON.stringify({ columns, cards, updates, generator: boardHistory.toString() }));
  for (const file of ['board-doc.ts', 'card-dots.ts', 'order-keys.ts', 'schema.ts']) hash.update(fs.readFileSync(path.join(repoRoot, 'shared/src', file)));
  const cacheFile = path.join(repoRoot, 'node_modules/.cache/plenum-bench', `board-history-${hash.digest('hex').slice(0, 16)}.bin`);
  if (fs.existsSync(cacheFile)) {
    const decoder = decoding.createDecoder(fs.readFileSync(cacheFile));
    return Array.from({ length: decoding.readVarUint(decoder) }, () => decoding.readVarUint8Array(decoder));
  }
  const history = boardHistory(columns, cards, updates);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, history.length);
  for (const update of history) encoding.writeVarUint8Array(encoder, update);
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  fs.writeFileSync(cacheFile, encoding.toUint8Array(encoder));
  return history;
}

function metaUpdate(sessionId: string, phaseId: string, groupId: string): Uint8Array {
  const doc = new Y.Doc();
  initBoard(doc, { sessionId, phaseId, groupId });
  return Y.encodeStateAsUpdate(doc);
}

/** Rooms compact their log after this many updates (createPlenumServer's default `compactEvery`). */
export const COMPACT_EVERY = 500;

/** Fixed column ids, so the cached history fits every prepared session. */
const COLUMN_IDS = ['benchColumn1', 'benchColumn2', 'benchColumn3'];

interface Prepared {
  /** The big board stored as its log of updates. */
  dataDir: string;
  /** The same data with the big board compacted into one snapshot. */
  compactedDir: string;
  /** The same data with the big board as a snapshot and the last COMPACT_EVERY - 1 updates as its log. */
  tailDir: string;
  big: { sessionId: string; room: string; participant: string; moderator: string };
  memory: { sessionId: string; rooms: string[] };
  /** The big board's whole state, one update. */
  state: Uint8Array;
}

/** A data directory with the big board's session (its log of `updates` updates) and `memoryBoards` more such boards. */
export async function prepare(settings: BigBoardSettings): Promise<Prepared> {
  const dataDir = tempDir('plenum-bench-big-');
  const server = createPlenumServer({ dataDir, port: 0, admission: UNLIMITED });
  await server.listen();
  const big = await createSession(server.url, { title: 'Großes Board', date: '2026-11-26' });
  const mem = await createSession(server.url, { title: 'Speicher' });
  await server.close();

  const history = cachedBoardHistory(COLUMN_IDS, settings.cards, settings.updates - 1);
  // Applied to a document, not Y.mergeUpdates: merging 50,000 updates takes minutes.
  // Folded up to the last COMPACT_EVERY - 1 updates on the way: the state a
  // server killed just before its next compaction keeps as its snapshot.
  const tail = history.slice(history.length - (COMPACT_EVERY - 1));
  const contentDoc = new Y.Doc();
  const apply = (updates: Uint8Array[]) => contentDoc.transact(() => updates.forEach((update) => Y.applyUpdate(contentDoc, update)));
  apply(history.slice(0, history.length - tail.length));
  const folded = Y.encodeStateAsUpdate(contentDoc);
  apply(tail);
  const content = Y.encodeStateAsUpdate(contentDoc);
  let storage = new Storage(dataDir);
  let compactBig: () => void;
  let compactWithTail: () => void;
  try {
    // The template's first phase, its columns given the history's ids.
    const bigSession = new Y.Doc();
    Y.applyUpdate(bigSession, storage.loadDocument(big.id)!);
    const phase = readSession(bigSession).phases[0]!;
    phase.prompts.forEach((prompt, i) => {
      deletePrompt(bigSession, phase.id, prompt.id);
      restorePrompt(bigSession, phase.id, { ...prompt, id: COLUMN_IDS[i % COLUMN_IDS.length]! });
    });
    storage.compact(big.id, big.id, Y.encodeStateAsUpdate(bigSession));
    const group = phase.groups[0]!;
    const room = boardRoom(big.id, phase.id, group.id);
    const meta = metaUpdate(big.id, phase.id, group.id);
    storage.transaction(() => storage.appendUpdates(room, big.id, [meta, ...history]));
    compactBig = () => storage.compact(room, big.id, Y.mergeUpdates([meta, content]));
    compactWithTail = () => {
      storage.compact(room, big.id, Y.mergeUpdates([meta, folded]));
      storage.transaction(() => storage.appendUpdates(room, big.id, tail));
    };

    // The memory boards: the same content, stored compacted (what is loaded is the same document).
    const memSession = new Y.Doc();
    Y.applyUpdate(memSession, storage.loadDocument(mem.id)!);
    const memPhaseId = addPhase(memSession, {
      title: 'Speicher',
      kind: 'groupwork',
      prompts: ['Ideen'],
      groups: Array.from({ length: settings.memoryBoards }, (_, i) => ({ name: `Gruppe ${i + 1}` })),
    });
    storage.compact(mem.id, mem.id, Y.encodeStateAsUpdate(memSession));
    const memPhase = readSession(memSession).phases.find((p) => p.id === memPhaseId)!;
    const rooms = memPhase.groups.map((g) => {
      const name = boardRoom(mem.id, memPhase.id, g.id);
      storage.compact(name, mem.id, Y.mergeUpdates([metaUpdate(mem.id, memPhase.id, g.id), content]));
      return name;
    });
    storage.close();
    const tailDir = copyDir(dataDir);
    storage = new Storage(tailDir);
    compactWithTail();
    storage.close();
    const compactedDir = copyDir(dataDir);
    storage = new Storage(compactedDir);
    compactBig();
    return {
      dataDir,
      compactedDir,
      tailDir,
      big: { sessionId: big.id, room, participant: tokenOf(big.links.participant), moderator: tokenOf(big.links.moderator) },
      memory: { sessionId: mem.id, rooms },
      state: Y.mergeUpdates([meta, content]),
    };
  } finally {
    storage.close();
  }
}

function copyDir(from: string): string {
  const to = tempDir('plenum-bench-copy-');
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/** One export of the big board's session over HTTP, every option on: ms and bytes. */
async function timedExport(httpUrl: string, prepared: Prepared, format: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(`${httpUrl}/api/sessions/${prepared.big.sessionId}/export?format=${format}&authors=1&dots=1&unmerged=1&sources=1`, {
    headers: { authorization: `Bearer ${prepared.big.moderator}` },
  });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - start;
  if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${body.toString().slice(0, 200)}`);
  return { ms, bytes: body.length };
}

async function measureExports(httpUrl: string, prepared: Prepared, runs: number): Promise<BigBoardResult['exports']> {
  const exports: BigBoardResult['exports'] = {};
  for (const format of EXPORT_FORMATS) {
    const times: number[] = [];
    let size = 0;
    for (let run = 0; run < runs; run++) {
      const { ms, bytes } = await timedExport(httpUrl, prepared, format);
      times.push(ms);
      size = bytes;
    }
    exports[format] = { ms: median(times), runs: times, kib: size / 1024 };
  }
  return exports;
}

/**
 * The first PDF and DOCX of `runs` fresh servers each way, alternated: asked
 * for at once, or as from the protocol view, which sends its prepare when it
 * opens (its draft rendered ahead, waited for: a moderator reads the draft
 * before choosing a format). The board loaded by a client first, as for
 * measureExports.
 */
async function measureFirstExports(prepared: Prepared, settings: BigBoardSettings): Promise<NonNullable<BigBoardResult['firstExports']>> {
  const first: NonNullable<BigBoardResult['firstExports']> = { cold: { pdf: [], docx: [] }, prepared: { pdf: [], docx: [] } };
  for (let run = 0; run < settings.exportRuns; run++) {
    for (const way of ['cold', 'prepared'] as const) {
      await onFreshServer(prepared.compactedDir, settings, async (server) => {
        const load = await loadOnce(server, prepared.big.room, prepared.big.participant, settings);
        if (load.timedOut) throw new Error('first exports: the board did not load');
        if (way === 'prepared') {
          const res = await fetch(`${server.httpUrl}/api/sessions/${prepared.big.sessionId}/export/prepare`, {
            method: 'POST',
            headers: { authorization: `Bearer ${prepared.big.moderator}` },
          });
          if (res.status !== 202) throw new Error(`export prepare: ${res.status}`);
          const [line] = await server.printed(renderEnded(BACKGROUND_RENDER_LOG.draft), 60_000);
          if (line === BACKGROUND_RENDER_LOG.draft.failed) throw new Error(`export prepare: ${line}`);
        }
        for (const format of ['pdf', 'docx'] as const) first[way][format].push((await timedExport(server.httpUrl, prepared, format)).ms);
      });
    }
  }
  return first;
}

/** Applies the board's state to an empty document `runs` times, after one unmeasured warm-up; median ms. */
function measureYjsApply(state: Uint8Array, runs: number): number {
  Y.applyUpdate(new Y.Doc(), state);
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    Y.applyUpdate(new Y.Doc(), state);
    return performance.now() - start;
  });
  return median(times);
}

/** Memory of loaded boards, measured in a child process that can collect garbage (board-memory.ts). */
async function measureMemory(prepared: Prepared): Promise<BoardMemory> {
  const dataDir = copyDir(prepared.compactedDir);
  try {
    const spawned = await spawnListening(['server/bench/board-memory.ts', dataDir, JSON.stringify(prepared.memory.rooms)], {}, ['--expose-gc']);
    await new Promise((resolve) => spawned.child.once('exit', resolve));
    const line = spawned.output().split('\n').find((l) => l.startsWith('{"memory"'));
    if (!line) throw new Error(`board-memory.ts printed no result:\n${spawned.output()}`);
    return (JSON.parse(line) as { memory: BoardMemory }).memory;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface ColdLoad {
  /** Connect to synced per run, ms; NaN for a run that timed out. */
  runs: number[];
  median: number;
  /**
   * Connect until the message that completes the sync has arrived, before
   * the client reads it, per run (ms; NaN for a run that timed out): the
   * server's part. The rest of the run is the client applying the board.
   * Absent from figures recorded before the evening of 2026-11-27.
   */
  received?: number[];
  /** Server CPU time from the connect to the client's sync (median), ms; a room whose stored state was sent before it loaded (S1) may still be loading then. */
  cpu: number;
  timedOut: boolean;
}

/** A WebSocket that notes when each message arrives, before the client it serves reads it. */
function arrivalsNoted(arrivals: number[]): typeof WebSocket {
  class Noting extends WebSocket {
    // How y-websocket constructs its socket.
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      // Added before the client's own listener, so it runs first.
      this.on('message', () => arrivals.push(performance.now()));
    }
  }
  return Noting as unknown as typeof WebSocket;
}

/** One client's load, ms (NaN if it timed out), and the server's CPU meanwhile, ms. */
interface OneLoad {
  ms: number;
  received: number;
  cpu: number;
  timedOut: boolean;
}

/** One client opens `room`: from creating the provider to its sync. Checks that it then holds every card. */
async function loadOnce(server: { wsUrl: string; pid: number }, room: string, token: string | null, settings: BigBoardSettings): Promise<OneLoad> {
  const arrivals: number[] = [];
  const cpuBefore = processCpuMs(server.pid);
  const start = performance.now();
  const client = openStockClient(server.wsUrl, room, token, {}, arrivalsNoted(arrivals));
  try {
    const timedOut = !(await Promise.race([
      client.synced.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), settings.coldTimeoutMs).unref()),
    ]));
    // The client reports its sync while it reads the message that completes
    // it, and the next message cannot arrive before this continuation: that
    // message is the last one noted.
    const end = performance.now();
    const received = arrivals.at(-1);
    const cpu = processCpuMs(server.pid) - cpuBefore;
    const shown = readCards(client.doc).length;
    if (!timedOut && shown !== settings.cards) throw new Error(`cold load: the client has ${shown} cards, not ${settings.cards}`);
    return { ms: timedOut ? NaN : end - start, received: timedOut || received === undefined ? NaN : received - start, timedOut, cpu };
  } finally {
    client.provider.destroy();
  }
}

/** `settings.coldRuns` loads one after another, or fewer if one times out. */
async function repeatedLoads(settings: BigBoardSettings, once: (run: number) => Promise<OneLoad>): Promise<ColdLoad> {
  const loads: OneLoad[] = [];
  for (let run = 0; run < settings.coldRuns && !loads.some((l) => l.timedOut); run++) loads.push(await once(run));
  const timedOut = loads.some((l) => l.timedOut);
  return {
    runs: loads.map((l) => l.ms),
    median: timedOut ? NaN : median(loads.map((l) => l.ms)),
    received: loads.map((l) => l.received),
    cpu: median(loads.map((l) => l.cpu)),
    timedOut,
  };
}

/**
 * The first client of a freshly started server opens the board: from
 * creating the provider to its sync. Each run on a fresh copy of the data
 * (a clean shutdown would have compacted the log). `then` runs on the last
 * run's server with the board loaded. With `serverCore`, each server is held
 * to that core once it is up (cores.ts).
 */
async function coldLoads(
  sourceDir: string,
  prepared: Prepared,
  settings: BigBoardSettings,
  then?: (httpUrl: string) => Promise<void>,
  serverCore?: string,
): Promise<ColdLoad> {
  return repeatedLoads(settings, (run) =>
    onFreshServer(sourceDir, settings, async (server) => {
      if (serverCore !== undefined) holdTo(server.pid, serverCore);
      const load = await loadOnce(server, prepared.big.room, prepared.big.participant, settings);
      if (!load.timedOut && then && run === settings.coldRuns - 1) await then(server.httpUrl);
      return load;
    }),
  );
}

/** Runs `use` on a Plenum server started on a fresh copy of `sourceDir`; stops it and removes the copy afterwards. */
async function onFreshServer<T>(sourceDir: string, settings: BigBoardSettings, use: (server: Awaited<ReturnType<typeof startPlenum>>) => Promise<T>): Promise<T> {
  const dataDir = copyDir(sourceDir);
  const server = await startPlenum(settings.plenumEnv, dataDir);
  try {
    return await use(server);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The stock server, freshly started, is given the board by one client and
 * shows it to a second (so it holds all of it); then a third, measured as
 * in coldLoads, opens it. Its server sends the board from memory, and its
 * client has the same work as Plenum's.
 */
async function stockLoads(prepared: Prepared, settings: BigBoardSettings): Promise<ColdLoad> {
  return repeatedLoads(settings, async (run) => {
    const server = await startStock();
    try {
      const room = `big-board-${run}`;
      // Given before the socket opens: the client's answer to the server's sync step 1 carries it.
      const giver = openStockClient(server.wsUrl, room, null);
      Y.applyUpdate(giver.doc, prepared.state);
      const viewer = openStockClient(server.wsUrl, room, null);
      try {
        await new Promise<void>((resolve, reject) => {
          const seen = () => {
            if (readCards(viewer.doc).length < settings.cards) return;
            clearTimeout(timer);
            viewer.doc.off('update', seen);
            resolve();
          };
          const timer = setTimeout(() => reject(new Error('stock server: the board did not reach a second client')), settings.coldTimeoutMs);
          viewer.doc.on('update', seen);
          seen();
        });
      } finally {
        giver.provider.destroy();
        viewer.provider.destroy();
      }
      return await loadOnce(server, room, null, settings);
    } finally {
      await server.stop();
    }
  });
}

/** A set of loads' median for the progress lines, or that one was given up. */
function loadText(load: ColdLoad): string {
  return load.timedOut ? 'timed out' : `${load.median.toFixed(0)} ms`;
}

export async function bigBoard(settings: BigBoardSettings, log: (line: string) => void = () => {}): Promise<BigBoardResult> {
  const started = performance.now();
  const prepared = await prepare(settings);
  log(`  prepared ${settings.cards} cards, ${settings.updates} stored updates in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  try {
    const fromLog = await coldLoads(prepared.dataDir, prepared, settings);
    log(`  cold load from the log: ${loadText(fromLog)}`);
    const fromTail = await coldLoads(prepared.tailDir, prepared, settings);
    log(`  cold load from a snapshot and ${COMPACT_EVERY - 1} updates: ${loadText(fromTail)}`);
    let exports: BigBoardResult['exports'] = {};
    const fromSnapshot = await coldLoads(prepared.compactedDir, prepared, settings, async (httpUrl) => {
      exports = await measureExports(httpUrl, prepared, settings.exportRuns);
    });
    log(`  cold load from a snapshot: ${loadText(fromSnapshot)}; exports done`);
    const firstExports = await measureFirstExports(prepared, settings);
    log(`  first PDF of a fresh server: ${median(firstExports.cold.pdf).toFixed(0)} ms at once, ${median(firstExports.prepared.pdf).toFixed(0)} ms after the view's prepare`);
    const stockFromMemory = await stockLoads(prepared, settings);
    log(`  stock server, the board in its memory: ${loadText(stockFromMemory)}`);
    let apart: BigBoardResult['apart'];
    if (canHoldApart()) {
      apart = await heldApart(async (serverCore) => ({
        fromLog: await coldLoads(prepared.dataDir, prepared, settings, undefined, serverCore),
        fromSnapshot: await coldLoads(prepared.compactedDir, prepared, settings, undefined, serverCore),
      }));
      log(`  the server and the client on a core each: from the log ${loadText(apart.fromLog)}, from a snapshot ${loadText(apart.fromSnapshot)}`);
    } else {
      log('  the server and the client on a core each: not measured (one core, or no taskset)');
    }
    const yjsApplyMs = measureYjsApply(prepared.state, settings.coldRuns);
    const memory = await measureMemory(prepared);
    return { cards: settings.cards, updates: settings.updates, fromLog, fromTail, fromSnapshot, stockFromMemory, apart, yjsApplyMs, memory, exports, firstExports };
  } finally {
    fs.rmSync(prepared.dataDir, { recursive: true, force: true });
    fs.rmSync(prepared.compactedDir, { recursive: true, force: true });
    fs.rmSync(prepared.tailDir, { recursive: true, force: true });
  }
}
