import Database from 'better-sqlite3';
import { workerData, parentPort } from 'node:worker_threads';
import type { CheckpointThreadData, CheckpointReport } from './checkpointer.ts';

// The checkpoint thread. SQLite in WAL mode appends every commit to the
// write-ahead log and copies the log back into the database file in a
// checkpoint, which reads, writes and syncs the file. Left to SQLite, the
// connection that commits when the log passes 1,000 pages runs it inside
// that commit — and a card's way to the other screens waits for its commit
// (docs/sync-spec.md, S3). So this thread, on a connection of its own, runs a
// PASSIVE checkpoint every interval: PASSIVE neither waits for nor blocks the
// commit thread, which goes on appending meanwhile, and once everything is
// copied the next commit starts the log from its beginning again.

const { file, intervalMs } = workerData as CheckpointThreadData;
const db = new Database(file);
// This connection never writes; a checkpoint that finds the database locked
// (a compaction, a migration) simply copies less now and more next time.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

function run(): void {
  const started = performance.now();
  try {
    const [result] = checkpoint.all() as { busy: number; log: number; checkpointed: number }[];
    // An empty log (nothing committed since it was started again) is not news.
    if (!result || result.log <= 0) return;
    const report: CheckpointReport = {
      ok: true,
      walFrames: result.log,
      copiedFrames: result.checkpointed,
      seconds: (performance.now() - started) / 1000,
    };
    parentPort!.postMessage(report);
  } catch (error) {
    const { message, code } = error as { message?: string; code?: string };
    parentPort!.postMessage({ ok: false, message: message ?? String(error), code: code ?? 'UNKNOWN' } satisfies CheckpointReport);
  }
}

const timer = setInterval(run, intervalMs);
parentPort!.on('message', (message: 'close') => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
