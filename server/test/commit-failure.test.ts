import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { CLOSE } from '@plenum/shared/protocol';
import { findPhase, readMeta, setPhaseStatus, updateMeta } from '@plenum/shared/session-doc';
import type { PlenumServer } from '../src/server.ts';
import {
  type Client,
  collectDenials,
  connect,
  createSession,
  firstBoard,
  localClock,
  roundTrip,
  startServer,
  storedCards,
  tokenOf,
  waitFor,
  writerAndObserver,
} from './helpers.ts';

// S3 when SQLite refuses the commit: what was not committed is neither
// broadcast nor acknowledged; the room is dropped (4500, "try again later")
// and clients, who still hold their changes, send them again on reconnect.
// The failure is real: a trigger makes SQLite abort inserts into the log.


function failCommitsOf(server: PlenumServer, name: string): () => void {
  const db = server.storage.db;
  const quoted = name.replace(/'/g, "''");
  db.exec(`CREATE TRIGGER fail_commit BEFORE INSERT ON updates WHEN NEW.name = '${quoted}'
           BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`);
  return () => db.exec('DROP TRIGGER fail_commit');
}

function closeCodes(client: Client): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => {};
  try {
    return await fn();
  } finally {
    console.error = original;
  }
}

describe('S3 when a commit fails', () => {
  it('an update that could not be committed is neither broadcast nor acknowledged; clients resend it after reconnecting', async () => {
    const server = await startServer();
    const { board, writer, observer, acked } = await writerAndObserver(server.url);
    const first = addCard(writer.doc, { columnId: board.columnId, text: 'gespeichert' });
    await waitFor(() => readCards(observer.doc).length === 1, 5000, 'first card');
    await roundTrip(writer);
    const ackedBefore = acked();
    expect(ackedBefore).toBeGreaterThan(0);

    const writerCloses = closeCodes(writer);
    const observerCloses = closeCodes(observer);
    const heal = failCommitsOf(server, board.room);
    let lost = '';
    await quietly(async () => {
      lost = addCard(writer.doc, { columnId: board.columnId, text: 'nicht gespeichert' });
      await waitFor(() => writerCloses.length > 0 && observerCloses.length > 0, 5000, 'connections closed');
    });
    expect(writerCloses[0]).toBe(CLOSE.storageError);
    expect(observerCloses[0]).toBe(CLOSE.storageError);
    // Not broadcast, not acknowledged, not on disk.
    expect(readCards(observer.doc).map((c) => c.id)).toEqual([first]);
    expect(acked()).toBe(ackedBefore);
    expect(storedCards(server, board.room)).toEqual([first]);

    // Storage works again: the stock clients reconnect (4500 is "try again
    // later") and the writer's change arrives after all.
    heal();
    await waitFor(() => readCards(observer.doc).some((c) => c.id === lost), 10_000, 'resent card on observer');
    await waitFor(() => acked() >= localClock(writer.doc), 5000, 'ack');
    expect(storedCards(server, board.room).sort()).toEqual([first, lost].sort());
  });

  it("a failed session document takes its boards along: a phase closed afterwards is closed for them too", async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const board = await firstBoard(server.url, session.id, tokenOf(session.links.moderator));
    const moderator = connect(server.url, session.id, tokenOf(session.links.moderator));
    const participant = connect(server.url, board.room, tokenOf(session.links.participant));
    await Promise.all([moderator.synced, participant.synced]);
    const moderatorCloses = closeCodes(moderator);

    const heal = failCommitsOf(server, session.id);
    await quietly(async () => {
      updateMeta(moderator.doc, { title: 'nicht gespeichert' });
      await waitFor(() => moderatorCloses.length > 0, 5000, 'moderator closed');
    });
    expect(moderatorCloses[0]).toBe(CLOSE.storageError);
    heal();

    // The moderator is back (with the title resent) and closes the phase.
    await waitFor(() => moderator.provider.synced && server.rooms.loaded(session.id) !== undefined, 10_000, 'moderator back');
    await waitFor(() => readMeta(server.rooms.loaded(session.id)!.doc).title === 'nicht gespeichert', 5000, 'title resent');
    setPhaseStatus(moderator.doc, board.phaseId, 'closed');
    await roundTrip(moderator);
    expect(findPhase(server.rooms.loaded(session.id)!.doc, board.phaseId)?.status).toBe('closed');

    // Whether or not the participant had to reconnect, its board now answers
    // to the session document that is loaded, where the phase is closed.
    await waitFor(() => participant.provider.synced, 10_000, 'participant connected');
    const denials = collectDenials(participant);
    addCard(participant.doc, { columnId: board.columnId, text: 'zu spät' });
    await waitFor(() => participant.provider.synced, 10_000, 'participant connected');
    await roundTrip(participant);
    expect(denials).toHaveLength(1);
    const check = connect(server.url, board.room, tokenOf(session.links.moderator));
    await check.synced;
    expect(readCards(check.doc)).toEqual([]);
  });
});
