import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addCard, readCards, updateCardText } from '@plenum/shared/board-doc';
import { boardRoom, CLOSE, ROLES } from '@plenum/shared/protocol';
import { findPhase, readMeta, setPhaseStatus, updateMeta } from '@plenum/shared/session-doc';
import {
  api,
  captureLogger,
  collectDenials,
  connect,
  createSession,
  firstBoard,
  providerClosed,
  rawSocket,
  roundTrip,
  startServer,
  tempDir,
  tokenOf,
  waitFor,
  wsUrl,
} from './helpers.ts';

// Capability tokens (docs/threat-model.md): every upgrade and API call is
// checked before anything is loaded or sent, and writes are checked per message.

describe('upgrade authorisation', () => {
  it('refuses before the websocket opens: 401 missing/wrong token, 403 token of another (or an unknown) session, 404 unknown board/path', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const other = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const ws = wsUrl(server.url);
    const board = await firstBoard(server.url, session.id, token);
    const cases: [string, string, number][] = [
      ['missing token', `${ws}/${session.id}`, 401],
      ['empty token', `${ws}/${session.id}?token=`, 401],
      ['wrong token', `${ws}/${session.id}?token=${'A'.repeat(32)}`, 401],
      ['malformed token', `${ws}/${session.id}?token=${encodeURIComponent('not a token!')}`, 401],
      ['token of another session', `${ws}/${other.id}?token=${token}`, 403],
      ['token of another session on a board', `${ws}/${boardRoom(other.id, board.phaseId, board.groupId)}?token=${token}`, 403],
      ['unknown session (the token is for another)', `${ws}/${'Z'.repeat(16)}?token=${token}`, 403],
      ['unknown board', `${ws}/${boardRoom(session.id, 'madeUpPhase', 'madeUpGroup')}?token=${token}`, 404],
      ['unknown group of a real phase', `${ws}/${boardRoom(session.id, board.phaseId, 'madeUpGroup')}?token=${token}`, 404],
      ['malformed room name', `${ws}/${session.id}/board/x?token=${token}`, 404],
      ['non-/ws path', `${server.url.replace(/^http/, 'ws')}/api/sessions?token=${token}`, 404],
      ['bare /ws', `${ws}?token=${token}`, 404],
    ];
    const results = [];
    for (const [what, url] of cases) results.push([what, await rawSocket(url)]);
    expect(results).toEqual(cases.map(([what, , status]) => [what, { status }]));
    // The valid combination opens, so the refusals above are about what they vary.
    expect(await rawSocket(`${ws}/${board.room}?token=${token}`)).toHaveProperty('ws');
    // Refused upgrades load nothing.
    expect(server.rooms.loaded(boardRoom(session.id, 'madeUpPhase', 'madeUpGroup'))).toBeUndefined();
    expect(server.rooms.loaded(other.id)).toBeUndefined();
  });
});

describe('a stranger cannot tell whether a session exists', () => {
  /** The status and body of a refused upgrade, as a stranger sees it. */
  function refusal(url: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => {
        ws.terminate();
        reject(new Error(`${url} opened`));
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          ws.terminate();
        });
      });
      ws.once('error', () => {});
    });
  }

  it('an unknown session and a wrong token for an existing one get the same answer (API and upgrade)', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const ws = wsUrl(server.url);
    const unknownId = 'Z'.repeat(16);
    const guesses = ['A'.repeat(32), 'not a token!', ''];
    for (const guess of guesses) {
      const query = guess ? `?token=${encodeURIComponent(guess)}` : '';
      const existing = await refusal(`${ws}/${session.id}${query}`);
      expect(existing.status, `upgrade, token ${JSON.stringify(guess)}`).toBe(401);
      expect(await refusal(`${ws}/${unknownId}${query}`), `upgrade, token ${JSON.stringify(guess)}`).toEqual(existing);
      const options = guess ? { token: guess } : {};
      for (const [method, suffix] of [['GET', ''], ['DELETE', ''], ['GET', '/links'], ['GET', '/snapshots']] as const) {
        const known = await api(server.url, method, `/api/sessions/${session.id}${suffix}`, options);
        const unknown = await api(server.url, method, `/api/sessions/${unknownId}${suffix}`, options);
        expect(known.status, `${method} ${suffix}, token ${JSON.stringify(guess)}`).toBe(401);
        expect([unknown.status, unknown.body], `${method} ${suffix}, token ${JSON.stringify(guess)}`).toEqual([known.status, known.body]);
      }
    }
  });
});

describe('API authorisation', () => {
  it('GET /api/sessions/:id answers each token with its role', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    for (const role of ROLES) {
      const res = await api(server.url, 'GET', `/api/sessions/${session.id}`, { token: tokenOf(session.links[role]) });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: session.id, role, room: session.id });
    }
    expect((await api(server.url, 'GET', `/api/sessions/${session.id}`)).status).toBe(401);
    expect((await api(server.url, 'GET', `/api/sessions/${session.id}`, { token: 'A'.repeat(32) })).status).toBe(401);
    const other = await createSession(server.url);
    const cross = await api(server.url, 'GET', `/api/sessions/${other.id}`, { token: tokenOf(session.links.moderator) });
    expect(cross.status).toBe(403);
    // A token grants one session: any other id, existing or not, is "another session".
    const unknown = await api(server.url, 'GET', `/api/sessions/${'Z'.repeat(16)}`, { token: tokenOf(session.links.moderator) });
    expect(unknown.status).toBe(403);
  });

  it('moderator-only endpoints answer participant and viewer tokens with 403 and change nothing', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const base = `/api/sessions/${session.id}`;
    const calls: [string, string, unknown][] = [
      ['POST', `${base}/snapshots`, { label: 'x' }],
      ['GET', `${base}/snapshots`, undefined],
      ['POST', `${base}/links/participant/regenerate`, undefined],
      ['POST', `${base}/links/moderator/regenerate`, undefined],
      ['DELETE', base, undefined],
    ];
    for (const role of ['participant', 'viewer'] as const) {
      for (const [method, path, body] of calls) {
        const res = await api(server.url, method, path, { token: tokenOf(session.links[role]), body });
        expect([role, method, path, res.status]).toEqual([role, method, path, 403]);
        expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
      }
    }
    // Everything still works with the original links.
    for (const role of ROLES) {
      const res = await api(server.url, 'GET', base, { token: tokenOf(session.links[role]) });
      expect(res.status).toBe(200);
    }
    expect(server.storage.listSnapshots(session.id)).toEqual([]);
  });
});

describe('link regeneration', () => {
  it('revokes the old participant token: open connections close with 4401, new upgrades get 401, the new link works', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const old = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, old);
    const onSession = connect(server.url, session.id, old);
    const onBoard = connect(server.url, board.room, old);
    const viewer = connect(server.url, session.id, tokenOf(session.links.viewer));
    await Promise.all([onSession.synced, onBoard.synced, viewer.synced]);
    const closes = [providerClosed(onSession), providerClosed(onBoard)];
    let viewerClosed = false;
    viewer.provider.on('connection-close', () => (viewerClosed = true));

    const res = await api(server.url, 'POST', `/api/sessions/${session.id}/links/participant/regenerate`, {
      token: tokenOf(session.links.moderator),
    });
    expect(res.status).toBe(200);
    const link = (res.body as { role: string; link: string }).link;
    expect((res.body as { role: string }).role).toBe('participant');
    const fresh = tokenOf(link);
    expect(fresh).not.toBe(old);
    expect(new URL(link).pathname).toBe(`/s/${session.id}`);

    for (const closed of await Promise.all(closes)) expect(closed.code).toBe(CLOSE.revoked);
    expect(await rawSocket(`${wsUrl(server.url)}/${session.id}?token=${old}`)).toEqual({ status: 401 });
    expect((await api(server.url, 'GET', `/api/sessions/${session.id}`, { token: old })).status).toBe(401);

    const again = connect(server.url, board.room, fresh);
    await again.synced;
    addCard(again.doc, { columnId: board.columnId, text: 'mit neuem Link' });
    await roundTrip(again);
    const check = connect(server.url, board.room, tokenOf(session.links.moderator));
    await check.synced;
    expect(readCards(check.doc).map((c) => c.text)).toEqual(['mit neuem Link']);
    // Other roles' connections were left alone.
    await roundTrip(viewer);
    expect(viewerClosed).toBe(false);
    expect(viewer.provider.wsconnected).toBe(true);
  });
});

describe('S8: write enforcement', () => {
  let warn: typeof console.warn;
  beforeEach(() => {
    warn = console.warn;
  });
  afterEach(() => {
    console.warn = warn;
  });

  it("viewers' and participants' writes to the session document change nothing", async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir });
    const session = await createSession(server.url, { title: 'Original' });
    for (const role of ['viewer', 'participant'] as const) {
      const client = connect(server.url, session.id, tokenOf(session.links[role]));
      await client.synced;
      const denials = collectDenials(client);
      await roundTrip(client);
      // Syncing is not writing: connecting alone is not refused.
      expect([role, denials]).toEqual([role, []]);
      updateMeta(client.doc, { title: `Übernommen von ${role}` });
      await roundTrip(client);
      expect([role, denials.length]).toEqual([role, 1]);
      expect(denials[0]).toMatch(/read-only/);
      // Refused once, then silently: a second write is dropped too.
      updateMeta(client.doc, { subtitle: 'auch nicht' });
      await roundTrip(client);
      expect(denials.length).toBe(1);
      client.destroy();
    }
    const check = connect(server.url, session.id, tokenOf(session.links.moderator));
    await check.synced;
    expect(readMeta(check.doc)).toMatchObject({ title: 'Original', subtitle: '' });
    check.destroy();
    await server.close();

    const restarted = await startServer({ dataDir });
    const after = connect(restarted.url, session.id, tokenOf(session.links.moderator));
    await after.synced;
    expect(readMeta(after.doc)).toMatchObject({ title: 'Original', subtitle: '' });
  });

  it('a read-only client that reconnects is not told "permission denied" for its sync step 2', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const board = await firstBoard(server.url, session.id, tokenOf(session.links.moderator));
    // Give the board deletions too (a moved card), so every sync step 2 carries a delete set.
    const moderator = connect(server.url, board.room, tokenOf(session.links.moderator));
    await moderator.synced;
    const id = addCard(moderator.doc, { columnId: board.columnId, text: 'verschoben' });
    updateCardText(moderator.doc, id, 'geändert');
    await roundTrip(moderator);
    const rooms = [
      [session.id, 'viewer'],
      [session.id, 'participant'],
      [board.room, 'viewer'],
    ] as const;
    for (const [room, role] of rooms) {
      const client = connect(server.url, room, tokenOf(session.links[role]));
      const denials = collectDenials(client);
      await client.synced;
      client.provider.disconnect();
      client.provider.connect();
      await waitFor(() => client.provider.synced, 5000, 'resynced');
      await roundTrip(client);
      expect([room, role, denials]).toEqual([room, role, []]);
      // A real write after the reconnect is still refused.
      if (room === board.room) addCard(client.doc, { columnId: board.columnId, text: 'nein' });
      else updateMeta(client.doc, { title: 'nein' });
      await roundTrip(client);
      expect([room, role, denials.length]).toEqual([room, role, 1]);
      client.destroy();
    }
  });

  it('a moderator writes the session document', async () => {
    const server = await startServer();
    const session = await createSession(server.url, { title: 'Original' });
    const moderator = connect(server.url, session.id, tokenOf(session.links.moderator));
    const viewer = connect(server.url, session.id, tokenOf(session.links.viewer));
    await Promise.all([moderator.synced, viewer.synced]);
    const denials = collectDenials(moderator);
    updateMeta(moderator.doc, { title: 'Geändert' });
    await waitFor(() => readMeta(viewer.doc).title === 'Geändert', 5000, 'title on viewer');
    await roundTrip(moderator);
    expect(denials).toEqual([]);
  });

  it("boards: a viewer's write changes nothing, a participant's is accepted, and dropped once the phase is closed", async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir });
    const session = await createSession(server.url);
    const board = await firstBoard(server.url, session.id, tokenOf(session.links.participant));

    const viewer = connect(server.url, board.room, tokenOf(session.links.viewer));
    await viewer.synced;
    const viewerDenials = collectDenials(viewer);
    addCard(viewer.doc, { columnId: board.columnId, text: 'vom Viewer' });
    await roundTrip(viewer);
    expect(viewerDenials).toHaveLength(1);

    const participant = connect(server.url, board.room, tokenOf(session.links.participant));
    await participant.synced;
    const participantDenials = collectDenials(participant);
    const accepted = addCard(participant.doc, { columnId: board.columnId, text: 'offen geschrieben' });
    await roundTrip(participant);
    expect(participantDenials).toEqual([]);
    await waitFor(() => readCards(viewer.doc).some((c) => c.id === accepted), 5000, 'accepted card on viewer');

    // The moderator closes the phase; the participant's session client sees it.
    const moderator = connect(server.url, session.id, tokenOf(session.links.moderator));
    const participantSession = connect(server.url, session.id, tokenOf(session.links.participant));
    await Promise.all([moderator.synced, participantSession.synced]);
    setPhaseStatus(moderator.doc, board.phaseId, 'closed');
    await waitFor(() => findPhase(participantSession.doc, board.phaseId)?.status === 'closed', 5000, 'phase closed');

    addCard(participant.doc, { columnId: board.columnId, text: 'zu spät' });
    await roundTrip(participant);
    expect(participantDenials).toHaveLength(1);

    const check = connect(server.url, board.room, tokenOf(session.links.moderator));
    await check.synced;
    expect(readCards(check.doc).map((c) => c.text)).toEqual(['offen geschrieben']);
    for (const c of [viewer, participant, moderator, participantSession, check]) c.destroy();
    await server.close();

    const restarted = await startServer({ dataDir });
    const after = connect(restarted.url, board.room, tokenOf(session.links.moderator));
    await after.synced;
    expect(readCards(after.doc).map((c) => c.text)).toEqual(['offen geschrieben']);
  });
});

describe('session deletion', () => {
  it('DELETE closes open connections with 4404, its tokens stop working (401), and the data is gone', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const keep = await createSession(server.url, { title: 'Bleibt' });
    const moderator = tokenOf(session.links.moderator);
    const board = await firstBoard(server.url, session.id, moderator);
    const onSession = connect(server.url, session.id, tokenOf(session.links.viewer));
    const onBoard = connect(server.url, board.room, tokenOf(session.links.participant));
    const bystander = connect(server.url, keep.id, tokenOf(keep.links.viewer));
    await Promise.all([onSession.synced, onBoard.synced, bystander.synced]);
    addCard(onBoard.doc, { columnId: board.columnId, text: 'wird gelöscht' });
    await roundTrip(onBoard);
    const snap = await api(server.url, 'POST', `/api/sessions/${session.id}/snapshots`, { token: moderator, body: { label: 'vorher' } });
    expect(snap.status).toBe(201);
    const closes = Promise.all([providerClosed(onSession), providerClosed(onBoard)]);

    const res = await api(server.url, 'DELETE', `/api/sessions/${session.id}`, { token: moderator });
    expect(res.status).toBe(204);
    for (const closed of await closes) expect(closed.code).toBe(CLOSE.sessionDeleted);

    for (const room of [session.id, board.room]) {
      expect(await rawSocket(`${wsUrl(server.url)}/${room}?token=${moderator}`)).toEqual({ status: 401 });
    }
    expect((await api(server.url, 'GET', `/api/sessions/${session.id}`, { token: moderator })).status).toBe(401);
    expect(server.rooms.loaded(session.id)).toBeUndefined();
    expect(server.rooms.loaded(board.room)).toBeUndefined();
    const db = server.storage.db;
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM sessions WHERE id = ?', session.id)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM tokens WHERE session_id = ?', session.id)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM documents WHERE session_id = ?', session.id)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM updates WHERE session_id = ?', session.id)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM snapshots WHERE session_id = ?', session.id)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM snapshot_documents')).toBe(0);
    // The other session is untouched.
    expect(count('SELECT COUNT(*) AS n FROM documents WHERE session_id = ?', keep.id)).toBe(1);
    await roundTrip(bystander);
    expect(bystander.provider.wsconnected).toBe(true);
  });
});

describe('logging', () => {
  it('tokens never appear in server logs; every line is JSON with a level, and requests carry an id', async () => {
    const { logger, lines } = captureLogger('debug');
    const consoleLines: string[] = [];
    const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
    for (const key of ['log', 'warn', 'error', 'info'] as const) {
      console[key] = (...args: unknown[]) => consoleLines.push(args.map(String).join(' '));
    }
    try {
      const server = await startServer({ logger });
      const session = await createSession(server.url);
      const tokens = ROLES.map((role) => tokenOf(session.links[role]));
      const base = `/api/sessions/${session.id}`;
      for (const token of tokens) {
        await api(server.url, 'GET', base, { token });
        await api(server.url, 'GET', `${base}?token=${token}`);
        await api(server.url, 'GET', `${base}/snapshots`, { token });
        await api(server.url, 'POST', `${base}/snapshots`, { token, body: { label: 'l' } });
        await rawSocket(`${wsUrl(server.url)}/${session.id}?token=${token}`);
        await rawSocket(`${wsUrl(server.url)}/${session.id}/board/x/y?token=${token}`);
        await fetch(`${server.url}/s/${session.id}?t=${token}`);
      }
      const board = await firstBoard(server.url, session.id, tokens[1]!);
      const client = connect(server.url, board.room, tokens[1]!, { saved: '1' });
      await client.synced;
      const regenerated = await api(server.url, 'POST', `${base}/links/viewer/regenerate`, { token: tokens[0] });
      tokens.push(tokenOf((regenerated.body as { link: string }).link));
      await rawSocket(`${wsUrl(server.url)}/${session.id}?token=${tokens[2]}`); // revoked
      await api(server.url, 'DELETE', base, { token: tokens[0] });

      expect(lines.length).toBeGreaterThan(20);
      expect(lines.some((l) => l.includes(session.id))).toBe(true);
      const parsed = lines.map((l) => JSON.parse(l) as { level: string; reqId?: number; msg: string });
      expect(parsed.every((l) => typeof l.level === 'string' && typeof l.msg === 'string')).toBe(true);
      expect(parsed.filter((l) => l.msg === 'request').every((l) => Number.isInteger(l.reqId))).toBe(true);
      for (const token of tokens) {
        for (const line of [...lines, ...consoleLines]) expect(line).not.toContain(token);
      }
    } finally {
      Object.assign(console, saved);
    }
  });
});
