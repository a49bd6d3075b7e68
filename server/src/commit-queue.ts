import type { Storage } from './storage.ts';

// Group commit: every room with new updates in this turn of the event loop is
// written in one SQLite transaction (one fsync), then each room broadcasts.
// This is where "durable before broadcast" (docs/sync-spec.md, S3) is kept.

export interface Committable {
  /** Writes pending updates to storage; runs inside the shared transaction. */
  writePending(): void;
  /** Runs after the commit: broadcast and acknowledge what was written. */
  afterCommit(): void;
  /** The commit failed: nothing written may be broadcast. */
  commitFailed(error: unknown): void;
}

export class CommitQueue {
  private readonly dirty = new Set<Committable>();
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly onCommit: (seconds: number) => void = () => {},
  ) {}

  schedule(item: Committable): void {
    this.dirty.add(item);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Commits everything pending now (before answering a sync, unloading or shutting down). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.dirty.size === 0) return;
    const items = [...this.dirty];
    this.dirty.clear();
    const started = performance.now();
    try {
      this.storage.transaction(() => {
        for (const item of items) item.writePending();
      });
      this.onCommit((performance.now() - started) / 1000);
    } catch (error) {
      for (const item of items) item.commitFailed(error);
      return;
    }
    for (const item of items) item.afterCommit();
  }

  forget(item: Committable): void {
    this.dirty.delete(item);
  }
}
