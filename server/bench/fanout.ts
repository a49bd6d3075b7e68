import { runLoad, type LoadPlan, type RunResult } from './load.ts';
import { burstPlan, steadyPlan, type BurstLoad, type SteadyLoad } from './schedule.ts';
import { startServer, type ServerKind } from './servers.ts';
import { median } from './stats.ts';

// The scenarios that load both servers alike: workshop (steady writes),
// burst (everyone at once) and capacity (more clients until p99 passes
// 50 ms). Runs alternate between the servers, A B A B …, each on a freshly
// started process, so drift of the shared machine hits both alike; the
// summary is the median of the runs' figures.

export interface FanoutSettings {
  /** Worker threads of the load generator. */
  workers: number;
  /** Extra environment for the Plenum process (`--plenum-env`). */
  plenumEnv: Record<string, string>;
  /** Called with each run's result as it comes in (progress output). */
  onRun?: (result: RunResult, label: string) => void;
}

export interface ServerSummary {
  runs: number;
  /** Medians over the runs of each run's percentile. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  serverCpuPerWrite: number;
  serverCpu: number;
  generatorCpu: number;
  rssMiB: number;
  sendLagP99: number;
  /** The server's own event loop over the measured window: its p99 and longest stall, ms. */
  eventLoopP99: number;
  eventLoopMax: number;
  /** Totals over all runs: measured writes, the deliveries they should have caused, those that did not arrive. */
  writes: number;
  expected: number;
  missing: number;
  disconnects: number;
}

export interface FanoutSummary {
  load: string;
  runs: RunResult[];
  plenum: ServerSummary;
  stock: ServerSummary;
  /** Plenum ÷ stock of the medians. */
  ratio: { p50: number; p95: number; p99: number; serverCpuPerWrite: number };
}

export const SERVER_ORDER: readonly ServerKind[] = ['plenum', 'stock'];

/** One run: a fresh server process, fresh boards, the plan, then the process is stopped. */
export async function runOnce(kind: ServerKind, boardCount: number, plan: LoadPlan, settings: FanoutSettings): Promise<RunResult> {
  const server = await startServer(kind, settings.plenumEnv);
  try {
    const boards = await server.boards(boardCount);
    return await runLoad(server, boards, plan, settings.workers);
  } finally {
    await server.stop();
  }
}

export function summarise(runs: RunResult[]): ServerSummary {
  const m = (pick: (r: RunResult) => number) => median(runs.map(pick));
  const total = (pick: (r: RunResult) => number) => runs.reduce((a, r) => a + pick(r), 0);
  return {
    runs: runs.length,
    p50: m((r) => r.latency.p50),
    p95: m((r) => r.latency.p95),
    p99: m((r) => r.latency.p99),
    max: m((r) => r.latency.max),
    serverCpuPerWrite: m((r) => r.serverCpuPerWrite),
    serverCpu: m((r) => r.serverCpu),
    generatorCpu: m((r) => r.generatorCpu),
    rssMiB: m((r) => r.rssMiB),
    sendLagP99: m((r) => r.sendLagP99),
    eventLoopP99: m((r) => r.eventLoop?.p99 ?? NaN),
    eventLoopMax: m((r) => r.eventLoop?.max ?? NaN),
    writes: total((r) => r.writes),
    expected: total((r) => r.expected),
    missing: total((r) => r.missing),
    disconnects: total((r) => r.disconnects),
  };
}

/** A B A B …: `repetitions` runs per server, alternated; plan(repetition) gives both servers the same plan. */
export async function alternate(
  name: string,
  load: string,
  boards: number,
  repetitions: number,
  plan: (repetition: number) => LoadPlan,
  settings: FanoutSettings,
): Promise<FanoutSummary> {
  const runs: RunResult[] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    const thisPlan = plan(rep);
    for (const kind of SERVER_ORDER) {
      const result = await runOnce(kind, boards, thisPlan, settings);
      runs.push(result);
      settings.onRun?.(result, `${name} ${rep + 1}/${repetitions}`);
    }
  }
  const plenum = summarise(runs.filter((r) => r.server === 'plenum'));
  const stock = summarise(runs.filter((r) => r.server === 'stock'));
  return {
    load,
    runs,
    plenum,
    stock,
    ratio: {
      p50: plenum.p50 / stock.p50,
      p95: plenum.p95 / stock.p95,
      p99: plenum.p99 / stock.p99,
      serverCpuPerWrite: plenum.serverCpuPerWrite / stock.serverCpuPerWrite,
    },
  };
}

export function describeSteady(l: SteadyLoad): string {
  return (
    `${l.boards * l.clientsPerBoard} clients on ${l.boards} boards, ${l.writesPerSecond} card writes/s in turn, ` +
    `${l.warmupMs / 1000} s warm-up then ${l.measureMs / 1000} s measured`
  );
}

export function workshop(load: SteadyLoad, repetitions: number, settings: FanoutSettings): Promise<FanoutSummary> {
  return alternate('workshop', describeSteady(load), load.boards, repetitions, () => steadyPlan(load), settings);
}

export function burst(load: Omit<BurstLoad, 'seed'>, repetitions: number, settings: FanoutSettings): Promise<FanoutSummary> {
  const text =
    `${load.boards * load.clientsPerBoard} clients on ${load.boards} boards each add one card within the same ` +
    `${load.windowMs / 1000} s (after ${load.warmupMs / 1000} s warm-up at ${load.warmupWritesPerSecond} writes/s)`;
  // Another random burst per repetition, the same for both servers.
  return alternate('burst', text, load.boards, repetitions, (rep) => burstPlan({ ...load, seed: 12 + rep }), settings);
}

export interface CapacityStep {
  clients: number;
  /** This step's runs per server (a failed step is run a second time before it counts). */
  runs: Partial<Record<ServerKind, RunResult[]>>;
}

export interface CapacityResult {
  load: string;
  limitMs: number;
  steps: CapacityStep[];
  /** The most clients each server served with p99 under the limit and nothing missing (0: not even the first step). */
  capacity: Record<ServerKind, number>;
  /** True when a server passed every step: its capacity is at least that, the bench did not find the limit. */
  reachedLastStep: Record<ServerKind, boolean>;
}

export interface CapacityLoad {
  steps: number[];
  clientsPerBoard: number;
  /** Writes per second per client (the workshop's 150 writes/s over 300 clients is 0.5). */
  writesPerClientSecond: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  limitMs: number;
}

/**
 * Raises the clients step by step; a server stays in until it fails a step
 * twice in a row (p99 ≥ the limit or cards missing). The servers take turns
 * to go first at each step.
 */
export async function capacity(load: CapacityLoad, settings: FanoutSettings): Promise<CapacityResult> {
  const passes = (r: RunResult) => r.latency.p99 < load.limitMs && r.missing === 0;
  const inRace = new Set<ServerKind>(SERVER_ORDER);
  const result: CapacityResult = {
    load:
      `steps of ${load.steps.join(', ')} clients, ${load.clientsPerBoard} per board, ${load.writesPerClientSecond} writes/s per client; ` +
      `${load.warmupMs / 1000} s warm-up then ${load.measureMs / 1000} s measured per run; a step fails at p99 ≥ ${load.limitMs} ms or any card missing, twice in a row`,
    limitMs: load.limitMs,
    steps: [],
    capacity: { plenum: 0, stock: 0 },
    reachedLastStep: { plenum: false, stock: false },
  };
  for (const [index, clients] of load.steps.entries()) {
    if (inRace.size === 0) break;
    const boards = Math.max(1, Math.round(clients / load.clientsPerBoard));
    const plan = steadyPlan({
      boards,
      clientsPerBoard: load.clientsPerBoard,
      writesPerSecond: boards * load.clientsPerBoard * load.writesPerClientSecond,
      warmupMs: load.warmupMs,
      measureMs: load.measureMs,
      drainMs: load.drainMs,
    });
    const step: CapacityStep = { clients: boards * load.clientsPerBoard, runs: {} };
    result.steps.push(step);
    const order = index % 2 === 0 ? SERVER_ORDER : [...SERVER_ORDER].reverse();
    for (let attempt = 0; attempt < 2; attempt++) {
      for (const kind of order) {
        const runs = (step.runs[kind] ??= []);
        if (!inRace.has(kind) || runs.some(passes) || runs.length > attempt) continue;
        const run = await runOnce(kind, boards, plan, settings);
        runs.push(run);
        settings.onRun?.(run, `capacity ${step.clients} clients`);
      }
    }
    for (const kind of SERVER_ORDER) {
      if (!inRace.has(kind)) continue;
      if (step.runs[kind]!.some(passes)) result.capacity[kind] = step.clients;
      else inRace.delete(kind);
    }
  }
  for (const kind of inRace) result.reachedLastStep[kind] = true;
  return result;
}
