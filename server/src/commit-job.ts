import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import type { Batch, CloseRequest, CommitThreadData, ThreadMessage } from './commit-batch.ts';
import { WAL_SAFETY_PAGES } from './checkpointer.ts';

// The commit thread. It owns the database connection that appends updates, so
// the fsync of a group commit holds this thread, not the main thread's event
// loop, which goes on reading and sending (docs/sync-spec.md, S3). Batches are
// committed one at a time in the order they arrive; every answer is posted,
// then the signal slot is raised, so a main thread blocked in `flush` wakes
// to a message that is already there.

const { file, synchronous, port, signal } = workerData as CommitThreadData;
const answered = new Int32Array(signal);

const db = new Database(file);
db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
db.pragma('busy_timeout = 5000');
db.pragma('secure_delete = ON');
// The checkpoint thread copies the log back (checkpointer.ts); a commit does
// it only if that thread has stopped and the log has grown this long.
db.pragma(`wal_autocheckpoint = ${WAL_SAFETY_PAGES}`);
const append = db.prepare('INSERT INTO updates (name, session_id, data) VALUES (?, ?, ?)');
const commit = db.transaction((batch: Batch) => {
  for (const { name, sessionId, updates } of batch.writes) {
    for (const update of updates) append.run(name, sessionId, update);
  }
});

function answer(result: ThreadMessage): void {
  port.postMessage(result);
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
}

// What the connection really uses, so the main thread can report it (a typo must not silently weaken durability).
const level = db.pragma('synchronous', { simple: true });
answer({ ready: true, synchronous: level === 1 ? 'normal' : 'full' });

port.on('message', (message: Batch | CloseRequest) => {
  if ('close' in message) {
    db.close();
    answer({ id: message.id, closed: true });
    port.close();
    return;
  }
  const started = performance.now();
  try {
    commit(message);
    answer({ id: message.id, ok: true, seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    const { message: text, code } = error as { message?: string; code?: string };
    answer({ id: message.id, ok: false, message: text ?? String(error), code: code ?? 'UNKNOWN' });
  }
});
