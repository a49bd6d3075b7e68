import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { boardRoom, MESSAGE, privateRoom, writerIdFor } from '@plenum/shared/protocol';
import { readSession, setCurrentPhase, setPhaseStatus, updatePhase } from '@plenum/shared/session-doc';
import { connect, createSession, privateWritingWorkshop, rawSocket, startServer, storedCards, tokenOf, waitFor, wsUrl } from './helpers.ts';

async function post(url: string, token: string, body?: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

async function links(url: string, sessionId: string, token: string) {
  const res = await fetch(`${url}/api/sessions/${sessionId}/links`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('links', () => {
  it('shows every link to the moderator again, also after the moderator link is renewed', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const mod = tokenOf(session.links.moderator);
    expect((await links(server.url, session.id, mod)).body).toEqual(session.links);
    expect((await links(server.url, session.id, tokenOf(session.links.participant))).status).toBe(403);
    const renewed = await post(`${server.url}/api/sessions/${session.id}/links/moderator/regenerate`, mod);
    const newMod = tokenOf(String(renewed.body?.link));
    expect((await links(server.url, session.id, mod)).status).toBe(401);
    const shown = (await links(server.url, session.id, newMod)).body;
    expect(shown.participant).toBe(session.links.participant);
    expect(shown.viewer).toBe(session.links.viewer);
    expect(shown.moderator).toBe(renewed.body?.link);
    // The database holds no participant token in the clear.
    const rows = server.storage.db.prepare('SELECT hash, sealed FROM tokens').all() as { hash: string; sealed: Buffer | null }[];
    const dump = JSON.stringify(rows.map((r) => [r.hash, r.sealed?.toString('latin1')]));
    expect(dump).not.toContain(tokenOf(session.links.participant));
  });
});

describe('timer on server time', () => {
  it('starts, pauses, adds a minute and resets through the API', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const mod = tokenOf(session.links.moderator);
    const client = connect(server.url, session.id, tokenOf(session.links.viewer));
    await client.synced;
    const phaseId = readSession(client.doc).phases[0]!.id;
    const base = `${server.url}/api/sessions/${session.id}/phases/${phaseId}/timer`;
    const before = Date.now();
    const started = await post(base, mod, { action: 'start' });
    expect(started.status).toBe(200);
    const timer = started.body?.timer as { endsAt: number; durationMs: number };
    expect(timer.endsAt).toBeGreaterThanOrEqual(before + timer.durationMs);
    await waitFor(() => readSession(client.doc).phases[0]!.timer.endsAt === timer.endsAt, 5000, 'timer broadcast');
    const paused = await post(base, mod, { action: 'pause' });
    expect((paused.body?.timer as { endsAt: number | null }).endsAt).toBeNull();
    const reset = await post(base, mod, { action: 'reset', minutes: 7 });
    expect(reset.body?.timer).toEqual({ durationMs: 420_000, endsAt: null, remainingMs: 420_000 });
    expect((await post(base, mod, { action: 'explode' })).status).toBe(400);
    expect((await post(base, tokenOf(session.links.participant), { action: 'start' })).status).toBe(403);
    expect((await post(`${server.url}/api/sessions/${session.id}/phases/nope/timer`, mod, { action: 'start' })).status).toBe(404);
  });
});

describe('closing a phase stops its timer', () => {
  // Closed by the moderator's own document write, so the server stops the
  // timer on the closure with its own clock: what was left is kept, endsAt null.
  const runningTimer = async (template: string) => {
    const server = await startServer();
    const session = await createSession(server.url, { template });
    const mod = tokenOf(session.links.moderator);
    const moderator = connect(server.url, session.id, mod);
    await moderator.synced;
    const phases = readSession(moderator.doc).phases;
    setCurrentPhase(moderator.doc, phases[0]!.id);
    const started = await post(`${server.url}/api/sessions/${session.id}/phases/${phases[0]!.id}/timer`, mod, { action: 'start' });
    const timer = started.body?.timer as { endsAt: number; durationMs: number };
    await waitFor(() => readSession(moderator.doc).phases[0]!.timer.endsAt === timer.endsAt, 5000, 'timer running');
    return { server, session, mod, moderator, phases, timer };
  };
  const expectStopped = async (moderator: { doc: import('yjs').Doc }, timer: { endsAt: number; durationMs: number }) => {
    await waitFor(() => readSession(moderator.doc).phases[0]!.timer.endsAt === null, 5000, 'timer stopped');
    const left = readSession(moderator.doc).phases[0]!.timer.remainingMs;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(timer.durationMs);
  };

  it('"Phase schließen" stops the running timer and keeps the time left', async () => {
    const { server, session, mod, moderator, phases, timer } = await runningTimer('blank');
    setPhaseStatus(moderator.doc, phases[0]!.id, 'closed');
    await expectStopped(moderator, timer);
    // Nor can it be started again while the phase stays closed.
    const again = await post(`${server.url}/api/sessions/${session.id}/phases/${phases[0]!.id}/timer`, mod, { action: 'start' });
    expect(again.status).toBe(400);
    expect((again.body?.error as { code: string }).code).toBe('read_only');
  });

  it('starting the next phase closes the current one and stops its timer', async () => {
    const { moderator, phases, timer } = await runningTimer('bilanz-zukunft');
    setCurrentPhase(moderator.doc, phases[1]!.id);
    await expectStopped(moderator, timer);
    expect(readSession(moderator.doc).phases[0]!.status).toBe('closed');
  });
});

describe('private writing', () => {
  it('keeps private cards off other browsers until the reveal, then moves them onto the board', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const mod = tokenOf(session.links.moderator);
    const part = tokenOf(session.links.participant);
    const moderator = connect(server.url, session.id, mod);
    await moderator.synced;
    const phase = readSession(moderator.doc).phases[0]!;
    const group = phase.groups[0]!.id;
    updatePhase(moderator.doc, phase.id, { privateWriting: true });
    await waitFor(() => server.rooms.loaded(session.id) !== undefined && readSession(server.rooms.loaded(session.id)!.doc).phases[0]!.privateWriting, 5000, 'private on');

    const secretA = 'secret-of-writer-a-0123456789';
    const roomA = privateRoom(session.id, phase.id, group, writerIdFor(secretA));
    const writerA = connect(server.url, roomA, part, { writer: secretA });
    await writerA.synced;
    addCard(writerA.doc, { columnId: phase.prompts[0]!.id, text: 'Nur für mich' });

    // Another participant can open neither A's private room (wrong or no secret) nor see the card on the board.
    expect(await rawSocket(`${wsUrl(server.url)}/${roomA}?token=${part}&writer=guess`)).toEqual({ status: 403 });
    expect(await rawSocket(`${wsUrl(server.url)}/${roomA}?token=${part}`)).toEqual({ status: 403 });
    expect(await rawSocket(`${wsUrl(server.url)}/${roomA}?token=${tokenOf(session.links.viewer)}&writer=${secretA}`)).toEqual({ status: 403 });
    const other = connect(server.url, boardRoom(session.id, phase.id, group), part);
    await other.synced;
    // Writing straight onto the board is refused while private writing is on.
    addCard(other.doc, { columnId: phase.prompts[0]!.id, text: 'Vorbei an der Regel' });
    await waitFor(() => server.rooms.loaded(roomA) !== undefined && readCards(server.rooms.loaded(roomA)!.doc).length === 1, 5000, 'private card stored');
    const board = server.rooms.loaded(boardRoom(session.id, phase.id, group))!;
    expect(readCards(board.doc)).toEqual([]);

    const revealed = await post(`${server.url}/api/sessions/${session.id}/phases/${phase.id}/reveal`, mod);
    expect(revealed).toEqual({ status: 200, body: { moved: 1 } });
    await waitFor(() => readCards(other.doc).some((c) => c.text === 'Nur für mich'), 5000, 'revealed card');
    await waitFor(() => readCards(writerA.doc).length === 0, 5000, 'private doc emptied');
    expect(readSession(moderator.doc).phases[0]!.privateRevealed).toBe(true);
    // The refused card stays only in the refusing client's memory; a fresh reader sees the board as stored.
    const fresh = connect(server.url, boardRoom(session.id, phase.id, group), part);
    await fresh.synced;
    expect(readCards(fresh.doc).map((c) => c.text)).toEqual(['Nur für mich']);
  });
});

describe('the reveal of private cards', () => {
  it('moves each group\'s writers onto its board in one update (written, present or gone, keep their order), and empties their documents', async () => {
    // One writer's cards come from storage: that writer leaves and the room unloads.
    const { server, session, mod, part, phase, g1: group1, g2: group2, ideas, questions } = await privateWritingWorkshop();
    const [g1, g2, c1, c2] = [group1.id, group2.id, ideas.id, questions.id];

    const writers = [g1, g1, g1, g2].map((group, i) => {
      const secret = `writer-${i}-of-the-reveal-0123456789`;
      const room = privateRoom(session.id, phase.id, group, writerIdFor(secret));
      return { room, client: connect(server.url, room, part, { writer: secret }) };
    });
    for (const { client } of writers) await client.synced;
    const texts = writers.map((_, i) => [`W${i} eins`, `W${i} zwei`, `W${i} drei`]);
    writers.forEach(({ client }, i) => texts[i]!.forEach((text, k) => addCard(client.doc, { columnId: k === 1 ? c2 : c1, text })));
    await waitFor(
      () => writers.every(({ room }) => server.rooms.loaded(room) !== undefined && readCards(server.rooms.loaded(room)!.doc).length === 3),
      5000,
      'private cards on the server',
    );
    writers[1]!.client.destroy();
    await waitFor(() => server.rooms.loaded(writers[1]!.room) === undefined, 5000, 'the left writer\'s room unloaded');

    const boards = [g1, g2].map((group) => connect(server.url, boardRoom(session.id, phase.id, group), part));
    for (const board of boards) await board.synced;
    const updates = boards.map(() => 0);
    boards.forEach((board, b) => board.doc.on('update', () => updates[b]!++));

    const revealed = await post(`${server.url}/api/sessions/${session.id}/phases/${phase.id}/reveal`, mod);
    expect(revealed).toEqual({ status: 200, body: { moved: 12 } });
    await waitFor(() => readCards(boards[0]!.doc).length === 9 && readCards(boards[1]!.doc).length === 3, 5000, 'revealed cards');
    expect(updates).toEqual([1, 1]);
    for (const [b, group] of [g1, g2].entries()) {
      const cards = readCards(boards[b]!.doc);
      writers.forEach(({ room }, i) => {
        if (!room.includes(`/${group}/`)) return;
        // Each writer's cards keep their order within each column.
        expect(cards.filter((c) => c.columnId === c1 && c.text.startsWith(`W${i} `)).map((c) => c.text)).toEqual([texts[i]![0], texts[i]![2]]);
        expect(cards.filter((c) => c.columnId === c2 && c.text.startsWith(`W${i} `)).map((c) => c.text)).toEqual([texts[i]![1]]);
      });
    }
    for (const [i, { client }] of writers.entries()) if (i !== 1) await waitFor(() => readCards(client.doc).length === 0, 5000, `writer ${i} emptied`);
    await waitFor(() => server.rooms.loaded(writers[1]!.room) === undefined, 5000, 'the left writer\'s room unloaded again');
    expect(storedCards(server, writers[1]!.room)).toEqual([]);
  });
});

describe('S9, S8: closing a phase', () => {
  it('takes a named snapshot and makes its boards read-only', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const mod = tokenOf(session.links.moderator);
    const moderator = connect(server.url, session.id, mod);
    await moderator.synced;
    const phase = readSession(moderator.doc).phases[0]!;
    const participant = connect(server.url, boardRoom(session.id, phase.id, phase.groups[0]!.id), tokenOf(session.links.participant));
    await participant.synced;
    addCard(participant.doc, { columnId: phase.prompts[0]!.id, text: 'vor dem Schließen' });
    const board = () => server.rooms.loaded(boardRoom(session.id, phase.id, phase.groups[0]!.id))!;
    await waitFor(() => readCards(board().doc).length === 1, 5000, 'card stored');
    setPhaseStatus(moderator.doc, phase.id, 'closed');
    const list = async () =>
      (await (await fetch(`${server.url}/api/sessions/${session.id}/snapshots`, { headers: { authorization: `Bearer ${mod}` } })).json()) as {
        snapshots: { label: string; documents: number }[];
      };
    await waitFor(() => server.storage.listSnapshots(session.id).length === 1, 5000, 'snapshot');
    expect((await list()).snapshots[0]).toMatchObject({ label: `Phase geschlossen: ${phase.title}`, documents: 2 });
    let denied = false;
    participant.provider.messageHandlers[MESSAGE.auth] = () => {
      denied = true;
    };
    addCard(participant.doc, { columnId: phase.prompts[0]!.id, text: 'zu spät' });
    await waitFor(() => denied, 5000, 'permission denied');
    expect(readCards(board().doc).map((c) => c.text)).toEqual(['vor dem Schließen']);
  });
});

describe('S5: heartbeat', () => {
  it('drops a socket that stops answering pings and keeps the ones that answer', async () => {
    const { default: WebSocket } = await import('ws');
    const server = await startServer({ heartbeatMs: 50 });
    const session = await createSession(server.url);
    const url = `${wsUrl(server.url)}/${session.id}?token=${tokenOf(session.links.viewer)}`;
    // autoPong off: this socket behaves like a laptop whose lid was closed.
    const silent = new WebSocket(url, { autoPong: false });
    const alive = new WebSocket(url);
    await Promise.all([silent, alive].map((ws) => new Promise((r) => ws.once('open', r))));
    const closedSilent = new Promise<void>((r) => silent.once('close', () => r()));
    await closedSilent;
    expect(alive.readyState).toBe(WebSocket.OPEN);
    alive.close();
  });
});
