import type { LoadPlan, PlannedWrite } from './load.ts';
import { seededRandom } from './stats.ts';

// Load plans: who writes when. Pure, so both servers get exactly the same plan.

export interface SteadyLoad {
  boards: number;
  clientsPerBoard: number;
  writesPerSecond: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
}

/** Evenly spaced writes, turn about over the boards and, within a board, over its clients. */
function steadyWrites(boards: number, clientsPerBoard: number, writesPerSecond: number, fromMs: number, toMs: number): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  for (let k = 0; ; k++) {
    const at = fromMs + (k * 1000) / writesPerSecond;
    if (at >= toMs) break;
    writes.push({ at, board: k % boards, client: Math.floor(k / boards) % clientsPerBoard });
  }
  return writes;
}

export function steadyPlan(load: SteadyLoad): LoadPlan {
  return {
    clientsPerBoard: load.clientsPerBoard,
    writes: steadyWrites(load.boards, load.clientsPerBoard, load.writesPerSecond, 0, load.warmupMs + load.measureMs),
    measureFrom: load.warmupMs,
    drainMs: load.drainMs,
  };
}

export interface BurstLoad {
  boards: number;
  clientsPerBoard: number;
  /** Warm-up at this many writes per second before the burst (not measured). */
  warmupWritesPerSecond: number;
  warmupMs: number;
  /** Quiet time between warm-up and burst, so the burst meets an idle server. */
  gapMs: number;
  /** Every client writes one card at a random moment within this window. */
  windowMs: number;
  drainMs: number;
  seed: number;
}

export function burstPlan(load: BurstLoad): LoadPlan {
  const random = seededRandom(load.seed);
  const burstAt = load.warmupMs + load.gapMs;
  const burst: PlannedWrite[] = [];
  for (let board = 0; board < load.boards; board++) {
    for (let client = 0; client < load.clientsPerBoard; client++) burst.push({ at: burstAt + random() * load.windowMs, board, client });
  }
  return {
    clientsPerBoard: load.clientsPerBoard,
    writes: [...steadyWrites(load.boards, load.clientsPerBoard, load.warmupWritesPerSecond, 0, load.warmupMs), ...burst],
    measureFrom: burstAt,
    drainMs: load.drainMs,
  };
}
