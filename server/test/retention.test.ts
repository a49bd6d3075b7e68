import { describe, expect, it, vi } from 'vitest';
import { addCard } from '@plenum/shared/board-doc';
import { CLOSE, sessionRoom } from '@plenum/shared/protocol';
import { api, connect, createSession, firstBoard, providerClosed, roundTrip, startServer, tempDir, tokenOf, waitFor } from './helpers.ts';
import { filesHolding, readingLikeABackup } from './disk.ts';

// RETENTION_DAYS: a workshop is deleted whole (documents, log, snapshots,
// tokens) once it is older than the period, counted from its creation. The
// server's clock is injected, so no test waits for days.

const DAY = 24 * 60 * 60 * 1000;

describe('retention', () => {
  it('deletes workshops older than the period whole, closes their connections, and leaves younger ones', async () => {
    const dataDir = tempDir();
    const start = Date.UTC(2026, 0, 1);
    let now = start;
    const server = await startServer({ dataDir, retentionDays: 30, now: () => now });
    const old = await createSession(server.url, { title: 'Alt Reiher' });
    now = start + 20 * DAY;
    const young = await createSession(server.url, { title: 'Jung Kranich' });
    const moderator = tokenOf(old.links.moderator);
    const board = await firstBoard(server.url, old.id, moderator);
    const writer = connect(server.url, board.room, tokenOf(old.links.participant));
    await writer.synced;
    addCard(writer.doc, { columnId: board.columnId, text: 'Karte Reiher am Teich' });
    await roundTrip(writer);
    expect((await api(server.url, 'POST', `/api/sessions/${old.id}/snapshots`, { token: moderator, body: { label: 'Reiher' } })).status).toBe(201);
    const closed = providerClosed(writer);

    now = start + 30 * DAY - 1;
    expect(server.sweepRetention()).toEqual([]);
    now = start + 30 * DAY + 1;
    expect(server.sweepRetention()).toEqual([old.id]);
    expect((await closed).code).toBe(CLOSE.sessionDeleted);
    expect((await api(server.url, 'GET', `/api/sessions/${old.id}`, { token: moderator })).status).toBe(401);
    expect((await api(server.url, 'GET', `/api/sessions/${young.id}`, { token: tokenOf(young.links.viewer) })).status).toBe(200);
    expect(filesHolding(dataDir, 'Reiher')).toEqual([]);
    expect(filesHolding(dataDir, 'Kranich').length).toBeGreaterThan(0);

    now = start + 50 * DAY + 1;
    expect(server.sweepRetention()).toEqual([young.id]);
    expect(filesHolding(dataDir, 'Kranich')).toEqual([]);
  });

  it('without a period nothing is ever deleted', async () => {
    let now = Date.now();
    const server = await startServer({ now: () => now });
    const session = await createSession(server.url);
    now += 10_000 * DAY;
    expect(server.sweepRetention()).toEqual([]);
    expect((await api(server.url, 'GET', `/api/sessions/${session.id}`, { token: tokenOf(session.links.viewer) })).status).toBe(200);
  });

  it('a server starting on a data directory sweeps at once: workshops overdue while it was down are gone before it serves', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    const session = await createSession(first.url, { title: 'Überfällig Storch' });
    await first.close();
    const second = await startServer({ dataDir, retentionDays: 7, now: () => Date.now() + 8 * DAY });
    expect((await api(second.url, 'GET', `/api/sessions/${session.id}`, { token: tokenOf(session.links.viewer) })).status).toBe(401);
    expect(filesHolding(dataDir, 'Storch')).toEqual([]);
  });

  // Each cut of the log copies it into the database and syncs the file; while
  // a backup reads, each waits up to 0.1 s with the event loop (docs/privacy.md).
  const cutsOfTheLog = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.filter(([pragma]) => pragma === 'wal_checkpoint(TRUNCATE)').length;

  it('a sweep of several overdue workshops cuts the write-ahead log once, after the last', async () => {
    const dataDir = tempDir();
    let now = Date.now();
    const server = await startServer({ dataDir, retentionDays: 7, now: () => now });
    const titles = ['Reiher', 'Kranich', 'Storch', 'Ibis'].map((bird) => `Überfällig ${bird}`);
    for (const title of titles) await createSession(server.url, { title });
    const pragma = vi.spyOn(server.storage.db, 'pragma');
    now += 8 * DAY;
    expect(server.sweepRetention()).toHaveLength(4);
    expect(cutsOfTheLog(pragma)).toBe(1);
    for (const title of titles) expect([title, filesHolding(dataDir, title)]).toEqual([title, []]);
  });

  it('while a backup reads, a deletion after one that could not cut the log does not wait again: the retry cuts it for both', async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir });
    const sessions = [await createSession(server.url, { title: 'Gelöscht Reiher' }), await createSession(server.url, { title: 'Gelöscht Kranich' })];
    const backupDone = readingLikeABackup(server.storage.file);
    const pragma = vi.spyOn(server.storage.db, 'pragma');
    const [first, second] = sessions.map((s) => ({ id: s.id, token: tokenOf(s.links.moderator) }));
    expect((await api(server.url, 'DELETE', `/api/sessions/${first!.id}`, { token: first!.token })).status).toBe(204);
    expect(cutsOfTheLog(pragma)).toBeGreaterThan(0);
    pragma.mockClear();
    expect((await api(server.url, 'DELETE', `/api/sessions/${second!.id}`, { token: second!.token })).status).toBe(204);
    expect(cutsOfTheLog(pragma)).toBe(0);
    backupDone();
    await waitFor(() => filesHolding(dataDir, 'Gelöscht').length === 0, 10_000, 'both deleted workshops gone from the disk');
  });

  it('a sweep that fails at one workshop has scrubbed the ones deleted before it and leaves the ones after it open', async () => {
    const dataDir = tempDir();
    const start = Date.UTC(2026, 0, 1);
    let now = start;
    const server = await startServer({ dataDir, retentionDays: 7, now: () => now });
    await createSession(server.url, { title: 'Überfällig Reiher' });
    now += 1;
    const failing = await createSession(server.url, { title: 'Überfällig Kranich' });
    now += 1;
    const after = await createSession(server.url, { title: 'Überfällig Storch' });
    const open = connect(server.url, sessionRoom(after.id), tokenOf(after.links.participant));
    await open.synced;
    // A write that fails inside the second workshop's deletion, as a full disk would.
    server.storage.db.exec(`CREATE TRIGGER failing BEFORE DELETE ON sessions WHEN old.id = '${failing.id}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    now += 8 * DAY;
    expect(() => server.sweepRetention()).toThrow(/disk full/);
    expect(filesHolding(dataDir, 'Reiher')).toEqual([]);
    expect(filesHolding(dataDir, 'Storch').length).toBeGreaterThan(0);
    // Its room was not dropped (that closes every connection with 4404, "session deleted"), and it still serves.
    expect(server.rooms.loaded(sessionRoom(after.id))?.connections.size).toBe(1);
    await roundTrip(open);
  });
});
