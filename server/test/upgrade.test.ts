import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardTextType, editableCardText, readCards } from '@plenum/shared/board-doc';
import { phaseNote } from '@plenum/shared/phase-notes';
import { SCHEMA_VERSION, schemaVersionOf } from '@plenum/shared/schema';
import { readMeta, readPhases } from '@plenum/shared/session-doc';
import { dismissedPairs, readSummary } from '@plenum/shared/summary-doc';
import { api, connect, startServer, tempDir, waitFor, type Client } from './helpers.ts';

// The upgrade of docs/deploy.md ("Upgrades"): today's server started on the
// database of the previous release (fixtures/previous-release: written by the
// server and stock client of commit 2e543b2, session schema 3, board schema 2;
// see fixtures/make-previous-release.ts). Every workshop, document, card,
// token and snapshot is there, every document comes up at today's schema,
// stock clients sync and write on them, and a second start migrates nothing.

const fixture = path.resolve(import.meta.dirname, 'fixtures/previous-release');

type Tokens = Record<'moderator' | 'participant' | 'viewer', string>;
interface ExpectedSession {
  id: string;
  tokens: Tokens;
  revokedViewer: string | null;
  snapshots: { id: string; label: string }[];
  meta: Record<string, unknown>;
  phases: { id: string; title: string; kind: string }[];
  summaries: Record<string, Record<string, unknown> & { dismissedPairs: string[] }>;
}
interface Expected {
  schemaVersions: Record<string, number>;
  sessions: ExpectedSession[];
  deleted: { id: string; tokens: Tokens };
  privateRooms: Record<string, string>;
  boards: Record<string, ReturnType<typeof readCards>>;
}

const expected = JSON.parse(fs.readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as Expected;
const [main, second] = expected.sessions as [ExpectedSession, ExpectedSession];
const rooms = Object.keys(expected.schemaVersions);
const sessionOf = (room: string) => expected.sessions.find((s) => s.id === room.split('/')[0])!;
const isSessionRoom = (room: string) => !room.includes('/');

/** A fresh data directory holding a copy of the fixture database. */
function copyFixture(): string {
  const dataDir = tempDir();
  fs.copyFileSync(path.join(fixture, 'plenum.sqlite'), path.join(dataDir, 'plenum.sqlite'));
  return dataDir;
}

/** Every document of the fixture through the stock client, read with the moderator's token. */
async function openAll(url: string): Promise<Map<string, Client>> {
  const clients = new Map(rooms.map((room) => [room, connect(url, room, sessionOf(room).tokens.moderator)]));
  await Promise.all([...clients.values()].map((c) => c.synced));
  return clients;
}

/** Waits until `client` holds everything `from` has. */
async function received(client: Client, from: Client): Promise<void> {
  const want = Y.decodeStateVector(Y.encodeStateVector(from.doc));
  await waitFor(() => {
    const has = Y.decodeStateVector(Y.encodeStateVector(client.doc));
    return [...want].every(([id, clock]) => (has.get(id) ?? 0) >= clock);
  }, 5000, 'the other client’s writes');
}

describe('upgrade from the previous release’s database', () => {
  it('keeps every workshop, document, card, token and snapshot, each document at today’s schema', async () => {
    // The fixture really is of the older schemas, so the migrations run.
    for (const room of rooms) expect(expected.schemaVersions[room], room).toBe(isSessionRoom(room) ? 3 : 2);
    expect(rooms.filter((r) => r.includes('/private/'))).toHaveLength(2);
    const server = await startServer({ dataDir: copyFixture() });
    const clients = await openAll(server.url);

    for (const [room, { doc }] of clients) {
      expect(schemaVersionOf(doc), room).toBe(isSessionRoom(room) ? SCHEMA_VERSION.session : SCHEMA_VERSION.board);
    }
    for (const session of expected.sessions) {
      const doc = clients.get(session.id)!.doc;
      expect(readMeta(doc)).toMatchObject(session.meta);
      expect(readPhases(doc)).toMatchObject(session.phases);
      for (const phase of session.phases) {
        // Session schema 4: every phase has its (empty) protocol note.
        expect(phaseNote(doc, phase.id)?.toString(), phase.title).toBe('');
        const { dismissedPairs: dismissed, ...summary } = session.summaries[phase.id]!;
        expect(readSummary(doc, phase.id), phase.title).toMatchObject(summary);
        expect([...dismissedPairs(doc, phase.id)].sort()).toEqual(dismissed);
      }
    }
    for (const [room, cards] of Object.entries(expected.boards)) {
      const doc = clients.get(room)!.doc;
      // Cards, their order, colours, authors and every voter's dots.
      expect(readCards(doc), room).toEqual(cards);
      // Board schema 3: every text a Y.Text.
      for (const card of cards) expect(cardTextType(doc, card.id), room).toBeInstanceOf(Y.Text);
    }
    expect(Object.values(expected.boards).flat().filter((c) => c.votes > 0).length).toBeGreaterThan(0);
    expect(readSummary(clients.get(main.id)!.doc, main.phases[1]!.id).items.length).toBeGreaterThan(0);

    // Tokens: each works in its role; the regenerated viewer's old token and the deleted workshop do not.
    for (const session of expected.sessions) {
      for (const [role, token] of Object.entries(session.tokens)) {
        const res = await api(server.url, 'GET', `/api/sessions/${session.id}`, { token });
        expect(res.status, `${session.id} ${role}`).toBe(200);
        expect((res.body as { role: string }).role).toBe(role);
      }
    }
    expect((await api(server.url, 'GET', `/api/sessions/${main.id}`, { token: main.revokedViewer! })).status).toBe(401);
    expect((await api(server.url, 'GET', `/api/sessions/${expected.deleted.id}`, { token: expected.deleted.tokens.moderator })).status).toBe(401);

    // Snapshots: all of them, as stored (the stored bytes keep their schema)…
    const list = await api(server.url, 'GET', `/api/sessions/${main.id}/snapshots`, { token: main.tokens.moderator });
    expect((list.body as { snapshots: unknown[] }).snapshots).toEqual(main.snapshots);
    const named = main.snapshots.find((s) => s.label === 'Vor der Pause')!;
    const stored = await api(server.url, 'GET', `/api/sessions/${main.id}/snapshots/${named.id}`, { token: main.tokens.moderator });
    const documents = (stored.body as { documents: { room: string; update: string }[] }).documents;
    expect(documents.map((d) => d.room).sort()).toEqual(rooms.filter((r) => r.startsWith(main.id)).sort());
    for (const { room, update } of documents) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(update, 'base64'));
      expect(schemaVersionOf(doc), room).toBe(expected.schemaVersions[room]);
    }
    // … and the protocol of the review phase's closing snapshot exports, migrated on the way.
    const closedReview = main.snapshots.find((s) => s.label.includes(main.phases[1]!.title))!;
    const reviewCard = expected.boards[rooms.find((r) => r.includes(`/board/${main.phases[1]!.id}/`))!]![0]!;
    const md = await api(server.url, 'GET', `/api/sessions/${main.id}/export?format=md&snapshot=${closedReview.id}`, { token: main.tokens.moderator });
    expect(md.status).toBe(200);
    expect(md.text).toContain(reviewCard.text);
    // The draft of now has the merged summary and the closing statements.
    const now = await api(server.url, 'GET', `/api/sessions/${main.id}/export?format=md`, { token: main.tokens.moderator });
    expect(now.text).toContain('Fortbildungen gemeinsam planen');
    expect(now.text).toContain('Wir laden 2027 wieder ein.');
  });

  it('lets stock y-websocket clients sync and write on the migrated documents', async () => {
    const server = await startServer({ dataDir: copyFixture() });
    const closing = main.phases.find((p) => p.kind === 'statements')!;
    const statementsRoom = rooms.find((r) => r.includes(`/board/${closing.id}/`))!;
    const statement = expected.boards[statementsRoom]![0]!;

    // Two participants on a statements board: one edits a migrated card's text and adds a card.
    const writer = connect(server.url, statementsRoom, main.tokens.participant);
    const reader = connect(server.url, statementsRoom, main.tokens.participant);
    await Promise.all([writer.synced, reader.synced]);
    editableCardText(writer.doc, statement.id).insert(0, 'Nachtrag: ');
    const added = addCard(writer.doc, { columnId: statement.columnId, text: 'Neu nach dem Update' });
    await received(reader, writer);
    const seen = new Map(readCards(reader.doc).map((c) => [c.id, c.text]));
    expect(seen.get(statement.id)).toBe(`Nachtrag: ${statement.text}`);
    expect(seen.get(added)).toBe('Neu nach dem Update');

    // A writer goes on in their migrated private document; the moderator sees it.
    const [privateRoom, secret] = Object.entries(expected.privateRooms)[0]!;
    const privateWriter = connect(server.url, privateRoom, main.tokens.participant, { writer: secret });
    const moderatorView = connect(server.url, privateRoom, main.tokens.moderator);
    await Promise.all([privateWriter.synced, moderatorView.synced]);
    const privateCard = addCard(privateWriter.doc, { columnId: expected.boards[privateRoom]![0]!.columnId, text: 'Noch privat' });
    await received(moderatorView, privateWriter);
    expect(readCards(moderatorView.doc).map((c) => c.id)).toContain(privateCard);

    // Two moderators type into a migrated phase's new protocol note.
    const notes = [connect(server.url, main.id, main.tokens.moderator), connect(server.url, main.id, main.tokens.moderator)];
    await Promise.all(notes.map((c) => c.synced));
    phaseNote(notes[0]!.doc, main.phases[1]!.id)!.insert(0, 'Protokollnotiz');
    await received(notes[1]!, notes[0]!);
    expect(phaseNote(notes[1]!.doc, main.phases[1]!.id)!.toString()).toBe('Protokollnotiz');

    // The second workshop's board, read by its viewer.
    const secondBoard = rooms.find((r) => r.startsWith(`${second.id}/board/`))!;
    const participant = connect(server.url, secondBoard, second.tokens.participant);
    const viewer = connect(server.url, secondBoard, second.tokens.viewer);
    await Promise.all([participant.synced, viewer.synced]);
    const card = addCard(participant.doc, { columnId: expected.boards[secondBoard]![0]!.columnId, text: 'After the upgrade' });
    await received(viewer, participant);
    expect(readCards(viewer.doc).map((c) => c.id)).toEqual([...expected.boards[secondBoard]!.map((c) => c.id), card]);
  });

  it('a second start on the migrated database migrates nothing again', async () => {
    const dataDir = copyFixture();
    const first = await startServer({ dataDir });
    for (const client of (await openAll(first.url)).values()) client.destroy();
    await first.close();

    const again = await startServer({ dataDir });
    const stored = new Map(rooms.map((room) => [room, stateOf(again.storage.loadDocument(room))]));
    const clients = await openAll(again.url);
    for (const [room, client] of clients) {
      expect(schemaVersionOf(client.doc), room).toBe(isSessionRoom(room) ? SCHEMA_VERSION.session : SCHEMA_VERSION.board);
      // What the server holds after loading is exactly what the first start stored: no step ran again.
      expect(stateOf(Y.encodeStateAsUpdate(again.rooms.loaded(room)!.doc)), room).toEqual(stored.get(room));
    }
  });
});

/** The state vector of a stored document, as a comparable object. */
function stateOf(update: Uint8Array | null): Record<number, number> {
  if (!update) throw new Error('document not stored');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
}
