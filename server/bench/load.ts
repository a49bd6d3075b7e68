import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WireWrite, WorkerResult, WorkerSetup } from './load-worker.ts';
import { processCpuMs, processMemoryMiB } from './machine.ts';
import type { BoardTarget, EventLoopDelay, ServerKind, ServerUnderTest } from './servers.ts';
import { distribution, percentile, type Distribution } from './stats.ts';

// One load run against one server: the generator's clients live in worker
// threads (load-worker.ts), so they never share the bench's own thread; the
// server is another process. The plan says which client writes when; writes
// before `measureFrom` warm the server up and are not counted.

/** A write of the plan: `at` ms after the start, by client `client` of board `board`. */
export interface PlannedWrite {
  at: number;
  board: number;
  client: number;
}

export interface LoadPlan {
  clientsPerBoard: number;
  writes: PlannedWrite[];
  /** Writes at or after this time (ms after the start) are measured; the ones before warm up. */
  measureFrom: number;
  /** How long to wait after the last write for every card to arrive, ms. */
  drainMs: number;
}

export interface RunResult {
  server: ServerKind;
  clients: number;
  boards: number;
  /** Measured writes and the fan-out they should have caused (each write reaches the board's other clients). */
  writes: number;
  expected: number;
  missing: number;
  /** Fan-out delay, write to arrival at another client of the board, ms. */
  latency: Distribution;
  /** 99th percentile of how late the generator sent its writes, ms. */
  sendLagP99: number;
  /** Server process CPU time per measured write, ms (user + system, all threads). */
  serverCpuPerWrite: number;
  /** Server CPU over the measured window, % of one core. */
  serverCpu: number;
  /** The load generator's own CPU over the same window (all its threads), % of one core. */
  generatorCpu: number;
  rssMiB: number;
  peakRssMiB: number;
  disconnects: number;
  /** How late the server's own event loop ran over the measured window (absent in records from before 2026-11-27 18:30). */
  eventLoop?: EventLoopDelay;
}

const require = createRequire(import.meta.url);
const tsxApi = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
const workerFile = new URL('./load-worker.ts', import.meta.url).href;

/** A worker thread running load-worker.ts under tsx (a worker does not inherit the --import hooks). */
function startWorker(setup: WorkerSetup): Worker {
  const source = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerFile)}); })`;
  return new Worker(source, { eval: true, workerData: setup });
}

function request<T extends FromWorker['type']>(worker: Worker, message: ToWorker, answer: T): Promise<Extract<FromWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: FromWorker) => {
      if (reply.type !== answer && reply.type !== 'error') return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      if (reply.type === 'error') reject(new Error(`load worker: ${reply.message}`));
      else resolve(reply as Extract<FromWorker, { type: T }>);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.postMessage(message);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleepUntil = (epochMs: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));

export async function runLoad(server: ServerUnderTest, boards: BoardTarget[], plan: LoadPlan, workerCount: number): Promise<RunResult> {
  const count = Math.max(1, Math.min(workerCount, boards.length));
  // Board i runs in worker i % count, as its local board floor(i / count).
  const workers = Array.from({ length: count }, (_, w) =>
    startWorker({ wsUrl: server.wsUrl, boards: boards.filter((_, i) => i % count === w), clientsPerBoard: plan.clientsPerBoard }),
  );
  try {
    await withTimeout(Promise.all(workers.map((w) => request(w, { type: 'connect' }, 'connected'))), 180_000, 'connecting the clients');
    // Every worker gets its part of the plan before the common start.
    const start = Date.now() + 500;
    const parts: WireWrite[][] = workers.map(() => []);
    plan.writes.forEach((write, id) => {
      parts[write.board % count]!.push([start + write.at, Math.floor(write.board / count), write.client, write.at >= plan.measureFrom ? 1 : 0, id]);
    });
    const lastWrite = Math.max(0, ...plan.writes.map((w) => w.at));
    const runs = workers.map((w, i) => request(w, { type: 'run', writes: parts[i]!, drainMs: plan.drainMs }, 'done'));
    // The measured window: from the first measured write to the last write.
    await sleepUntil(start + plan.measureFrom);
    const cpuFrom = { server: processCpuMs(server.pid), generator: process.cpuUsage(), at: performance.now() };
    server.eventLoop.start();
    await sleepUntil(start + lastWrite);
    const eventLoop = server.eventLoop.read();
    eventLoop.catch(() => {}); // awaited below, once the run is in
    const window = performance.now() - cpuFrom.at;
    const serverCpuMs = processCpuMs(server.pid) - cpuFrom.server;
    const generator = process.cpuUsage(cpuFrom.generator);
    const memory = processMemoryMiB(server.pid);
    const results: WorkerResult[] = (await withTimeout(Promise.all(runs), lastWrite + plan.drainMs + 60_000, 'the load run')).map((r) => r.result);
    // CPU per write counts until the last card arrived (or the drain gave up): the server's work on the last writes too.
    const serverCpuAllMs = processCpuMs(server.pid) - cpuFrom.server;
    const latencies = results.flatMap((r) => r.latencies);
    const writes = sum(results.map((r) => r.measuredWrites));
    const expected = sum(results.map((r) => r.expected));
    return {
      server: server.kind,
      clients: boards.length * plan.clientsPerBoard,
      boards: boards.length,
      writes,
      expected,
      missing: expected - sum(results.map((r) => r.received)),
      latency: distribution(latencies),
      sendLagP99: percentile(results.flatMap((r) => r.sendLags).sort((a, b) => a - b), 99),
      serverCpuPerWrite: writes ? serverCpuAllMs / writes : NaN,
      serverCpu: window > 0 ? (100 * serverCpuMs) / window : NaN,
      generatorCpu: window > 0 ? (100 * (generator.user + generator.system)) / 1000 / window : NaN,
      rssMiB: memory.rss,
      peakRssMiB: memory.peak,
      disconnects: sum(results.map((r) => r.disconnects)),
      eventLoop: await eventLoop,
    };
  } finally {
    await Promise.all(
      workers.map(async (w) => {
        await withTimeout(request(w, { type: 'close' }, 'closed'), 10_000, 'closing the clients').catch(() => {});
        await w.terminate();
      }),
    );
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
