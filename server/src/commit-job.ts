import { workerData } from 'node:worker_threads';
import type { Batch, CloseRequest, CommitThreadData, ThreadMessage } from './commit-batch.ts';
import { openBatchWriter } from './batch-writer.ts';

// The commit thread. It owns the database connection that appends updates, so
// the fsync of a group commit holds this thread, not the main thread's event
// loop, which goes on reading and sending (docs/sync-spec.md, S3). Batches are
// committed one at a time in the order they arrive; every answer is posted,
// then the signal slot is raised, so a main thread blocked in `flush` wakes
// to a message that is already there.

const { file, synchronous, port, signal } = workerData as CommitThreadData;
const answered = new Int32Array(signal);

const writer = openBatchWriter(file, synchronous, 5000);

function answer(result: ThreadMessage): void {
  port.postMessage(result);
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
}

// What the connection really uses, so the main thread can report it (a typo must not silently weaken durability).
answer({ ready: true, synchronous: writer.synchronous });

port.on('message', (message: Batch | CloseRequest) => {
  if ('close' in message) {
    writer.close();
    answer({ id: message.id, closed: true });
    port.close();
    return;
  }
  const started = performance.now();
  try {
    writer.write(message);
    answer({ id: message.id, ok: true, seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    const { message: text, code } = error as { message?: string; code?: string };
    answer({ id: message.id, ok: false, message: text ?? String(error), code: code ?? 'UNKNOWN' });
  }
});
