import type { Worker } from 'node:worker_threads';
import { startThread } from './thread.ts';

// Keeps the write-ahead log short without a commit ever doing it: a thread of
// its own checkpoints every interval (checkpoint-job.ts; docs/sync-spec.md,
// S3). The connections that commit (the commit thread's, the main thread's
// Storage) checkpoint only as a last resort, once the log has grown past
// WAL_SAFETY_PAGES — if this thread has stopped or cannot keep up.

/**
 * Pages (4 KiB each) after which a committing connection checkpoints itself
 * (`wal_autocheckpoint`). SQLite's default is 1,000; the checkpoint thread
 * keeps the log far below this, so only a stopped thread lets it get there.
 */
export const WAL_SAFETY_PAGES = 16_384;

/** How often the thread checkpoints. A second's commits copy in a few milliseconds. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * Pages (16 MiB) past which the thread has the log start over even while
 * commits keep coming (checkpoint-job.ts): about 6 s of a 300-person
 * workshop's card writes, far below WAL_SAFETY_PAGES.
 */
export const WAL_RESTART_PAGES = 4_096;

export interface CheckpointThreadData {
  file: string;
  intervalMs: number;
  restartPages: number;
}

/** What the thread posts after each checkpoint that had a log to copy. */
export type CheckpointReport =
  | {
      ok: true;
      walFrames: number;
      copiedFrames: number;
      seconds: number;
      /** The log was long, and started over (WAL_RESTART_PAGES). */
      restarted: boolean;
      /** Nothing was committed for an interval, and the log file was cut to zero bytes. */
      truncated: boolean;
    }
  | { ok: false; message: string; code: string };

export interface CheckpointerOptions {
  /** The SQLite file (in WAL mode already: Storage opened it). */
  file: string;
  intervalMs?: number;
  /** Log length in pages past which the thread has the log start over (default WAL_RESTART_PAGES). */
  restartPages?: number;
  onReport?: (report: CheckpointReport) => void;
  /** The thread stopped (it is not restarted: the committing connections' safety checkpoint takes over). */
  onStop?: (error: Error) => void;
}

export class Checkpointer {
  private readonly worker: Worker;
  private closed = false;

  constructor(options: CheckpointerOptions) {
    const data: CheckpointThreadData = {
      file: options.file,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      restartPages: options.restartPages ?? WAL_RESTART_PAGES,
    };
    this.worker = startThread(new URL('./checkpoint-job.ts', import.meta.url), { workerData: data });
    // It never holds anything that must be written: it does not keep the process alive.
    this.worker.unref();
    this.worker.on('message', (report: CheckpointReport) => options.onReport?.(report));
    const stop = (error: Error) => {
      if (!this.closed) options.onStop?.(error);
      this.closed = true;
    };
    this.worker.on('error', stop);
    this.worker.on('exit', (code) => stop(new Error(`the checkpoint thread exited with code ${code}`)));
  }

  /** Stops the thread (shutdown); the last connection to close checkpoints the rest. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Waited for now: an unreferenced thread would let the process end before it has closed its connection.
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }
}
