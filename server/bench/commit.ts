import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checkpointer } from '../src/checkpointer.ts';
import { CommitQueue, type Committable } from '../src/commit-queue.ts';
import type { Synchronous } from '../src/commit-batch.ts';
import { Storage } from '../src/storage.ts';
import { percentile } from './stats.ts';

// One-card group commits, synchronous=FULL against NORMAL, and NORMAL on the
// main thread (the default) against NORMAL through the commit thread
// (docs/sync-spec.md, S3): the time from scheduling a batch until its rooms
// hear it is written. Through the thread the main thread waits in the event
// loop meanwhile; on the main thread all of it holds the event loop.

const COMMITS = Number(process.env.COMMITS ?? 2000);

export async function measureCommits(synchronous: Synchronous, inline: boolean, commits = COMMITS) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-commit-bench-'));
  const storage = new Storage(dir, undefined, undefined, synchronous);
  const queue = new CommitQueue({ file: storage.file, synchronous, inline });
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
  return { synchronous, where: inline ? 'main thread' : 'commit thread', commits: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const modes = [
    ['full', false],
    ['normal', false],
    ['normal', true],
  ] as const;
  for (const [synchronous, inline] of [...modes, ...modes]) {
    const r = await measureCommits(synchronous, inline);
    console.log(
      `${r.synchronous.padEnd(6)} on the ${r.where.padEnd(13)} ${r.commits} one-card commits: p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms, max ${r.max.toFixed(2)} ms`,
    );
  }
}
