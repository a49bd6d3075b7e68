import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newId } from '@plenum/shared/ids';
import { createSession, openStockClient, tokenOf } from '../test/stock-client.ts';
import { boardRoom } from '@plenum/shared/protocol';
import { addPhase, readSession } from '@plenum/shared/session-doc';
import { BACKGROUND_RENDER_LOG, type BackgroundRenderLines } from '../src/protocol/renderer.ts';

// The two servers under test, each a separate process started the way it is
// started in production (Plenum: server/src/main.ts, as `npm run serve`;
// stock: @y/websocket-server's connection handler, stock-server.ts), on a free
// port, so the load generator never shares their thread.

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ServerKind = 'plenum' | 'stock';

/** One board room to load: the room name, the token to open it with, a column id for its cards. */
export interface BoardTarget {
  room: string;
  token: string | null;
  column: string;
}

/** How late the server's event loop ran its ticks over a window, ms (event-loop-probe.mjs). */
export interface EventLoopDelay {
  p99: number;
  max: number;
}

/** One window per server process: `start`, then `read` once. */
export interface EventLoopWindow {
  start(): void;
  read(): Promise<EventLoopDelay>;
}

export interface ServerUnderTest {
  kind: ServerKind;
  httpUrl: string;
  wsUrl: string;
  pid: number;
  /** The server's own event-loop delay over the measured window. */
  eventLoop: EventLoopWindow;
  /** `count` fresh board rooms, ready to connect to. */
  boards(count: number): Promise<BoardTarget[]>;
  /** Stops the process (SIGKILL: the bench has measured what it wanted; a clean shutdown would only compact). */
  stop(): Promise<void>;
}

/**
 * The environment every Plenum run gets: all clients of the bench come from
 * one address, which the production rate limits per address (docs/deploy.md,
 * "Access") would throttle after 1,000 connections; `--plenum-env` may add
 * to or override it.
 */
export const PLENUM_BENCH_ENV: Record<string, string> = {
  CONNECT_BURST: '1000000',
  CONNECT_PER_SECOND: '1000000',
  CREATE_BURST: '1000000',
  CREATE_PER_HOUR: '1000000',
  MAX_CONNECTIONS_PER_SESSION: '1000000',
};

interface Spawned {
  child: ChildProcess;
  port: number;
  output(): string;
}

/**
 * Starts a Node process and waits for the `"port":N` it prints when
 * listening. `execArgv` are Node's options; without `--conditions=plenum-compiled`
 * the script runs from its TypeScript source under tsx.
 */
export async function spawnListening(args: string[], env: Record<string, string | undefined>, execArgv: string[] = []): Promise<Spawned> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const compiled = execArgv.includes(COMPILED);
  const child = spawn(process.execPath, [...execArgv, ...(compiled ? [] : ['--import', 'tsx']), ...args], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Read everything the server prints (a full pipe would block it); keep the end for errors.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const listening = await printed({ child, output: () => output }, /"port":(\d+)/, STARTUP_TIMEOUT_MS);
  return { child, port: Number(listening[1]), output: () => output };
}

/** How long a bench process may take to start listening (a busy 2-core machine starts tsx slowly). */
const STARTUP_TIMEOUT_MS = 300_000;

/** Matches either line the server logs when a background render of this kind ends, in its output. */
export function renderEnded(lines: BackgroundRenderLines): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${literal(lines.done)}|${literal(lines.failed)}`);
}

/**
 * Resolves with the match once the process has printed something matching
 * `pattern` (rejects if it exits or `timeoutMs` passes first).
 */
export function printed(spawned: Pick<Spawned, 'child' | 'output'>, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${timeoutMs} ms:\n${spawned.output()}`)), timeoutMs);
    const check = () => {
      const match = pattern.exec(spawned.output());
      if (match) finish(match);
    };
    const exited = (code: number | null, signal: string | null) =>
      finish(new Error(`exited (${code ?? signal}) before printing ${pattern}:\n${spawned.output()}`));
    function finish(outcome: RegExpExecArray | Error) {
      clearTimeout(timer);
      spawned.child.stdout!.off('data', check);
      spawned.child.off('exit', exited);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
    spawned.child.stdout!.on('data', check);
    spawned.child.once('exit', exited);
    check();
  });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Node's options that load the probe into a server under test (before its own modules). */
const PROBE = ['--import', pathToFileURL(path.join(repoRoot, 'server/bench/event-loop-probe.mjs')).href];

/** The probe toggles on SIGUSR2: the first starts the window, the second prints its figures. */
function eventLoopWindow(spawned: Spawned): EventLoopWindow {
  return {
    start: () => void spawned.child.kill('SIGUSR2'),
    async read() {
      spawned.child.kill('SIGUSR2');
      const line = await printed(spawned, /\{"eventLoopDelay":(\{[^}]*\})\}/, 30_000);
      return JSON.parse(line[1]!) as EventLoopDelay;
    },
  };
}

/** SIGTERM, and wait for the exit: a profile is written at a clean exit only. */
async function stopGently(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A workshop of 300 people has 30 boards: one session per 30 boards, 10 groups per phase. */
const BOARDS_PER_SESSION = 30;
const GROUPS_PER_PHASE = 10;

/** A session with `count` boards, added by its moderator; resolves once the server knows every one. */
async function plenumSessionBoards(httpUrl: string, wsUrl: string, count: number): Promise<BoardTarget[]> {
  const session = await createSession(httpUrl, { title: 'Bench' });
  const moderatorToken = tokenOf(session.links.moderator);
  const participant = tokenOf(session.links.participant);
  const moderator = openStockClient(wsUrl, session.id, moderatorToken);
  try {
    await moderator.synced;
    const phaseIds: string[] = [];
    for (let made = 0; made < count; made += GROUPS_PER_PHASE) {
      const groups = Array.from({ length: Math.min(GROUPS_PER_PHASE, count - made) }, (_, i) => ({ name: `Gruppe ${made + i + 1}` }));
      phaseIds.push(addPhase(moderator.doc, { title: `Bench ${phaseIds.length + 1}`, kind: 'groupwork', prompts: ['Ideen'], groups }));
    }
    // The phases travel in order on one connection: once the server knows the
    // last, it knows all (a board of an unknown phase is refused with 404).
    const last = phaseIds.at(-1)!;
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${httpUrl}/api/sessions/${session.id}/phases/${last}/card-counts`, {
        headers: { authorization: `Bearer ${moderatorToken}` },
      });
      await res.arrayBuffer();
      if (res.status === 200) break;
      if (res.status !== 404 || attempt > 500) throw new Error(`card-counts: ${res.status}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const phases = readSession(moderator.doc).phases.filter((p) => phaseIds.includes(p.id));
    return phases.flatMap((phase) =>
      phase.groups.map((group) => ({ room: boardRoom(session.id, phase.id, group.id), token: participant, column: phase.prompts[0]!.id })),
    );
  } finally {
    moderator.provider.destroy();
  }
}

/**
 * Where the servers under test write CPU profiles of their threads
 * (`--cpu-prof`), if set: for finding what a figure is made of, and, as both
 * servers are profiled alike, what the one does that the other does not.
 */
const profileDir = process.env.PLENUM_BENCH_PROFILE;

/** Node's options for a profile of a server of this kind (in a folder named by it), or none. */
function profileFlags(kind: ServerKind): string[] {
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, kind)}`] : [];
}

/** The condition under which `@plenum/shared` resolves to its compiled JavaScript (package.json, `npm start`). */
const COMPILED = '--conditions=plenum-compiled';

/**
 * Plenum as `npm start` runs it: the compiled JavaScript of `npm run build`
 * (which `npm run bench` runs first), not the sources through tsx, whose
 * loader would compile modules and start its own threads inside the figures.
 */
export async function startPlenum(
  extraEnv: Record<string, string> = {},
  dataDir?: string,
): Promise<ServerUnderTest & { dataDir: string; printed(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> }> {
  const dir = dataDir ?? tempDir('plenum-bench-');
  const main = path.join(repoRoot, 'server/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('server/dist/main.js is missing: run `npm run build` first (npm run bench does)');
  const spawned = await spawnListening([main], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    PUBLIC_URL: '',
    LOG_REQUESTS: '',
    ...PLENUM_BENCH_ENV,
    ...extraEnv,
  }, [COMPILED, ...PROBE, ...profileFlags('plenum')]);
  // Measured once the server is all up: main.ts warms the rendering thread
  // up after listening (about a second of the other core), which would
  // otherwise fall into the first figures.
  await printed(spawned, renderEnded(BACKGROUND_RENDER_LOG.sample), 60_000);
  const httpUrl = `http://127.0.0.1:${spawned.port}`;
  const wsUrl = `ws://127.0.0.1:${spawned.port}/ws`;
  return {
    kind: 'plenum',
    httpUrl,
    wsUrl,
    pid: spawned.child.pid!,
    eventLoop: eventLoopWindow(spawned),
    dataDir: dir,
    /** What it has printed since it started, once it matches `pattern`. */
    printed: (pattern, timeoutMs) => printed(spawned, pattern, timeoutMs),
    async boards(count) {
      const targets: BoardTarget[] = [];
      for (let made = 0; made < count; made += BOARDS_PER_SESSION) {
        targets.push(...(await plenumSessionBoards(httpUrl, wsUrl, Math.min(BOARDS_PER_SESSION, count - made))));
      }
      return targets;
    },
    async stop() {
      if (profileDir) await stopGently(spawned.child);
      await stopProcess(spawned.child);
      if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startStock(): Promise<ServerUnderTest> {
  const spawned = await spawnListening(['server/bench/stock-server.ts'], { YPERSISTENCE: undefined, GC: undefined }, [...PROBE, ...profileFlags('stock')]);
  const httpUrl = `http://127.0.0.1:${spawned.port}`;
  const prefix = newId(8);
  return {
    kind: 'stock',
    httpUrl,
    wsUrl: `ws://127.0.0.1:${spawned.port}`,
    pid: spawned.child.pid!,
    eventLoop: eventLoopWindow(spawned),
    async boards(count) {
      return Array.from({ length: count }, (_, i) => ({ room: `bench-${prefix}-${i}`, token: null, column: newId() }));
    },
    async stop() {
      if (profileDir) await stopGently(spawned.child);
      await stopProcess(spawned.child);
    },
  };
}

export function startServer(kind: ServerKind, plenumEnv: Record<string, string>): Promise<ServerUnderTest> {
  return kind === 'plenum' ? startPlenum(plenumEnv) : startStock();
}
