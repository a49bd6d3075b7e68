import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { repoRoot } from './servers.ts';

// The browser side, in headless Chromium: the 500-card board
// (client/e2e/bench/board-render.ts) and the moderator's plenum view of
// twelve boards while the groups still write (client/e2e/bench/plenum-view.ts),
// each run as a child process that prints its figures as JSON; and the size
// of the client's JavaScript as built.

interface Stats {
  median: number;
  p95: number;
  max: number;
  count: number;
}

export interface BoardRenderResult {
  cards: number;
  firstRender: { wall: Stats; cpu: Stats };
  edit: { wall: Stats; cpu: Stats };
  drag: { frame: Stats; over50: number; cpuPerDrag: Stats };
}

export interface BoardRenderSettings {
  cards: number;
  runs: number;
  edits: number;
}

export function boardRender(settings: BoardRenderSettings): Promise<BoardRenderResult> {
  return runBrowserBench<BoardRenderResult>('board-render.ts', {
    BENCH_BOARD_CARDS: String(settings.cards),
    BENCH_BOARD_RUNS: String(settings.runs),
    BENCH_BOARD_EDITS: String(settings.edits),
  });
}

export interface PlenumViewResult {
  boards: number;
  cardsPerBoard: number;
  /** From "Plenum öffnen" to every card shown. */
  open: { wallMs: number; cpuMs: number; longTasks: number; longestTaskMs: number };
  /** Cards written on the boards while the view is open. */
  live: { cards: number; perSecond: number; cpuPerCardMs: number; longTasks: number; longestTaskMs: number };
  /** A card dragged onto "neuer Punkt" (CPU: the median drag). */
  drag: { drags: number; cpuPerDragMs: number; longestTaskMs: number };
}

export interface PlenumViewSettings {
  cardsPerBoard: number;
  live: number;
  drags: number;
}

export function plenumView(settings: PlenumViewSettings): Promise<PlenumViewResult> {
  return runBrowserBench<PlenumViewResult>('plenum-view.ts', {
    BENCH_PLENUM_CARDS: String(settings.cardsPerBoard),
    BENCH_PLENUM_LIVE: String(settings.live),
    BENCH_PLENUM_DRAGS: String(settings.drags),
  });
}

/** Runs one of client/e2e/bench's scripts with --json and returns what it printed on its BENCH_JSON line. */
async function runBrowserBench<T>(script: string, env: Record<string, string>): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', `client/e2e/bench/${script}`, '--json'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  const line = output.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (code !== 0 || !line) throw new Error(`${script} failed (${code}):\n${output.slice(-4000)}`);
  return JSON.parse(line.slice('BENCH_JSON '.length)) as T;
}

export interface ClientSize {
  /** Every JavaScript file of the built client, plain and gzipped (level 9, as the build's `.gz` copy a browser without brotli is sent), kB (1,000 bytes). */
  files: { name: string; kB: number; gzipKB: number }[];
  gzipKB: number;
  kB: number;
}

export function clientSize(dist = path.join(repoRoot, 'client/dist')): ClientSize {
  const assets = path.join(dist, 'assets');
  if (!fs.existsSync(assets)) throw new Error('client/dist is missing: run `npm run build` first (`npm run bench` does)');
  const files = fs
    .readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const bytes = fs.readFileSync(path.join(assets, name));
      return { name, kB: bytes.length / 1000, gzipKB: zlib.gzipSync(bytes, { level: 9 }).length / 1000 };
    });
  return {
    files,
    gzipKB: files.reduce((a, f) => a + f.gzipKB, 0),
    kB: files.reduce((a, f) => a + f.kB, 0),
  };
}
