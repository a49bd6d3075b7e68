import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@plenum/shared/limits';
import { ROLES } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import { api, connect, startServer, tempDir, tokenOf } from './helpers.ts';

// The JSON API (docs/api.md): every error is `{ error: { code, message, field? } }`.

describe('POST /api/sessions', () => {
  it('validates its input', async () => {
    const server = await startServer();
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      api(server.url, 'POST', '/api/sessions', { body, headers });

    const notJson = await post('title=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(notJson.status).toBe(415);
    expect(notJson.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const noType = await fetch(`${server.url}/api/sessions`, { method: 'POST', body: '{"title":"x"}' });
    expect(noType.status).toBe(415);

    const invalid = await post('{"title": ');
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { code: 'invalid_json' } });
    for (const notAnObject of ['[]', 'null', '"x"', '3']) {
      expect((await post(notAnObject)).status).toBe(400);
    }

    const empty = await post({ title: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: { code: 'required', field: 'title' } });
    const missing = await post({});
    expect(missing.body).toMatchObject({ error: { code: 'required', field: 'title' } });

    const long = await post({ title: 'x'.repeat(LIMITS.titleLength + 1) });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ error: { code: 'too_long', field: 'title', limit: LIMITS.titleLength } });
    expect((await post({ title: 'x'.repeat(LIMITS.titleLength) })).status).toBe(201);

    const times = await post({ title: 'Zeiten', startTime: '14:00', endTime: '09:30' });
    expect(times.status).toBe(400);
    expect(times.body).toMatchObject({ error: { code: 'end_before_start', field: 'endTime' } });

    const template = await post({ title: 'Vorlage', template: 'no-such-template' });
    expect(template.status).toBe(400);
    expect(template.body).toMatchObject({ error: { field: 'template' } });

    const address = await post({ title: 'Anrede', address: 'du' });
    expect(address.status).toBe(400);
    expect(address.body).toMatchObject({ error: { code: 'invalid', field: 'address' } });

    const huge = await post({ title: 'groß', contact: 'x'.repeat(64 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'too_large' } });

    // None of the refused requests created a session.
    const count = server.storage.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('creates a session that addresses participants informally ("du") when asked, formally by default', async () => {
    const server = await startServer();
    for (const [body, expected] of [[{}, 'formal'], [{ address: 'informal' }, 'informal'], [{ address: 'formal' }, 'formal']] as const) {
      const res = await api(server.url, 'POST', '/api/sessions', { body: { title: 'Jugendarbeit', ...body } });
      expect(res.status).toBe(201);
      const created = res.body as { id: string; links: { moderator: string } };
      const moderator = connect(server.url, created.id, tokenOf(created.links.moderator));
      await moderator.synced;
      expect(readSession(moderator.doc).meta.address).toBe(expected);
    }
  });

  it('creates a session: 201 with an id and three distinct links carrying >= 128-bit url-safe tokens', async () => {
    const server = await startServer();
    const res = await api(server.url, 'POST', '/api/sessions', {
      body: { title: 'Bilanz', subtitle: 'und Zukunft', date: '2026-03-14', startTime: '09:00', endTime: '15:30', template: 'bilanz-zukunft' },
    });
    expect(res.status).toBe(201);
    const body = res.body as { id: string; links: Record<string, string> };
    expect(body.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Object.keys(body.links).sort()).toEqual([...ROLES].sort());
    const tokens = ROLES.map((role) => {
      const link = new URL(body.links[role]!);
      expect(`${link.origin}${link.pathname}`).toBe(`${server.url}/s/${body.id}`);
      expect(link.search).toBe('');
      expect(link.hash).toMatch(/^#t=/);
      return tokenOf(body.links[role]!);
    });
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      expect(token).not.toContain(body.id);
    }
    expect(new Set(tokens).size).toBe(3);
    // Only hashes are stored.
    const stored = server.storage.db.prepare('SELECT hash FROM tokens WHERE session_id = ?').all(body.id) as { hash: string }[];
    expect(stored).toHaveLength(3);
    for (const { hash } of stored) for (const token of tokens) expect(hash).not.toContain(token);

    // The document was written from the template and the metadata.
    const client = connect(server.url, body.id, tokens[2]!);
    await client.synced;
    const view = readSession(client.doc);
    expect(view.meta).toMatchObject({ title: 'Bilanz', subtitle: 'und Zukunft', date: '2026-03-14', startTime: '09:00', endTime: '15:30' });
    expect(view.phases).toHaveLength(4);

    // A second session gets other ids and tokens.
    const again = await api(server.url, 'POST', '/api/sessions', { body: { title: 'Noch eine' } });
    const second = again.body as { id: string; links: Record<string, string> };
    expect(second.id).not.toBe(body.id);
    for (const role of ROLES) expect(tokens).not.toContain(tokenOf(second.links[role]!));
  });

  it('writes the template in the language asked for (lang); an unknown lang is 400 invalid', async () => {
    const server = await startServer();
    const res = await api(server.url, 'POST', '/api/sessions', {
      body: { title: 'Review', template: 'bilanz-zukunft', lang: 'en' },
    });
    expect(res.status).toBe(201);
    const body = res.body as { id: string; links: Record<string, string> };
    const client = connect(server.url, body.id, tokenOf(body.links.viewer!));
    await client.synced;
    expect(readSession(client.doc).phases.map((phase) => phase.title)).toEqual([
      'Welcome and introduction: a look back at 3 years of the project',
      'Review: How was it? Highlights and low points',
      'Looking ahead: Where are we heading? Keep and build on',
      'Closing from the perspectives of the youth welfare office management and the regional management',
    ]);

    for (const lang of ['xx', 'EN', 3, null]) {
      const bad = await api(server.url, 'POST', '/api/sessions', { body: { title: 'Review', template: 'bilanz-zukunft', lang } });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: 'invalid', field: 'lang' } });
    }
  });

  it('builds links from publicUrl when it is set', async () => {
    const server = await startServer({ publicUrl: 'https://plenum.example.org/' });
    const res = await api(server.url, 'POST', '/api/sessions', { body: { title: 'Öffentlich' } });
    const { id, links } = res.body as { id: string; links: Record<string, string> };
    for (const role of ROLES) expect(links[role]).toMatch(new RegExp(`^https://plenum\\.example\\.org/s/${id}#t=`));
  });
});

describe('other routes', () => {
  it('GET /healthz answers 200', async () => {
    const server = await startServer();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok\n');
  });

  it('GET /api/time returns the server clock as a number', async () => {
    const server = await startServer();
    const before = Date.now();
    const res = await api(server.url, 'GET', '/api/time');
    expect(res.status).toBe(200);
    const now = (res.body as { now: unknown }).now;
    expect(typeof now).toBe('number');
    expect(now).toBeGreaterThanOrEqual(before);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('unknown /api routes answer 404 with a JSON error', async () => {
    const server = await startServer();
    for (const [method, pathname] of [
      ['GET', '/api/nope'],
      ['GET', '/api'],
      ['PUT', '/api/sessions'],
      ['GET', '/api/sessions'],
      ['POST', '/api/time'],
      ['GET', '/api/sessions/abc/whatever'],
    ] as const) {
      const res = await api(server.url, method, pathname);
      expect([method, pathname, res.status]).toEqual([method, pathname, 404]);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('GET / without a built client answers 503 with a hint', async () => {
    const server = await startServer({ staticDir: tempDir() });
    for (const pathname of ['/', '/s/abc']) {
      const res = await fetch(`${server.url}${pathname}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/npm run build/);
    }
  });

  it('serves the built client with a Content-Security-Policy, and index.html for app paths', async () => {
    const staticDir = tempDir();
    const index = '<!doctype html><title>Plenum</title><div id="root"></div>';
    fs.writeFileSync(path.join(staticDir, 'index.html'), index);
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    const server = await startServer({ staticDir });

    for (const pathname of ['/', '/s/abc', '/s/abc/board/x']) {
      const res = await fetch(`${server.url}${pathname}`);
      expect([pathname, res.status]).toEqual([pathname, 200]);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.text()).toBe(index);
    }
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');

    // Nothing outside the directory is served.
    const outside = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`);
    expect(await outside.text()).toBe(index);
    const post = await fetch(`${server.url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('small refusals', () => {
  it('a storage fault while creating a session answers 503 storage_unavailable, a documented code', async () => {
    const server = await startServer();
    server.storage.db.exec(`CREATE TRIGGER fail_create BEFORE INSERT ON sessions
                            BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`);
    const res = await api(server.url, 'POST', '/api/sessions', { body: { title: 'Werkstatt' } });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'storage_unavailable' } });
    const documented = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');
    expect(documented).toContain('`storage_unavailable`');
    server.storage.db.exec('DROP TRIGGER fail_create');
    expect((await api(server.url, 'POST', '/api/sessions', { body: { title: 'Werkstatt' } })).status).toBe(201);
  });

  it('takes only application/json as JSON, not application/json-patch+json or application/jsonx', async () => {
    const server = await startServer();
    for (const type of ['application/json-patch+json', 'application/jsonx', 'application/json-seq']) {
      const res = await api(server.url, 'POST', '/api/sessions', { body: { title: 'x' }, headers: { 'content-type': type } });
      expect([type, res.status]).toEqual([type, 415]);
    }
    for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/json;charset=UTF-8']) {
      const res = await api(server.url, 'POST', '/api/sessions', { body: { title: 'x' }, headers: { 'content-type': type } });
      expect([type, res.status]).toEqual([type, 201]);
    }
  });

  it('every API answer, success or error, carries x-content-type-options: nosniff', async () => {
    const server = await startServer();
    const created = await api(server.url, 'POST', '/api/sessions', { body: { title: 'x' } });
    const token = tokenOf((created.body as { links: { moderator: string } }).links.moderator);
    const id = (created.body as { id: string }).id;
    const answers = [
      created,
      await api(server.url, 'GET', '/api/time'),
      await api(server.url, 'GET', '/api/nothing'),
      await api(server.url, 'GET', `/api/sessions/${id}`, { token: 'wrong' }),
      await api(server.url, 'POST', '/api/sessions', { body: '{' }),
      await api(server.url, 'DELETE', `/api/sessions/${id}`, { token }),
    ];
    for (const res of answers) expect([res.status, res.headers.get('x-content-type-options')]).toEqual([res.status, 'nosniff']);
  });
});
