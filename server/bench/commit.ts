import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checkpointer } from '../src/checkpointer.ts';
import { CommitQueue, type Committable } from '../src/commit-queue.ts';
import type { Synchronous } from '../src/commit-batch.ts';
import { Storage } from '../src/storage.ts';
import { percentile } from './stats.ts';

// One-card group commits through the commit thread, synchronous=FULL against
// NORMAL (docs/benchmarks.md, "Durability"): the time from handing a batch
// to the thread until its answer is handled. The main thread is not busy
// for any of it: it waits in the event loop.

const COMMITS = Number(process.env.COMMITS ?? 2000);

export async function measureCommits(synchronous: Synchronous, commits = COMMITS) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-commit-bench-'));
  const storage = new Storage(dir, undefined, undefined, synchronous);
  const queue = new CommitQueue({ file: storage.file, synchronous });
  // As the server runs it: the write-ahead log is checkpointed beside the commits.
  const checkpoints = new Checkpointer({ file: storage.file });
  await queue.ready();
  const update = new Uint8Array(120).fill(7);
  const latencies: number[] = [];
  for (let i = 0; i < commits; i++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const item: Committable = {
        name: 'bench',
        sessionId: 'bench',
        takePending: () => [update],
        afterCommit: resolve,
        commitFailed: reject,
      };
      queue.schedule(item);
    });
    // The first tenth warms up (the threads start and compile meanwhile).
    if (i >= commits / 10) latencies.push(performance.now() - started);
  }
  queue.close();
  await checkpoints.close();
  storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { synchronous, commits: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const mode of ['full', 'normal', 'full', 'normal'] as const) {
    const r = await measureCommits(mode);
    console.log(`${r.synchronous.padEnd(6)} ${r.commits} one-card commits: p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms, max ${r.max.toFixed(2)} ms`);
  }
}
