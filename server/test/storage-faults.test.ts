import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { CLOSE } from '@plenum/shared/protocol';
import type { Storage } from '../src/storage.ts';
import { captureLogger } from './helpers.ts';
import { memoryPeer, memoryServer } from './memory.ts';

// S4/S5/S6 when storage refuses to compact (full disk, read-only file system):
// the server keeps running, the update log stays as it is (every committed
// update stays loadable), clients are told 4500, and compaction is retried
// later. The failure is real: triggers make SQLite abort writes of snapshots.

function refuseSnapshots(storage: Storage): () => void {
  storage.db.exec(`
    CREATE TRIGGER refuse_snapshot_insert BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;
    CREATE TRIGGER refuse_snapshot_update BEFORE UPDATE ON documents BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;
  `);
  return () => storage.db.exec('DROP TRIGGER refuse_snapshot_insert; DROP TRIGGER refuse_snapshot_update;');
}

function storedTexts(storage: Storage, room: string): string[] {
  const doc = new Y.Doc();
  const state = storage.loadDocument(room);
  if (state) Y.applyUpdate(doc, state);
  return readCards(doc).map((c) => c.text).sort();
}

describe('storage refuses to compact', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('S4: a refused compaction keeps the log and the process, closes clients with 4500, and is retried later', () => {
    const log = captureLogger('error');
    const { storage, rooms, columnId, room } = memoryServer({ compactEvery: 4, logger: log.logger });
    const a = memoryPeer(rooms, room, 'participant');
    const heal = refuseSnapshots(storage);
    const written: string[] = [];
    for (let i = 0; i < 8 && !a.socket.closed; i++) {
      written.push(`Karte ${i}`);
      addCard(a.doc, { columnId, text: `Karte ${i}` });
      rooms.commits.flush();
    }
    expect(a.socket.closed?.code).toBe(CLOSE.storageError);
    expect(log.lines.some((line) => line.includes('could not compact'))).toBe(true);
    expect(storage.countUpdates(room)).toBeGreaterThanOrEqual(4);
    expect(storedTexts(storage, room)).toEqual(written.sort());

    // Storage works again: a reconnecting client writes on, and the log is folded.
    heal();
    const b = memoryPeer(rooms, room, 'participant');
    for (let i = 0; i < 8; i++) {
      written.push(`wieder ${i}`);
      addCard(b.doc, { columnId, text: `wieder ${i}` });
      rooms.commits.flush();
    }
    expect(b.socket.closed).toBeNull();
    expect(storage.countUpdates(room)).toBeLessThan(4);
    expect(storedTexts(storage, room)).toEqual(written.sort());
  });

  it('S5: a refused compaction at idle unload keeps the log and the process, and the unload is retried', () => {
    const log = captureLogger('error');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { storage, rooms, columnId, room } = memoryServer({ idleUnloadMs: 50, logger: log.logger });
    const a = memoryPeer(rooms, room, 'participant');
    addCard(a.doc, { columnId, text: 'eins' });
    addCard(a.doc, { columnId, text: 'zwei' });
    rooms.commits.flush();
    a.conn.close(CLOSE.goingAway, 'bye');
    const heal = refuseSnapshots(storage);
    vi.advanceTimersByTime(50);
    expect(log.lines.some((line) => line.includes('could not compact'))).toBe(true);
    expect(storage.countUpdates(room)).toBeGreaterThan(0);
    expect(storedTexts(storage, room)).toEqual(['eins', 'zwei']);

    heal();
    vi.advanceTimersByTime(50);
    expect(rooms.loaded(room)).toBeUndefined();
    expect(storage.countUpdates(room)).toBe(0);
    expect(storedTexts(storage, room)).toEqual(['eins', 'zwei']);
  });

  it('S6: a refused compaction at shutdown keeps the log; every room is still closed', () => {
    const log = captureLogger('error');
    const { storage, rooms, columnId, room } = memoryServer({ logger: log.logger });
    const a = memoryPeer(rooms, room, 'participant');
    addCard(a.doc, { columnId, text: 'eins' });
    rooms.commits.flush();
    const heal = refuseSnapshots(storage);
    expect(() => rooms.closeAll(CLOSE.goingAway, 'server shutting down')).not.toThrow();
    expect(a.socket.closed?.code).toBe(CLOSE.goingAway);
    expect(rooms.size).toBe(0);
    heal();
    expect(storedTexts(storage, room)).toEqual(['eins']);
  });
});
