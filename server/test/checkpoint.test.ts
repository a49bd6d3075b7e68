import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Checkpointer, WAL_SAFETY_PAGES, type CheckpointReport } from '../src/checkpointer.ts';
import { CommitQueue, type Committable } from '../src/commit-queue.ts';
import { Storage } from '../src/storage.ts';
import { addCard } from '@plenum/shared/board-doc';
import { readingLikeABackup } from './disk.ts';
import { connect, createSession, firstBoard, onCleanup, startServer, tempDir, tokenOf, waitFor } from './helpers.ts';

// S3: a card's way to the other screens waits for its commit, so no commit
// may copy the write-ahead log back into the database file (a checkpoint
// reads, writes and syncs it: milliseconds to tens of them). The checkpoint
// thread does it beside the commits (server/src/checkpointer.ts).

const UPDATE_BYTES = 20_000;
/** About 2,000 pages of log: twice what makes SQLite's default checkpoint inside a commit. */
const BATCHES = 400;
/** A small bound for the log before the thread has it start over (production: WAL_RESTART_PAGES). */
const RESTART_PAGES = 128;

async function commitMany(queue: CommitQueue, batches: number, bytes = UPDATE_BYTES): Promise<void> {
  const update = new Uint8Array(bytes).fill(1);
  for (let i = 0; i < batches; i++) {
    await new Promise<void>((resolve, reject) => {
      const item: Committable = { name: 'doc', sessionId: 'session', takePending: () => [update], afterCommit: resolve, commitFailed: reject };
      queue.schedule(item);
    });
  }
}

function open(): { storage: Storage; queue: CommitQueue; dir: string } {
  const dir = tempDir();
  const storage = new Storage(dir);
  const queue = new CommitQueue({ file: storage.file, synchronous: storage.synchronous });
  onCleanup(() => {
    queue.close();
    storage.close();
  });
  return { storage, queue, dir };
}

const sizeOf = (file: string) => fs.statSync(file).size;

/** A checkpoint thread on the file, every 20 ms; its reports, as they come. */
function checkpointing(file: string, restartPages?: number): CheckpointReport[] {
  const reports: CheckpointReport[] = [];
  const checkpointer = new Checkpointer({ file, intervalMs: 20, restartPages, onReport: (r) => reports.push(r) });
  onCleanup(() => checkpointer.close());
  return reports;
}

/** Whether a report after the first `from` says the log was cut. */
const cutSince = (reports: CheckpointReport[], from: number) => reports.slice(from).some((r) => r.ok && r.truncated);

/** The updates of 'doc' another connection reads. */
function countedByAnother(dir: string): number {
  const reader = new Storage(dir);
  try {
    return reader.countUpdates('doc');
  } finally {
    reader.close();
  }
}

describe('checkpoints of the write-ahead log', () => {
  it('S3: commits do not checkpoint the log themselves (the log grows past SQLite\'s 1,000 pages)', async () => {
    const { storage, queue } = open();
    await queue.ready();
    await commitMany(queue, BATCHES);
    // Checkpointed by a commit, the log would have started again at ~1,000 pages (4 MB).
    expect(sizeOf(`${storage.file}-wal`)).toBeGreaterThan(BATCHES * UPDATE_BYTES * 0.9);
    // And the database file holds none of it yet.
    expect(sizeOf(storage.file)).toBeLessThan(BATCHES * UPDATE_BYTES * 0.1);
  });

  it('S3: the checkpoint thread copies the log into the database while commits go on, and reports it', async () => {
    const { storage, queue, dir } = open();
    const reports = checkpointing(storage.file);
    await queue.ready();
    await commitMany(queue, BATCHES);
    await waitFor(() => sizeOf(storage.file) > BATCHES * UPDATE_BYTES * 0.9, 10_000, 'the log copied into the database file');
    await waitFor(() => reports.some((r) => r.ok && r.walFrames > 0 && r.copiedFrames === r.walFrames), 10_000, 'a complete checkpoint');
    expect(reports.every((r) => r.ok)).toBe(true);
    // Everything committed is there, read by another connection.
    expect(countedByAnother(dir)).toBe(BATCHES);
  });

  it('S3: once commits pause for an interval, the thread cuts the log file to zero bytes, and nothing committed is lost', async () => {
    const { storage, queue, dir } = open();
    const reports = checkpointing(storage.file);
    await queue.ready();
    await commitMany(queue, 50);
    const committed = reports.length;
    // Left to SQLite, the file keeps the size it reached, and the page images in it, until the last connection closes.
    await waitFor(() => sizeOf(`${storage.file}-wal`) === 0 && cutSince(reports, committed), 10_000, 'the log cut');
    expect(reports.every((r) => r.ok)).toBe(true);
    // The next commit starts a new log, and everything is there for another connection.
    await commitMany(queue, 1);
    expect(countedByAnother(dir)).toBe(51);
  });

  it('S3: while a backup reads the database the log is not cut, and it is once the backup is done', async () => {
    const { storage, queue } = open();
    const reports = checkpointing(storage.file);
    await queue.ready();
    // Begun before the commits, so it reads the database as it was, and needs the file's pages as they were.
    const backupDone = readingLikeABackup(storage.file);
    await commitMany(queue, 50);
    const committed = reports.length;
    // Five intervals with nothing committed: each would have cut the log, but for the reader.
    await waitFor(() => reports.length >= committed + 5, 10_000, 'five checkpoints while the backup reads');
    expect(cutSince(reports, committed)).toBe(false);
    expect(sizeOf(`${storage.file}-wal`)).toBeGreaterThan(50 * UPDATE_BYTES);
    backupDone();
    await waitFor(() => sizeOf(`${storage.file}-wal`) === 0 && cutSince(reports, committed), 10_000, 'the log cut');
  });

  it('S3: under commits that never pause, the thread still has the log start over, so it stays short', async () => {
    const { storage } = open();
    // Through the commit thread: each commit a round trip to it, so the
    // commits follow each other closely but a checkpoint interval holds
    // hundreds of them, not thousands.
    const queue = new CommitQueue({ file: storage.file, synchronous: storage.synchronous, inline: false });
    onCleanup(() => queue.close());
    const reports = checkpointing(storage.file, RESTART_PAGES);
    await queue.ready();
    // The thread checkpoints before the commits start: a busy machine may
    // take a second to start it, and the log the commits wrote meanwhile
    // (clean-clone CI once had 102 MB) is not what this measures.
    await commitMany(queue, 1, 200);
    await waitFor(() => reports.length > 0, 10_000, 'the checkpoint thread running');
    // One small commit after another, as card writes come under load: a
    // commit lands during nearly every checkpoint, and SQLite starts the log
    // over only at a commit that finds all of it copied. Left at that, the
    // log grows until a commit checkpoints it itself, at WAL_SAFETY_PAGES.
    let longest = 0;
    while (reports.filter((r) => r.ok && r.walFrames >= RESTART_PAGES).length < 20) {
      await commitMany(queue, 20, 200);
      longest = Math.max(longest, sizeOf(`${storage.file}-wal`));
    }
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(reports.some((r) => r.ok && r.restarted)).toBe(true);
    // Pages of 4 KiB and a frame header each: far below where a commit checkpoints.
    expect(longest).toBeLessThan((WAL_SAFETY_PAGES * 4120) / 2);
  });

  it('S3: the server checkpoints beside its commits and counts it in /metrics; shutdown stops the thread', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    const client = connect(server.url, board.room, token);
    await client.synced;
    for (let i = 0; i < 50; i++) addCard(client.doc, { columnId: board.columnId, text: `Karte ${i}` });
    const deadline = Date.now() + 10_000;
    let counted = 0;
    while (counted === 0 && Date.now() < deadline) {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      counted = Number(/^plenum_checkpoint_seconds_count (\d+)$/m.exec(text)?.[1] ?? 0);
    }
    expect(counted).toBeGreaterThan(0);
    client.destroy();
    await server.close();
    // Closed cleanly: the last connection copied the log back and removed it.
    expect(fs.existsSync(`${server.storage.file}-wal`)).toBe(false);
  });
});
