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
//
// Only if no commit lands while the checkpoint copies, though: SQLite starts
// the log over at a commit that finds all of it copied. Under steady writes
// (150 card writes a second are a commit every 7 ms; a checkpoint takes 1–8)
// that can fail for many seconds in a row, and the log grew until a commit
// checkpointed it itself, on the main thread, at WAL_SAFETY_PAGES (64 MiB:
// 5–13 ms inside a commit, every 10 s at 380 commits a second). So once the
// log is past restartPages, the thread follows its PASSIVE checkpoint with a
// RESTART one, which holds new commits off until the log is copied and its
// readers are done with it. The main thread does not wait for that: its
// commit finds the database locked and hands the batch to the commit thread
// (commit-queue.ts), which waits instead.
//
// And once a whole interval has passed without a commit, with all of the log
// copied, the thread cuts the log file to zero bytes (a TRUNCATE checkpoint).
// SQLite otherwise keeps the file at the largest size it reached (about 20
// MiB under load) and reuses it: between workshops, the old page images in it
// (texts people since changed or deleted) would stay on disk indefinitely.

/**
 * How long a RESTART (or TRUNCATE) checkpoint waits for the commit in
 * progress and for readers before it gives up until the next interval.
 * Commits wait this long at most, on the commit thread: while a backup reads
 * the whole file (`npm run backup`), once a second.
 */
const RESTART_WAIT_MS = 10;

const { file, intervalMs, restartPages } = workerData as CheckpointThreadData;
const db = new Database(file);
// This connection never writes; a checkpoint that finds the database locked
// (a compaction, a migration) simply copies less now and more next time.
// PASSIVE never waits, whatever this says; RESTART and TRUNCATE wait this long.
db.pragma(`busy_timeout = ${RESTART_WAIT_MS}`);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
const truncate = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** The log's length at the last interval: unchanged since, nothing was committed. */
let previousLog = -1;

function run(): void {
  const started = performance.now();
  try {
    const [result] = passive.all() as CheckpointResult[];
    const idle = result !== undefined && result.log === previousLog && result.checkpointed === result.log;
    previousLog = result?.log ?? -1;
    // An empty log (nothing committed since it was started again) is not news.
    if (!result || result.log <= 0) return;
    const restarted = result.log >= restartPages && (restart.all() as CheckpointResult[])[0]?.busy === 0;
    const truncated = !restarted && idle && (truncate.all() as CheckpointResult[])[0]?.busy === 0;
    const report: CheckpointReport = {
      ok: true,
      walFrames: result.log,
      copiedFrames: result.checkpointed,
      seconds: (performance.now() - started) / 1000,
      restarted,
      truncated,
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
