// Part of `npm run bench` (issue 12): one big board after a restart.
//
// A board of 2,000 cards whose log holds 50,000 updates (every card added in
// its own update, then one keystroke per update typed into the cards' texts:
// a card's in one go, as people type, every fifth key a backspace; or, with
// `interleaved`, each key into another card, the worst case for Yjs, which
// can then join no two keystrokes into one item),
// as a server leaves it when it stops before compacting (kill -9; compaction
// runs every `compactEvery` updates and at unload). The log goes into a real
// SQLite data directory through Storage, then a fresh server opens it:
//  - cold load: `rooms.open` of the board (snapshot and log read and merged,
//    the merged update applied, the schema migrated), with the loading split
//    into its parts;
//  - memory: the heap and RSS the loaded board holds (after a full GC; run
//    node with --expose-gc, else the heap figure includes garbage);
//  - export: every export format of the session, timed over HTTP.
// Not a test: nothing here passes or fails. `bigBoard()` is for the bench
// harness; run directly, it prints its figures:
//   node --expose-gc --import tsx server/bench/big-board.ts
// (BENCH_BIG_CARDS, BENCH_BIG_UPDATES, BENCH_BIG_INTERLEAVED=1 tune it).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { addCard, cardTextType, initBoard, readCards } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { migrate } from '@plenum/shared/schema';
import { readSession } from '@plenum/shared/session-doc';
import { createPlenumServer } from '../src/server.ts';

export const EXPORT_FORMATS = ['md', 'html', 'csv', 'docx', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface BigBoardOptions {
  /** Cards on the board (default 2,000). */
  cards?: number;
  /** Updates in the board's log, the cards' own included (default 50,000). */
  updates?: number;
  /** Each keystroke into another card instead of a card's keys in one go. */
  interleaved?: boolean;
  /** Export formats to time; none to skip the exports. */
  formats?: readonly ExportFormat[];
}

export interface BigBoardResult {
  cards: number;
  interleaved: boolean;
  updates: number;
  /** Bytes of the log in SQLite (the updates' data). */
  logBytes: number;
  /** `rooms.open` of the board on a freshly started server. */
  coldLoadMs: number;
  /** Its parts: reading and merging the log (Storage.loadDocument), applying it, migrating. */
  loadParts: { readAndMergeMs: number; applyMs: number; migrateMs: number };
  /** Heap the loaded board holds, in MB (10^6 bytes), after a full GC. */
  memoryMb: number;
  /** RSS the loading added, in MB (includes memory V8 keeps for later). */
  rssMb: number;
  /** GET …/export?format=… over HTTP with the board loaded, per format. */
  exportMs: Partial<Record<ExportFormat, number>>;
}

const WORDS = 'Jugendhilfeplanung Kooperation Sozialraum Beteiligung Familien Träger Fallbesprechung Ressourcen Austausch Region'.split(' ');

function cardText(i: number): string {
  return `${i + 1}. ${Array.from({ length: 3 + (i % 5) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]).join(' ')}`;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** The board's log: one update per card added, then one per keystroke (every fifth a deletion). */
function boardLog(
  address: { sessionId: string; phaseId: string; groupId: string },
  columns: string[],
  options: { cards: number; updates: number; interleaved: boolean },
): Uint8Array[] {
  const { cards, updates, interleaved } = options;
  const doc = new Y.Doc();
  const log: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => log.push(update));
  initBoard(doc, address);
  for (let i = 0; i < cards; i++) addCard(doc, { columnId: columns[i % columns.length] as string, text: cardText(i), author: i % 5 ? null : 'Anna' });
  const ids = readCards(doc).map((card) => card.id);
  for (let k = 0; log.length < updates; k++) {
    // In one go: 20 keys into a card, then the next card (7919 is prime, so every card gets its turn).
    const card = interleaved ? k * 7919 : Math.floor(k / 20) * 7919;
    const text = cardTextType(doc, ids[card % ids.length] as string) as Y.Text;
    if (k % 5 === 4 && text.length > 0) text.delete(text.length - 1, 1);
    else text.insert(text.length, 'abcdefghij'[k % 10] as string);
  }
  doc.destroy();
  return log;
}

export async function bigBoard(options: BigBoardOptions = {}): Promise<BigBoardResult> {
  const cards = options.cards ?? 2000;
  const updates = options.updates ?? 50_000;
  const formats = options.formats ?? EXPORT_FORMATS;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-bench-big-board-'));
  try {
    // Written with the server stopped before it could compact, as after kill -9.
    const first = createPlenumServer({ dataDir, port: 0 });
    await first.listen();
    const created = await fetch(`${first.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Großes Board', template: 'bilanz-zukunft', date: '2021-09-06' }),
    });
    const { id, links } = (await created.json()) as { id: string; links: { moderator: string } };
    const token = /t=([^&]+)/.exec(new URL(links.moderator).hash)?.[1] as string;
    const session = new Y.Doc();
    Y.applyUpdate(session, first.storage.loadDocument(id) as Uint8Array);
    const phase = readSession(session).phases.find((p) => p.groups.length > 0 && p.prompts.length > 0);
    if (!phase) throw new Error('the template has no phase with groups and prompts');
    const group = phase.groups[0]!;
    const name = boardRoom(id, phase.id, group.id);
    const log = boardLog({ sessionId: id, phaseId: phase.id, groupId: group.id }, phase.prompts.map((p) => p.id), {
      cards,
      updates,
      interleaved: options.interleaved ?? false,
    });
    first.storage.transaction(() => first.storage.appendUpdates(name, id, log));
    const logBytes = log.reduce((sum, update) => sum + update.byteLength, 0);
    await first.close();

    const server = createPlenumServer({ dataDir, port: 0 });
    await server.listen();
    try {
      // The load's parts, on a copy that is thrown away (the page cache is warm for both).
      let start = performance.now();
      const state = server.storage.loadDocument(name) as Uint8Array;
      const readAndMergeMs = performance.now() - start;
      const doc = new Y.Doc();
      start = performance.now();
      Y.applyUpdate(doc, state);
      const applyMs = performance.now() - start;
      start = performance.now();
      migrate(doc, 'board');
      const migrateMs = performance.now() - start;
      doc.destroy();
      // The session room loads first (rooms.open checks the board exists): not part of the board's figures.
      server.rooms.open(id).acquire();

      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      const rssBefore = process.memoryUsage().rss;
      start = performance.now();
      const room = server.rooms.open(name);
      const coldLoadMs = performance.now() - start;
      room.acquire();
      if (readCards(room.doc).length !== cards) throw new Error('the board did not load whole');
      gc();
      const memoryMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
      const rssMb = (process.memoryUsage().rss - rssBefore) / 1e6;

      const exportMs: BigBoardResult['exportMs'] = {};
      for (const format of formats) {
        start = performance.now();
        const res = await fetch(`${server.url}/api/sessions/${id}/export?format=${format}&authors=1&dots=1&unmerged=1&sources=1`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`export ${format}: ${res.status}`);
        exportMs[format] = performance.now() - start;
      }
      return { cards, interleaved: options.interleaved ?? false, updates: log.length, logBytes, coldLoadMs, loadParts: { readAndMergeMs, applyMs, migrateMs }, memoryMb, rssMb, exportMs };
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!(globalThis as { gc?: unknown }).gc) console.warn('run with node --expose-gc for a heap figure without garbage');
  const r = await bigBoard({
    cards: Number(process.env.BENCH_BIG_CARDS ?? 2000),
    updates: Number(process.env.BENCH_BIG_UPDATES ?? 50_000),
    interleaved: process.env.BENCH_BIG_INTERLEAVED === '1',
  });
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const typing = r.interleaved ? 'each key into another card' : "a card's keys in one go";
  console.log(`\nBig board after a restart: ${r.cards} cards, a log of ${r.updates} updates (${(r.logBytes / 1e6).toFixed(1)} MB; ${typing})`);
  console.log(`  cold load (rooms.open) ${ms(r.coldLoadMs)}: read and merge ${ms(r.loadParts.readAndMergeMs)}, apply ${ms(r.loadParts.applyMs)}, migrate ${ms(r.loadParts.migrateMs)}`);
  console.log(`  memory of the loaded board: heap ${r.memoryMb.toFixed(1)} MB, RSS +${r.rssMb.toFixed(1)} MB`);
  console.log(`  export with the board loaded: ${Object.entries(r.exportMs).map(([f, t]) => `${f} ${ms(t)}`).join(', ')}`);
}
