import Database from 'better-sqlite3';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Batch, CloseRequest, CommitThreadData, Synchronous, ThreadMessage } from './commit-batch.ts';
import { openBatchWriter, type BatchWriter } from './batch-writer.ts';
import { startThread } from './thread.ts';

// Group commit. Every room with new updates is written in one SQLite
// transaction; once it is written, each room broadcasts and acknowledges what
// was written. This is where "durable before broadcast" (docs/sync-spec.md,
// S3) is kept.
//
// Where the transaction runs depends on what it waits for. With
// synchronous=full it waits for an fsync (milliseconds), so the commit thread
// (commit-job.ts) runs it and the main thread goes on reading and applying
// meanwhile. With synchronous=normal it is a write into the operating
// system's cache (tens of microseconds), less than handing it to the thread
// and back costs, so the main thread writes it itself — unless another
// connection holds the database's write lock: then the batch goes to the
// thread, which waits for the lock instead of the event loop.
//
// One batch is in flight at a time. While it is, the main thread goes on
// reading and applying updates; they wait for the next batch, which takes
// everything that came in meanwhile (so a slow disk makes batches larger,
// not the event loop slower).

export interface Committable {
  /** Hands over the updates not yet written (the next batch), or null if there are none. */
  takePending(): Uint8Array[] | null;
  /** Runs after the commit: broadcast and acknowledge what was written. */
  afterCommit(): void;
  /** The commit failed: nothing written may be broadcast. */
  commitFailed(error: unknown): void;
  readonly name: string;
  readonly sessionId: string;
}

export interface CommitQueueOptions {
  /** The SQLite file the thread appends to (already created and migrated by Storage). */
  file: string;
  synchronous: Synchronous;
  /** Hears the duration of every group commit (metrics). */
  onCommit?: (seconds: number) => void;
  /** How long `flush` waits for the thread before it gives the batch up as failed. */
  flushTimeoutMs?: number;
  /** Commit on the main thread while the database is free (default: with synchronous=normal). */
  inline?: boolean;
}

/** The thread did not answer, or stopped: its batch counts as not written. */
export class CommitThreadError extends Error {}

/** What the thread answers a batch or a close with (its 'ready' is taken by CommitThread itself). */
type Answer = Exclude<ThreadMessage, { ready: true }>;

const FLUSH_TIMEOUT_MS = 30_000;

/** The worker, the port its answers come through, and the slot it raises after each. */
class CommitThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  stopped: Error | null = null;
  /** Settles with the connection's synchronous setting once the thread has opened the database (or failed to). */
  readonly ready: Promise<Synchronous>;
  private markReady!: (outcome: Error | Synchronous) => void;

  constructor(file: string, synchronous: Synchronous, onAnswer: (answer: Answer) => void, onStop: (error: Error) => void) {
    this.ready = new Promise<Synchronous>((resolve, reject) => {
      this.markReady = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
    });
    // Nobody may wait for it (a server that is never started); a failure still reaches onStop.
    this.ready.catch(() => {});
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: CommitThreadData = { file, synchronous, port: port2, signal: this.signal.buffer as SharedArrayBuffer };
    this.worker = startThread(new URL('./commit-job.ts', import.meta.url), { workerData: data, transferList: [port2] });
    // Neither keeps the process alive: shutdown flushes first (S6).
    this.worker.unref();
    port1.unref();
    port1.on('message', (message: ThreadMessage) => {
      const answer = this.answerIn(message);
      if (answer) onAnswer(answer);
    });
    const stop = (error: Error) => {
      if (this.stopped) return;
      this.stopped = error;
      this.markReady(error);
      onStop(error);
    };
    this.worker.on('error', (error) => stop(error));
    this.worker.on('exit', (code) => stop(new CommitThreadError(`the commit thread exited with code ${code}`)));
  }

  /** Takes the thread's 'ready' here; anything else is an answer for the queue. */
  private answerIn(message: ThreadMessage): Answer | null {
    if (!('ready' in message)) return message;
    this.markReady(message.synchronous);
    return null;
  }

  post(message: Batch | CloseRequest): void {
    this.port.postMessage(message);
  }

  /**
   * Blocks until an answer can be read, and returns it; null after `timeoutMs`.
   * Only `flush` blocks like this, never the hot path.
   */
  receiveNow(timeoutMs: number): Answer | null {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const answer = this.answerIn(received.message as ThreadMessage);
        if (answer) return answer;
        continue;
      }
      const left = deadline - performance.now();
      if (left <= 0) return null;
      Atomics.wait(this.signal, 0, seen, Math.min(left, 100));
    }
  }

  terminate(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

export class CommitQueue {
  private readonly dirty = new Set<Committable>();
  private scheduled: NodeJS.Immediate | null = null;
  private inFlight: { id: number; items: Committable[] } | null = null;
  private nextId = 1;
  private thread: CommitThread | null = null;
  private readonly flushTimeoutMs: number;
  /** The main thread's own connection, never waiting for a lock; null if every batch goes to the thread. */
  private inlineWriter: BatchWriter | null;
  /** Batches committed on the main thread and by the commit thread (tests read them). */
  readonly committed = { inline: 0, thread: 0 };

  constructor(private readonly options: CommitQueueOptions) {
    this.flushTimeoutMs = options.flushTimeoutMs ?? FLUSH_TIMEOUT_MS;
    const inline = options.inline ?? options.synchronous === 'normal';
    this.inlineWriter = inline ? openBatchWriter(options.file, options.synchronous, 0) : null;
    // Started now, not at the first commit: a flush must never wait for the
    // thread to start (that would hold the event loop).
    this.threadNow();
  }

  /**
   * Resolves once the commit thread is up, with the synchronous setting its
   * connection really commits with; rejects if it cannot open the database.
   */
  ready(): Promise<Synchronous> {
    return this.threadNow().ready;
  }

  schedule(item: Committable): void {
    this.dirty.add(item);
    // While a batch is in flight, its answer starts the next one.
    if (!this.inFlight) this.scheduled ??= setImmediate(() => this.dispatch());
  }

  /**
   * Commits everything pending now and waits for it (before unloading,
   * compacting, a phase action or shutting down). Blocks the calling thread
   * for the commit: the hot path never calls it.
   */
  flush(): void {
    this.settle();
    this.dispatch();
    this.settle();
  }

  forget(item: Committable): void {
    this.dirty.delete(item);
  }

  /** Flushes, then closes the thread's database connection and stops it (shutdown). */
  close(): void {
    this.flush();
    const thread = this.thread;
    this.thread = null;
    this.inlineWriter?.close();
    this.inlineWriter = null;
    if (!thread || thread.stopped) return;
    const id = this.nextId++;
    thread.post({ id, close: true });
    // A thread that does not answer is stopped anyway: it holds no uncommitted batch.
    thread.receiveNow(this.flushTimeoutMs);
    thread.terminate();
  }

  private dispatch(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.inFlight || this.dirty.size === 0) return;
    const items = [...this.dirty];
    this.dirty.clear();
    const writes: Batch['writes'] = [];
    for (const item of items) {
      const updates = item.takePending();
      if (updates) writes.push({ name: item.name, sessionId: item.sessionId, updates });
    }
    const id = this.nextId++;
    this.inFlight = { id, items };
    if (this.inlineWriter && this.commitInline({ id, writes }, this.inlineWriter)) return;
    try {
      this.threadNow().post({ id, writes });
    } catch (error) {
      this.finish(id, error instanceof Error ? error : new CommitThreadError(String(error)));
    }
  }

  /** Commits the batch on this thread; false (nothing written) if the database is locked, for the thread to wait. */
  private commitInline(batch: Batch, writer: BatchWriter): boolean {
    const started = performance.now();
    try {
      writer.write(batch);
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) return false;
      this.finish(batch.id, error instanceof Error ? error : new Error(String(error)));
      return true;
    }
    this.committed.inline++;
    this.options.onCommit?.((performance.now() - started) / 1000);
    this.finish(batch.id, null);
    return true;
  }

  private threadNow(): CommitThread {
    if (this.thread && !this.thread.stopped) return this.thread;
    const thread: CommitThread = new CommitThread(
      this.options.file,
      this.options.synchronous,
      (answer) => this.onAnswer(answer),
      (error) => {
        if (this.thread === thread) this.thread = null;
        // The batch it held may or may not be on disk; its rooms reload from storage.
        if (this.inFlight) this.finish(this.inFlight.id, error);
      },
    );
    this.thread = thread;
    return thread;
  }

  /** Waits for the batch in flight, if any, and handles its answer. */
  private settle(): void {
    while (this.inFlight) {
      const { id } = this.inFlight;
      const thread = this.thread;
      const answer = thread && !thread.stopped ? thread.receiveNow(this.flushTimeoutMs) : null;
      if (answer) {
        this.onAnswer(answer);
        continue;
      }
      thread?.terminate();
      if (this.thread === thread) this.thread = null;
      this.finish(id, thread?.stopped ?? new CommitThreadError('the commit thread did not answer'));
    }
  }

  private onAnswer(answer: Answer): void {
    if ('closed' in answer) return;
    if (answer.ok) {
      this.committed.thread++;
      this.options.onCommit?.(answer.seconds);
      this.finish(answer.id, null);
    } else {
      // The same error class as a commit on this thread, so isStorageFault knows it.
      this.finish(answer.id, new Database.SqliteError(answer.message, answer.code));
    }
  }

  private finish(id: number, error: Error | null): void {
    const batch = this.inFlight;
    if (!batch || batch.id !== id) return;
    this.inFlight = null;
    for (const item of batch.items) {
      if (error) item.commitFailed(error);
      else item.afterCommit();
    }
    // Group commit: what arrived while this batch was on its way goes next.
    if (this.dirty.size > 0) this.scheduled ??= setImmediate(() => this.dispatch());
  }
}
