import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@plenum/shared/limits';
import { ADMISSION_LIMITS } from '../src/admission.ts';
import { api, createSession, firstBoard, rawSocket, startServer, tokenOf, waitFor, wsUrl } from './helpers.ts';

// Who may create workshops and open connections, and how fast (issue 13;
// docs/deploy.md, "Access"): CREATE_SECRET, rate limits per client address
// (429 with Retry-After), TRUST_PROXY, and the maxima.

const create = (url: string, headers: Record<string, string> = {}) =>
  api(url, 'POST', '/api/sessions', { body: { title: 'Werkstatt' }, headers });

/** The status and headers an upgrade was refused with (or 101). */
function upgradeAnswer(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url.replace(/^ws/, 'http'), {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
  });
}

describe('creating workshops', () => {
  it('with CREATE_SECRET set, creation needs it as a bearer token; the settings say so', async () => {
    const server = await startServer({ createSecret: 'geheim-2026' });
    expect((await api(server.url, 'GET', '/api/settings')).body).toEqual({ createSecretRequired: true });
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer falsch' }, { authorization: 'geheim-2026' }];
    for (const headers of attempts) {
      const refused = await create(server.url, headers);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error: { code: 'secret_required' } });
    }
    expect(server.storage.countSessions()).toBe(0);
    expect((await create(server.url, { authorization: 'Bearer geheim-2026' })).status).toBe(201);
  });

  it('without CREATE_SECRET anyone who reaches the server creates (a laptop install)', async () => {
    const server = await startServer();
    expect((await api(server.url, 'GET', '/api/settings')).body).toEqual({ createSecretRequired: false });
    expect((await create(server.url)).status).toBe(201);
  });

  it('creation is rate limited per address: 429 with Retry-After, and guesses of the secret count too', async () => {
    const server = await startServer({ createSecret: 's3cret', admission: { createBurst: 3, createPerHour: 1 } });
    expect((await create(server.url, { authorization: 'Bearer guess' })).status).toBe(401);
    expect((await create(server.url, { authorization: 'Bearer s3cret' })).status).toBe(201);
    expect((await create(server.url, { authorization: 'Bearer s3cret' })).status).toBe(201);
    const limited = await create(server.url, { authorization: 'Bearer s3cret' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    // One per hour: the next token is an hour away.
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(3000);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(server.storage.countSessions()).toBe(2);
  });

  it('X-Forwarded-For is ignored unless TRUST_PROXY says a proxy sets it', async () => {
    const limits = { createBurst: 1, createPerHour: 1 };
    const direct = await startServer({ admission: limits });
    expect((await create(direct.url, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(201);
    expect((await create(direct.url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429);

    const proxied = await startServer({ admission: limits, trustProxy: 1 });
    expect((await create(proxied.url, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(201);
    expect((await create(proxied.url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(201);
    expect((await create(proxied.url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429);
    // What a client puts in front of the proxy's entry does not make it someone else.
    expect((await create(proxied.url, { 'x-forwarded-for': '198.51.100.9, 203.0.113.2' })).status).toBe(429);
  });

  it('a server at MAX_SESSIONS answers 503 capacity and creates nothing', async () => {
    const server = await startServer({ admission: { maxSessions: 1 } });
    expect((await create(server.url)).status).toBe(201);
    const full = await create(server.url);
    expect(full.status).toBe(503);
    expect(full.body).toMatchObject({ error: { code: 'capacity' } });
    expect(server.storage.countSessions()).toBe(1);
  });
});

describe('opening connections', () => {
  it('new websocket connections are rate limited per address: 429 with Retry-After at the upgrade', async () => {
    const server = await startServer({ admission: { connectBurst: 2, connectPerSecond: 0.01 } });
    const session = await createSession(server.url);
    const token = tokenOf(session.links.viewer);
    const url = `${wsUrl(server.url)}/${session.id}?token=${token}`;
    expect(await rawSocket(url)).toHaveProperty('ws');
    expect(await rawSocket(url)).toHaveProperty('ws');
    const refused = await upgradeAnswer(url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('the default MAX_CONNECTIONS_PER_SESSION holds a workshop of 300 writing privately, all reconnecting at once; docs/deploy.md and the README state the defaults', () => {
    // A participant holds three connections while writing privately (the
    // session, the board, their own document: client/e2e/private-writing.test.ts
    // counts them); a moderator with the protocol view open holds the session
    // and every board of the phases run so far (five here, each with the most
    // groups). When a shared network drops, the server still holds each old
    // connection until the heartbeat ends it while the new one opens.
    const participants = 300 * 3;
    const moderators = 2 * (1 + 5 * LIMITS.groupsPerPhase);
    const viewers = 2 * 2;
    expect(ADMISSION_LIMITS.maxConnectionsPerSession).toBeGreaterThanOrEqual(2 * participants + moderators + viewers);
    const docs = ['docs/deploy.md', 'README.md'].map((file) => fs.readFileSync(path.resolve(import.meta.dirname, '../..', file), 'utf8'));
    const { connectBurst, connectPerSecond, createBurst, createPerHour, maxSessions, maxConnectionsPerSession } = ADMISSION_LIMITS;
    for (const row of [
      `| \`CREATE_BURST\`, \`CREATE_PER_HOUR\` | \`${createBurst}\`, \`${createPerHour}\` |`,
      `| \`CONNECT_BURST\`, \`CONNECT_PER_SECOND\` | \`${connectBurst}\`, \`${connectPerSecond}\` |`,
      `| \`MAX_SESSIONS\` | \`${maxSessions}\` |`,
      `| \`MAX_CONNECTIONS_PER_SESSION\` | \`${maxConnectionsPerSession}\` |`,
    ]) {
      for (const doc of docs) expect(doc).toContain(row);
    }
  });

  it('a workshop takes at most MAX_CONNECTIONS_PER_SESSION connections; others are not affected', async () => {
    const server = await startServer({ admission: { maxConnectionsPerSession: 2 } });
    const full = await createSession(server.url);
    const other = await createSession(server.url);
    const token = tokenOf(full.links.moderator);
    const board = await firstBoard(server.url, full.id, token);
    // firstBoard's own connection must be gone before counting starts.
    await waitFor(() => (server.rooms.loaded(full.id)?.connections.size ?? 0) === 0, 5000, 'the first client gone');
    expect(await rawSocket(`${wsUrl(server.url)}/${full.id}?token=${token}`)).toHaveProperty('ws');
    expect(await rawSocket(`${wsUrl(server.url)}/${board.room}?token=${token}`)).toHaveProperty('ws');
    expect((await upgradeAnswer(`${wsUrl(server.url)}/${full.id}?token=${token}`)).status).toBe(503);
    expect(await rawSocket(`${wsUrl(server.url)}/${other.id}?token=${tokenOf(other.links.viewer)}`)).toHaveProperty('ws');
  });
});
