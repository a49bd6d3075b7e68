// npm run bench — figures for docs/benchmarks.md. Not a test: nothing here
// passes or fails; it prints what it measured.
//
// 1. Latency and throughput: the Plenum server and the stock
//    @y/websocket-server (0.1.1, no persistence) each run as a child process;
//    the same load of stock y-websocket clients writes cards, an observer per
//    board timestamps their arrival. Plenum commits every update to SQLite
//    (synchronous=FULL) before it forwards it; the stock server does not store.
// 2. Memory per loaded board with 200 cards (in-process).

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { addPhase, readSession } from '@plenum/shared/session-doc';
import { createPlenumServer } from '../src/server.ts';

process.setMaxListeners(0); // every stock provider adds an 'exit' listener

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BOARDS = Number(process.env.BENCH_BOARDS ?? 10);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 3);
const CARDS = Number(process.env.BENCH_CARDS ?? 100);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 5);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-bench-'));
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${buffer}`)));
  });
}

function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function connect(url: string, room: string, token: string | null): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface LoadResult {
  updates: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rssKiB: number;
}

/** Writers add cards on every board; one observer per board records arrival delays. */
async function runLoad(wsUrl: string, rooms: { room: string; token: string | null; column: string }[], pid: number): Promise<LoadResult> {
  const delays: number[] = [];
  const clients: { provider: WebsocketProvider }[] = [];
  const boards = [];
  for (const { room, token, column } of rooms) {
    const observer = connect(wsUrl, room, token);
    const writers = Array.from({ length: WRITERS }, () => connect(wsUrl, room, token));
    await Promise.all([observer.synced, ...writers.map((w) => w.synced)]);
    const seen = new Set<string>();
    observer.doc.getMap('cards').observe((event) => {
      const now = performance.now();
      for (const key of event.keysChanged) {
        if (seen.has(key)) continue;
        seen.add(key);
        const text = (observer.doc.getMap('cards').get(key) as Y.Map<unknown> | undefined)?.get('text');
        const sent = Number(String(text).split(' ')[0]);
        if (Number.isFinite(sent)) delays.push(now - sent);
      }
    });
    clients.push(observer, ...writers);
    boards.push({ observer, writers, column, seen });
  }
  const expected = rooms.length * WRITERS * CARDS;
  const start = performance.now();
  await Promise.all(
    boards.flatMap((b) =>
      b.writers.map(async (w) => {
        for (let i = 0; i < CARDS; i++) {
          addCard(w.doc, { columnId: b.column, text: `${performance.now()} card ${i}` });
          await new Promise((r) => setTimeout(r, INTERVAL_MS));
        }
      }),
    ),
  );
  while (delays.length < expected && performance.now() - start < 120_000) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - start) / 1000;
  const rss = rssKiB(pid);
  for (const c of clients) c.provider.destroy();
  const sorted = [...delays].sort((a, b) => a - b);
  return {
    updates: delays.length,
    seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    rssKiB: rss,
  };
}

async function benchPlenum(): Promise<LoadResult> {
  const dataDir = tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const port = Number((await waitForLine(child, /\(port (\d+)\)/))[1]);
    const base = `http://127.0.0.1:${port}`;
    const res = await fetch(`${base}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Bench', template: 'blank' }),
    });
    const session = (await res.json()) as { id: string; links: Record<string, string> };
    const token = (l: string) => new URL(l).hash.slice(3);
    const moderator = connect(`ws://127.0.0.1:${port}/ws`, session.id, token(session.links.moderator!));
    await moderator.synced;
    const phaseId = readSession(moderator.doc).phases[0]!.id;
    // One phase with BOARDS groups, so each board is a separate room.
    const groups = Array.from({ length: BOARDS }, (_, i) => ({ name: `Gruppe ${i + 1}` }));
    const benchPhase = addPhase(moderator.doc, { title: 'Bench', kind: 'groupwork', prompts: ['Spalte'], groups }, phaseId);
    await new Promise((r) => setTimeout(r, 200));
    const phase = readSession(moderator.doc).phases.find((p) => p.id === benchPhase)!;
    const rooms = phase.groups.map((g) => ({
      room: boardRoom(session.id, phase.id, g.id),
      token: token(session.links.participant!),
      column: phase.prompts[0]!.id,
    }));
    const result = await runLoad(`ws://127.0.0.1:${port}/ws`, rooms, child.pid!);
    moderator.provider.destroy();
    return result;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchStock(): Promise<LoadResult> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [path.join(root, 'node_modules/@y/websocket-server/src/server.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitForLine(child, /running at/);
    const rooms = Array.from({ length: BOARDS }, (_, i) => ({ room: `bench-board-${i}`, token: null, column: 'column1' }));
    return await runLoad(`ws://127.0.0.1:${port}`, rooms, child.pid!);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function benchMemory(): Promise<{ boards: number; cardsPerBoard: number; kibPerBoard: number }> {
  const dataDir = tempDir();
  const server = createPlenumServer({ dataDir, port: 0 });
  await server.listen();
  const res = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Memory', template: 'blank' }),
  });
  const session = (await res.json()) as { id: string };
  const sessionRoom = server.rooms.open(session.id);
  const groups = Array.from({ length: 12 }, (_, i) => ({ name: `G${i}` }));
  const phaseIds = Array.from({ length: 4 }, (_, i) =>
    addPhase(sessionRoom.doc, { title: `P${i}`, kind: 'groupwork', prompts: ['A', 'B'], groups }),
  );
  server.rooms.commits.flush();
  const names: string[] = [];
  for (const phaseId of phaseIds) {
    const phase = readSession(sessionRoom.doc).phases.find((p) => p.id === phaseId)!;
    for (const g of phase.groups) names.push(boardRoom(session.id, phase.id, g.id));
  }
  // Fill every board, then measure with all of them loaded.
  for (const name of names) {
    const room = server.rooms.open(name);
    room.acquire();
    for (let i = 0; i < 200; i++) addCard(room.doc, { columnId: readSession(sessionRoom.doc).phases[1]!.prompts[0]!.id, text: `Karte ${i} mit etwas Text darauf` });
    server.rooms.commits.flush();
  }
  (globalThis as { gc?: () => void }).gc?.();
  const loaded = process.memoryUsage().heapUsed;
  for (const name of names) {
    const room = server.rooms.loaded(name)!;
    if (readCards(room.doc).length !== 200) throw new Error('board not filled');
    room.release();
  }
  await server.close();
  (globalThis as { gc?: () => void }).gc?.();
  const unloaded = process.memoryUsage().heapUsed;
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { boards: names.length, cardsPerBoard: 200, kibPerBoard: Math.round((loaded - unloaded) / names.length / 1024) };
}

const fmt = (n: number) => n.toFixed(1);
console.log(`load: ${BOARDS} boards × ${WRITERS} writers × ${CARDS} cards, one card per writer every ${INTERVAL_MS} ms, plus one observer per board`);
for (const [name, run] of [
  ['plenum (SQLite, durable before broadcast)', benchPlenum],
  ['stock @y/websocket-server 0.1.1 (no persistence)', benchStock],
] as const) {
  const r = await run();
  console.log(
    `${name}: ${r.updates} cards in ${fmt(r.seconds)} s (${Math.round(r.updates / r.seconds)}/s); ` +
      `writer→observer latency ms p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} p99 ${fmt(r.p99)} max ${fmt(r.max)}; server RSS ${Math.round(r.rssKiB / 1024)} MiB`,
  );
}
const m = await benchMemory();
console.log(`memory: ${m.boards} loaded boards with ${m.cardsPerBoard} cards each: ~${m.kibPerBoard} KiB heap per board`);
process.exit(0);
