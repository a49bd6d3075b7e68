import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { boardRoom, parseRoom } from '@plenum/shared/protocol';
import { boardKey } from '@plenum/shared/protocol-draft/build';
import { schemaVersionOf } from '@plenum/shared/schema';
import { readSession } from '@plenum/shared/session-doc';
import { api, connect, createSession, roundTrip, startServer, tempDir, tokenOf, type CreatedSession } from './helpers.ts';
import { currentDocuments } from '../src/protocol/documents.ts';
import { currentDraft } from '../src/export.ts';
import { toMarkdown } from '@plenum/shared/protocol-draft/markdown';
import { docxOutline, pdfInfo, pdfOutline } from './protocol-files.ts';

// GET /api/sessions/:id/export and GET /api/sessions/:id/snapshots/:snapshotId
// (docs/api.md, docs/protocol-export.md): the protocol draft over HTTP.

type Server = Awaited<ReturnType<typeof startServer>>;

/** A "Bilanz und Zukunft" workshop with cards written through the stock client on the first group of "Bilanzgespräch". */
async function workshop(server: Server, title = 'Sozialraumorientierung') {
  const session = await createSession(server.url, { title, template: 'bilanz-zukunft', date: '2021-09-06' });
  const moderator = tokenOf(session.links.moderator);
  const reader = connect(server.url, session.id, moderator);
  await reader.synced;
  const phase = readSession(reader.doc).phases.find((p) => p.kind === 'groupwork');
  reader.destroy();
  const group = phase?.groups[0];
  const prompt = phase?.prompts[0];
  if (!phase || !group || !prompt) throw new Error('template has no groupwork board');
  const board = connect(server.url, boardRoom(session.id, phase.id, group.id), tokenOf(session.links.participant));
  await board.synced;
  const write = async (...texts: string[]) => {
    for (const text of texts) addCard(board.doc, { columnId: prompt.id, text });
    await roundTrip(board);
  };
  return { session, moderator, write, board };
}

function exportOf(server: Server, session: CreatedSession, query: string, token?: string) {
  return api(server.url, 'GET', `/api/sessions/${session.id}/export?${query}`, { token });
}

/** A binary export: the body as bytes. */
async function download(server: Server, session: CreatedSession, query: string, token: string) {
  const res = await fetch(`${server.url}/api/sessions/${session.id}/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const GROUP_1 = /^Ergebnisse der Arbeitsgruppe 1/;
/** DOCX and PDF are rendered in a worker thread whose start compiles TypeScript: time for a busy machine. */
const RENDERS = 90_000;

describe('GET /api/sessions/:id/export', () => {
  it('gives a moderator the draft as Markdown, HTML and CSV with cards under their group', async () => {
    const server = await startServer();
    const { session, moderator, write } = await workshop(server);
    await write('Gute Vernetzung im Stadtteil', 'Zu wenig Zeit für Fallarbeit');

    const md = await exportOf(server, session, 'format=md', moderator);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('cache-control')).toBe('no-store');
    expect(md.headers.get('content-disposition')).toBe(
      `attachment; filename="Protokoll-2021-09-06-Sozialraumorientierung.md"; filename*=UTF-8''Protokoll-2021-09-06-Sozialraumorientierung.md`,
    );
    expect(md.text).toMatch(/^# Sozialraumorientierung/);
    const heading = md.text.indexOf('### Ergebnisse der Arbeitsgruppe 1');
    expect(heading).toBeGreaterThan(0);
    // Up to the next heading of level 3 or above (the columns' #### headings belong to the group).
    const rest = md.text.slice(heading + 3);
    const end = rest.search(/\n#{1,3} /);
    const section = end === -1 ? rest : rest.slice(0, end);
    expect(section).toContain('- Gute Vernetzung im Stadtteil');
    expect(section).toContain('- Zu wenig Zeit für Fallarbeit');

    const html = await exportOf(server, session, 'format=html&lang=en', moderator);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.text).toContain('Results of working group 1');
    expect(html.text).toContain('<li>Gute Vernetzung im Stadtteil</li>');
    expect(html.headers.get('content-disposition')).toContain('filename="Protocol-2021-09-06-Sozialraumorientierung.html"');

    const csv = await exportOf(server, session, 'format=csv&authors=1&dots=1', moderator);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n').filter((line) => line.includes('Fallarbeit'))).toHaveLength(1);
    // authors=1 adds the author column.
    const header = csv.text.split('\r\n')[0] as string;
    const plainHeader = (await exportOf(server, session, 'format=csv', moderator)).text.split('\r\n')[0] as string;
    expect(header.split(';').length).toBe(plainHeader.split(';').length + 1);
  });

  it('gives a moderator the draft as DOCX and PDF and the session as a JSON backup, each with its type and file name', async () => {
    const server = await startServer();
    const { session, moderator, write } = await workshop(server);
    await write('Gute Vernetzung im Stadtteil', 'Zu wenig Zeit für Fallarbeit');
    const cardsUnderGroup1 = (outline: { kind: string; text: string; path: string[] }[]) =>
      outline.filter((e) => e.kind === 'item' && e.path.some((p) => GROUP_1.test(p))).map((e) => e.text);

    const docx = await download(server, session, 'format=docx', moderator);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toContain('filename="Protokoll-2021-09-06-Sozialraumorientierung.docx"');
    expect(cardsUnderGroup1(docxOutline(docx.body))).toEqual(['Gute Vernetzung im Stadtteil', 'Zu wenig Zeit für Fallarbeit']);

    const pdf = await download(server, session, 'format=pdf&lang=en', moderator);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('filename="Protocol-2021-09-06-Sozialraumorientierung.pdf"');
    expect(pdfInfo(pdf.body)).toMatchObject({ Tagged: 'yes', Title: 'Sozialraumorientierung' });
    expect(pdf.body.toString('latin1')).toContain('/Lang (en-GB)');
    expect(pdfOutline(pdf.body).filter((e) => e.kind === 'item' && e.path.some((p) => /^Results of working group 1/.test(p))).map((e) => e.text)).toEqual([
      'Gute Vernetzung im Stadtteil',
      'Zu wenig Zeit für Fallarbeit',
    ]);

    const json = await exportOf(server, session, 'format=json', moderator);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toContain('filename="Sicherung-2021-09-06-Sozialraumorientierung.json"');
    const backup = json.body as { format: string; version: number; boards: { cards: { text: string }[] }[] };
    expect(backup).toMatchObject({ format: 'plenum-backup', version: 1 });
    expect(backup.boards.flatMap((b) => b.cards.map((c) => c.text))).toEqual(['Gute Vernetzung im Stadtteil', 'Zu wenig Zeit für Fallarbeit']);
  }, RENDERS);

  it('renders ahead, on a prepare, the draft the default export gives (currentDraft)', async () => {
    const server = await startServer();
    const { session, moderator, write } = await workshop(server);
    await write('Gute Vernetzung im Stadtteil', 'Zu wenig Zeit für Fallarbeit');
    const draft = toMarkdown(currentDraft(server, session.id));
    expect(draft).toContain('- Gute Vernetzung im Stadtteil');
    expect(draft).toBe((await exportOf(server, session, 'format=md', moderator)).text);
  });

  it('answers only the moderator: 403 for participant and viewer, 401 without or with a wrong token', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const other = await createSession(server.url);
    for (const role of ['participant', 'viewer'] as const) {
      const res = await exportOf(server, session, 'format=md', tokenOf(session.links[role]));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    // Another session's moderator is no moderator here.
    expect((await exportOf(server, session, 'format=md', tokenOf(other.links.moderator))).status).toBe(403);
    const none = await exportOf(server, session, 'format=md');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await exportOf(server, session, 'format=md', 'x'.repeat(43))).status).toBe(401);
    // The refusal comes before the query is read: a stranger learns nothing from a bad one.
    expect((await exportOf(server, session, 'format=nope', tokenOf(session.links.viewer))).status).toBe(403);
    for (const format of ['docx', 'pdf', 'json']) {
      for (const token of [tokenOf(session.links.participant), tokenOf(session.links.viewer), tokenOf(other.links.moderator)]) {
        const res = await exportOf(server, session, `format=${format}`, token);
        expect({ format, status: res.status, body: res.body }).toMatchObject({ format, status: 403, body: { error: { code: 'forbidden' } } });
      }
      for (const token of [undefined, 'x'.repeat(43)]) {
        const res = await exportOf(server, session, `format=${format}`, token);
        expect({ format, status: res.status, body: res.body }).toMatchObject({ format, status: 401, body: { error: { code: 'unauthorized' } } });
      }
    }
  });

  it('refuses an unknown format, option or value with 400 invalid naming the field', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const moderator = tokenOf(session.links.moderator);
    const cases: [string, string][] = [
      ['', 'format'],
      ['format=rtf', 'format'],
      ['format=MD', 'format'],
      ['format=md&lang=fr', 'lang'],
      ['format=md&authors=yes', 'authors'],
      ['format=md&dots=2', 'dots'],
      ['format=md&unmerged=true', 'unmerged'],
      ['format=md&sources=', 'sources'],
      ['format=md&autors=1', 'autors'],
      ['format=md&format=csv', 'format'],
      ['format=md&snapshot=abc', 'snapshot'],
      ['format=md&snapshot=0', 'snapshot'],
    ];
    for (const [query, field] of cases) {
      const res = await exportOf(server, session, query, moderator);
      expect({ query, status: res.status, body: res.body }).toMatchObject({ query, status: 400, body: { error: { code: 'invalid', field } } });
    }
    for (const flags of ['authors=0&dots=0&unmerged=0&sources=0', 'authors=1&dots=1&unmerged=1&sources=1&lang=en']) {
      expect((await exportOf(server, session, `format=md&${flags}`, moderator)).status).toBe(200);
    }
  });

  it('names the file safely whatever the title: no quote, line break or path gets into the header', async () => {
    const server = await startServer();
    const hostile = 'Größe"; filename="../../etc/passwd\\ \u202e /Ü';
    const session = await createSession(server.url, { title: hostile, date: '2024-02-29' });
    const res = await exportOf(server, session, 'format=md', tokenOf(session.links.moderator));
    expect(res.status).toBe(200);
    const header = res.headers.get('content-disposition') as string;
    const match = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(header);
    expect(match).not.toBeNull();
    const [, ascii, encoded] = match as unknown as [string, string, string];
    expect(ascii).toBe('Protokoll-2024-02-29-Groesse-filename-etc-passwd-Ue.md');
    expect(ascii).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/); // RFC 5987 attr-char and escapes only
    expect(decodeURIComponent(encoded)).toBe('Protokoll-2024-02-29-Größe-filename-etc-passwd-Ü.md');
  });

  it('exports as of a named snapshot: cards written after it are not in the draft', async () => {
    const server = await startServer();
    const { session, moderator, write } = await workshop(server);
    await write('Vor dem Stand');
    const snap = await api(server.url, 'POST', `/api/sessions/${session.id}/snapshots`, { token: moderator, body: { label: 'Mittag' } });
    expect(snap.status).toBe(201);
    const snapshotId = (snap.body as { id: number }).id;
    await write('Nach dem Stand');

    const now = await exportOf(server, session, 'format=md', moderator);
    expect(now.text).toContain('Vor dem Stand');
    expect(now.text).toContain('Nach dem Stand');
    const then = await exportOf(server, session, `format=md&snapshot=${snapshotId}`, moderator);
    expect(then.status).toBe(200);
    expect(then.text).toContain('Vor dem Stand');
    expect(then.text).not.toContain('Nach dem Stand');
    // Every format reads the same snapshot.
    const thenDocx = docxOutline((await download(server, session, `format=docx&snapshot=${snapshotId}`, moderator)).body).map((e) => e.text);
    expect(thenDocx).toContain('Vor dem Stand');
    expect(thenDocx).not.toContain('Nach dem Stand');
    const thenPdf = pdfOutline((await download(server, session, `format=pdf&snapshot=${snapshotId}`, moderator)).body).map((e) => e.text);
    expect(thenPdf).toContain('Vor dem Stand');
    expect(thenPdf).not.toContain('Nach dem Stand');
    const thenJson = (await exportOf(server, session, `format=json&snapshot=${snapshotId}`, moderator)).text;
    expect(thenJson).toContain('Vor dem Stand');
    expect(thenJson).not.toContain('Nach dem Stand');

    const unknown = await exportOf(server, session, `format=md&snapshot=${snapshotId + 1000}`, moderator);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
    // Another session's snapshot is unknown here, even to that session's moderator.
    const other = await createSession(server.url);
    const foreign = await exportOf(server, other, `format=md&snapshot=${snapshotId}`, tokenOf(other.links.moderator));
    expect(foreign.status).toBe(404);
  }, RENDERS);
});

describe('the documents an export reads now', () => {
  // A loaded room's document is already migrated (Room.load) and the tree or
  // backup is read from it synchronously, so nothing can change it meanwhile:
  // encoding it and applying that to a copy only cost time (issue 12).
  it("reads a loaded room's document in place, without a copy, and leaves it alive", async () => {
    const server = await startServer();
    const { session, moderator, write, board } = await workshop(server);
    await write('Im Raum');
    const boardName = (board.provider as unknown as { roomname: string }).roomname;
    const address = parseRoom(boardName);
    if (address?.kind !== 'board') throw new Error(`${boardName} is no board room`);
    const liveBoard = server.rooms.loaded(boardName)?.doc;
    const liveSession = server.rooms.loaded(session.id)?.doc;
    expect(liveBoard).toBeDefined();
    expect(liveSession).toBeDefined();
    const loads = vi.spyOn(server.storage, 'loadDocument');

    const docs = currentDocuments(server, session.id);
    expect(docs.session).toBe(liveSession);
    expect(docs.boards.get(boardKey(address.phaseId, address.groupId))).toBe(liveBoard);
    expect(loads.mock.calls.map(([name]) => name)).not.toContain(boardName);
    expect(loads.mock.calls.map(([name]) => name)).not.toContain(session.id);
    docs.destroy();
    expect(liveBoard?.isDestroyed).toBe(false);
    expect(liveSession?.isDestroyed).toBe(false);

    // The room goes on: what is written after an export is in the next one.
    await write('Nach dem Export');
    const md = await exportOf(server, session, 'format=md', moderator);
    expect(md.text).toContain('- Im Raum');
    expect(md.text).toContain('- Nach dem Export');
  });
});

describe('export of documents with an older schema', () => {
  // fixtures/order-keys-v1: a database of schema 1 documents (order-keys-migration.test.ts).
  // Today's reader happens to order this fixture's keys as the migration does,
  // so this test shows an old database exports right and its snapshot stays as
  // taken; the schema_too_new test below is the one that fails without migrate().
  it('exports schema 1 documents, now and as of a snapshot, in the order people saw, and leaves the snapshot as taken', async () => {
    const fixture = path.resolve(import.meta.dirname, 'fixtures/order-keys-v1');
    const dataDir = tempDir();
    fs.copyFileSync(path.join(fixture, 'plenum.sqlite'), path.join(dataDir, 'plenum.sqlite'));
    const expected = JSON.parse(fs.readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as {
      sessionId: string;
      tokens: { moderator: string };
      phases: { title: string }[];
      boards: Record<string, { columnId: string; text: string }[]>;
    };
    const server = await startServer({ dataDir });
    const session = { id: expected.sessionId } as CreatedSession;
    const moderator = expected.tokens.moderator;
    // No room is open yet: the snapshot holds the stored schema 1 states.
    const snap = await api(server.url, 'POST', `/api/sessions/${session.id}/snapshots`, { token: moderator, body: { label: 'alt' } });
    expect(snap.status).toBe(201);
    const snapshotId = (snap.body as { id: number }).id;

    const [boardName, cards] = Object.entries(expected.boards).find(([room]) => room.includes('/board/'))!;
    for (const query of ['format=md', `format=md&snapshot=${snapshotId}`]) {
      const md = await exportOf(server, session, query, moderator);
      expect(md.status, query).toBe(200);
      const lines = md.text.split('\n');
      // Agenda items in the order people saw them (what the migration's new keys keep).
      expect(lines.filter((line) => line.startsWith('## ') && /^## \d+\. /.test(line)).map((line) => line.replace(/^## \d+\. /, ''))).toEqual(
        expected.phases.map((p) => p.title),
      );
      for (const column of new Set(cards.map((c) => c.columnId))) {
        const seen = cards.filter((c) => c.columnId === column).map((c) => `- ${c.text}`);
        const shown = lines.filter((line) => seen.includes(line));
        expect(shown, `${query} column ${column}`).toEqual(seen);
      }
      // Private cards not yet revealed are in no export.
      expect(md.text).not.toContain('Privat 1');
    }

    const back = await api(server.url, 'GET', `/api/sessions/${session.id}/snapshots/${snapshotId}`, { token: moderator });
    const documents = (back.body as { documents: { room: string; update: string }[] }).documents;
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Buffer.from(documents.find((d) => d.room === boardName)!.update, 'base64'));
    expect(schemaVersionOf(stored)).toBe(1);
  });

  it('refuses a snapshot written by a newer Plenum with 409 schema_too_new, and still exports now', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const moderator = tokenOf(session.links.moderator);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, server.storage.loadDocument(session.id)!);
    doc.getMap('meta').set('schemaVersion', 99);
    const info = server.storage.saveSnapshot(session.id, 'aus der Zukunft', new Map([[session.id, Y.encodeStateAsUpdate(doc)]]));
    const res = await exportOf(server, session, `format=md&snapshot=${info.id}`, moderator);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'schema_too_new' } });
    expect((await exportOf(server, session, 'format=md', moderator)).status).toBe(200);
  });
});

describe('GET /api/sessions/:id/snapshots/:snapshotId', () => {
  it('gives a moderator every document as a Yjs update a Y.Doc can apply', async () => {
    const server = await startServer();
    const { session, moderator, write, board } = await workshop(server);
    await write('Im Stand');
    const snap = await api(server.url, 'POST', `/api/sessions/${session.id}/snapshots`, { token: moderator, body: { label: 'Pause' } });
    const snapshotId = (snap.body as { id: number }).id;
    await write('Danach');

    const res = await api(server.url, 'GET', `/api/sessions/${session.id}/snapshots/${snapshotId}`, { token: moderator });
    expect(res.status).toBe(200);
    const body = res.body as { id: number; label: string; createdAt: number; documents: { room: string; update: string }[] };
    expect(body).toMatchObject({ id: snapshotId, label: 'Pause', createdAt: expect.any(Number) });
    const rooms = body.documents.map((d) => d.room);
    expect(rooms).toContain(session.id);
    const boardName = (board.provider as unknown as { roomname: string }).roomname;
    expect(rooms).toContain(boardName);
    const docs = new Map(
      body.documents.map((d) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Buffer.from(d.update, 'base64'));
        return [d.room, doc] as const;
      }),
    );
    expect(readSession(docs.get(session.id) as Y.Doc).meta.title).toBe('Sozialraumorientierung');
    expect(readCards(docs.get(boardName) as Y.Doc).map((c) => c.text)).toEqual(['Im Stand']);

    const denied = await api(server.url, 'GET', `/api/sessions/${session.id}/snapshots/${snapshotId}`, { token: tokenOf(session.links.participant) });
    expect(denied.status).toBe(403);
    expect((await api(server.url, 'GET', `/api/sessions/${session.id}/snapshots/${snapshotId}`)).status).toBe(401);
    for (const id of [String(snapshotId + 1000), 'abc', '0', '-1']) {
      const missing = await api(server.url, 'GET', `/api/sessions/${session.id}/snapshots/${id}`, { token: moderator });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});
