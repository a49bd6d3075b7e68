import Database from 'better-sqlite3';
import type { Batch, Synchronous } from './commit-batch.ts';
import { WAL_SAFETY_PAGES } from './checkpointer.ts';

// The database connection that appends group commits to the update log,
// wherever it runs: on the main thread while the database is free and
// synchronous=normal, else on the commit thread (commit-queue.ts,
// commit-job.ts; docs/sync-spec.md, S3).

export interface BatchWriter {
  /** Appends every update of the batch in one transaction; throws SQLite's error, having written nothing. */
  write(batch: Batch): void;
  /** What the connection really uses (a typo must not silently weaken durability). */
  readonly synchronous: Synchronous;
  close(): void;
}

/** `busyTimeoutMs`: how long a commit waits for another connection's write lock before SQLITE_BUSY. */
export function openBatchWriter(file: string, synchronous: Synchronous, busyTimeoutMs: number): BatchWriter {
  const db = new Database(file);
  db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('secure_delete = ON');
  // The checkpoint thread copies the log back (checkpointer.ts); a commit does
  // it only if that thread has stopped and the log has grown this long.
  db.pragma(`wal_autocheckpoint = ${WAL_SAFETY_PAGES}`);
  const append = db.prepare('INSERT INTO updates (name, session_id, data) VALUES (?, ?, ?)');
  const write = db.transaction((batch: Batch) => {
    for (const { name, sessionId, updates } of batch.writes) {
      for (const update of updates) append.run(name, sessionId, update);
    }
  });
  const level = db.pragma('synchronous', { simple: true });
  return {
    write: (batch) => write(batch),
    synchronous: level === 1 ? 'normal' : 'full',
    close: () => db.close(),
  };
}
