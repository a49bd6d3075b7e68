import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { readSession } from '@plenum/shared/session-doc';
import { connect, createSession, localClock, startServer, tempDir, tokenOf, waitFor, writerAndObserver } from './helpers.ts';
import { spawnServer } from './server-process.ts';

// `npm run backup -- <file>` (issue 13): a consistent online copy of the
// database taken while a writer keeps adding cards to the running server
// process; restored as a fresh DATA_DIR, every workshop opens and every card
// acknowledged before the copy began is in it.

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('backup and restore', () => {
  it('a backup taken during writes restores with every workshop intact and every card acknowledged before it', async () => {
    const dataDir = tempDir();
    const server = await spawnServer(dataDir);
    const others = [await createSession(server.url, { title: 'Zweiter Workshop' }), await createSession(server.url, { title: 'Dritter Workshop' })];
    const { session, board, writer, acked } = await writerAndObserver(server.url);
    const written: { id: string; clock: number }[] = [];
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing; i++) {
        const id = addCard(writer.doc, { columnId: board.columnId, text: `Karte ${i}` });
        written.push({ id, clock: localClock(writer.doc) });
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await waitFor(() => written.length >= 50 && acked() > 0, 20_000, 'some acknowledged cards');
    const ackedBefore = written.filter((w) => w.clock <= acked()).map((w) => w.id);

    const file = path.join(tempDir(), 'plenum-backup.sqlite');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/backup-cli.ts', file], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(stdout).toContain('3 workshops, integrity ok');
    const writtenDuring = written.length;
    writing = false;
    await writes;
    expect(writtenDuring - ackedBefore.length, 'the writer kept writing while the copy was taken').toBeGreaterThan(0);
    // A second backup to the same file is refused, not overwritten.
    await expect(run(process.execPath, ['--import', 'tsx', 'server/src/backup-cli.ts', file], { cwd: repoRoot, env: { ...process.env, DATA_DIR: dataDir } })).rejects.toThrow(/exists/);
    server.child.kill('SIGTERM');
    await server.exited;

    // Restore: the copy as the database of a fresh data directory.
    const restoredDir = tempDir();
    fs.copyFileSync(file, path.join(restoredDir, 'plenum.sqlite'));
    const restored = await startServer({ dataDir: restoredDir });
    const reader = connect(restored.url, board.room, tokenOf(session.links.participant));
    await reader.synced;
    const ids = new Set(readCards(reader.doc).map((c) => c.id));
    expect(ackedBefore.filter((id) => !ids.has(id))).toEqual([]);
    for (const other of others) {
      const client = connect(restored.url, other.id, tokenOf(other.links.moderator));
      await client.synced;
      expect(readSession(client.doc).meta.title).toBe(other.id === others[0]!.id ? 'Zweiter Workshop' : 'Dritter Workshop');
    }
  }, 120_000);
});
