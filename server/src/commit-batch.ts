import type { MessagePort } from 'node:worker_threads';

// What the main thread and the commit thread say to each other
// (server/src/commit-queue.ts, server/src/commit-job.ts).

/** How SQLite syncs a commit to disk (docs/sync-spec.md, S3; docs/deploy.md). */
export type Synchronous = 'full' | 'normal';

/** One group commit: the new updates of every room that had some. */
export interface Batch {
  id: number;
  writes: { name: string; sessionId: string; updates: Uint8Array[] }[];
}

export type BatchResult =
  | { id: number; ok: true; seconds: number }
  | { id: number; ok: false; message: string; code: string };

/** Everything the thread posts: results, that it is ready, that it has closed. */
export type ThreadMessage = BatchResult | { ready: true; synchronous: Synchronous } | { id: number; closed: true };

/** Asks the thread to close its database connection and stop. */
export interface CloseRequest {
  id: number;
  close: true;
}

export interface CommitThreadData {
  file: string;
  synchronous: Synchronous;
  /** Where batches arrive and results go. */
  port: MessagePort;
  /** Int32 slot the thread raises after each answer, so the main thread can wait for one (flush). */
  signal: SharedArrayBuffer;
}
