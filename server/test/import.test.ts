import { describe, expect, it } from 'vitest';
import { addCard, readCards, updateCardText, vote } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import { phaseNote } from '@plenum/shared/phase-notes';
import { addItemFromCard, dismissPair, setItemHighlight, setLayout, sourceKey } from '@plenum/shared/summary-doc';
import type { Backup } from '../src/protocol/backup.ts';
import { MAX_BACKUP_BYTES } from '../src/protocol/backup.ts';
import { api, connect, createSession, roundTrip, startServer, tokenOf, waitFor, type CreatedSession } from './helpers.ts';

// The JSON backup (GET …/export?format=json, docs/backup-format.md) and
// POST /api/sessions/import: a backup makes a new session whose protocol is
// the original's, and a bad or foreign one is refused with the field that is
// wrong, leaving nothing behind.

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * A "Bilanz und Zukunft" workshop with cards on both groups' boards of the
 * review (one with an author, line breaks and dots), a merged summary of the
 * review (an item highlighted, a pair of cards dismissed as not the same) and
 * its protocol note, cards for the look ahead and a named snapshot: every
 * kind of content a backup has to carry. Participants are addressed
 * informally (Du), which is not the default.
 */
async function richWorkshop(server: Server) {
  const session = await createSession(server.url, { title: 'Sozialraumorientierung', template: 'bilanz-zukunft', date: '2021-09-06', address: 'informal' });
  const moderator = tokenOf(session.links.moderator);
  const sessionClient = connect(server.url, session.id, moderator);
  await sessionClient.synced;
  const [, review, future] = readSession(sessionClient.doc).phases;
  if (!review || !future) throw new Error('template without review and look ahead');
  const write = async (phase: typeof review, groupIndex: number, texts: string[], extra: (doc: import('yjs').Doc, ids: string[]) => void = () => {}) => {
    const group = phase.groups[groupIndex]!;
    const board = connect(server.url, boardRoom(session.id, phase.id, group.id), moderator);
    await board.synced;
    const ids = texts.map((text, i) => addCard(board.doc, { columnId: phase.prompts[i % phase.prompts.length]!.id, text, author: i === 0 ? 'Anna' : null }));
    extra(board.doc, ids);
    await roundTrip(board);
    return { group, ids, cards: readCards(board.doc) };
  };
  const g1 = await write(review, 0, ['Gute Vernetzung', 'Zu wenig Zeit\nfür Fallarbeit', 'Mehr Austausch'], (doc, ids) => {
    vote(doc, ids[0]!, 'voter-a', 1, 3);
    vote(doc, ids[0]!, 'voter-a', 1, 3); // two dots: one connection votes under one voter key (S11)
  });
  const g2 = await write(review, 1, ['Viel gelernt', '*Markdown* & <html>']);
  await write(future, 0, ['Jugendhilfeplanung weiterentwickeln']);
  await write(future, 1, ['=SUM(A1)']);
  const items = [g1, g2].map(({ group, cards, ids }) => {
    // The first card written (cards sort by their jittered order keys, not by when they were written).
    const card = cards.find((c) => c.id === ids[0])!;
    return addItemFromCard(sessionClient.doc, review.id, { groupId: group.id, columnId: card.columnId, cardId: card.id, text: card.text });
  });
  setLayout(sessionClient.doc, review.id, 'merged');
  setItemHighlight(sessionClient.doc, review.id, items[0]!, true);
  dismissPair(sessionClient.doc, review.id, sourceKey(g1.group.id, g1.ids[1]!), sourceKey(g2.group.id, g2.ids[1]!), 1_700_000_000_000);
  phaseNote(sessionClient.doc, review.id)!.insert(0, 'Einig: mehr Zeit für Fallarbeit.');
  await roundTrip(sessionClient);
  const snap = await api(server.url, 'POST', `/api/sessions/${session.id}/snapshots`, { token: moderator, body: { label: 'Mittag' } });
  expect(snap.status).toBe(201);
  return { session, moderator };
}

async function backupOf(server: Server, session: CreatedSession, token: string): Promise<Backup> {
  const res = await api(server.url, 'GET', `/api/sessions/${session.id}/export?format=json`, { token });
  expect(res.status).toBe(200);
  return res.body as Backup;
}

function importBackup(server: Server, body: unknown, headers?: Record<string, string>) {
  return api(server.url, 'POST', '/api/sessions/import', { body, headers });
}

function sessionCount(server: Server): number {
  return server.storage.sessionsCreatedBefore(Number.MAX_SAFE_INTEGER).length;
}

const ALL_OPTIONS = 'authors=1&dots=1&unmerged=1&sources=1';

describe('JSON backup and POST /api/sessions/import', () => {
  it('export, import, export gives the same protocol, in every format and with every option', async () => {
    const server = await startServer();
    const { session, moderator } = await richWorkshop(server);
    const backup = await backupOf(server, session, moderator);
    expect(backup).toMatchObject({ format: 'plenum-backup', version: 1, session: { address: 'informal' }, snapshots: [{ label: 'Mittag' }] });
    expect(backup.boards.flatMap((b) => b.cards.map((c) => c.text))).toContain('Zu wenig Zeit\nfür Fallarbeit');
    expect(backup.session.phases[1]).toMatchObject({
      note: 'Einig: mehr Zeit für Fallarbeit.',
      layout: 'merged',
      summary: expect.arrayContaining([expect.objectContaining({ highlight: true })]),
      dismissedPairs: [expect.objectContaining({ dismissedAt: 1_700_000_000_000 })],
    });

    const res = await importBackup(server, backup);
    expect(res.status).toBe(201);
    const imported = res.body as CreatedSession;
    expect(imported.id).not.toBe(session.id);
    expect(Object.keys(imported.links).sort()).toEqual(['moderator', 'participant', 'viewer']);
    const newModerator = tokenOf(imported.links.moderator);
    for (const role of ['participant', 'viewer'] as const) {
      const who = await api(server.url, 'GET', `/api/sessions/${imported.id}`, { token: tokenOf(imported.links[role]) });
      expect(who.body).toMatchObject({ id: imported.id, role });
    }

    for (const query of ['format=md', `format=md&${ALL_OPTIONS}`, `format=md&lang=en&${ALL_OPTIONS}`, `format=csv&${ALL_OPTIONS}`, 'format=html&dots=1']) {
      const before = await api(server.url, 'GET', `/api/sessions/${session.id}/export?${query}`, { token: moderator });
      const after = await api(server.url, 'GET', `/api/sessions/${imported.id}/export?${query}`, { token: newModerator });
      expect(after.status, query).toBe(200);
      expect(after.text, query).toBe(before.text);
    }
    // The merged summary came along: the Markdown has it, with its sources and dots.
    const md = await api(server.url, 'GET', `/api/sessions/${imported.id}/export?format=md&${ALL_OPTIONS}`, { token: newModerator });
    expect(md.text).toContain('### Ergebnisse der Arbeitsgruppen zum Bilanzgespräch');
    expect(md.text).toContain('- Gute Vernetzung *(aus AG 1)*');

    // The new session's backup is the old one, but for the time and the snapshots (not copied: they have no content here).
    const again = await backupOf(server, imported, newModerator);
    expect(again.session).toEqual(backup.session);
    expect(again.boards).toEqual(backup.boards);
    expect(again.snapshots).toEqual([]);

    // The imported session addresses its participants as the original did.
    const importedSession = readSession(await sessionDoc(server, imported.id, newModerator));
    expect(importedSession.meta.address).toBe('informal');

    // The imported boards are live documents: a participant can write on them.
    const [, review] = importedSession.phases;
    const room = boardRoom(imported.id, review!.id, review!.groups[0]!.id);
    const board = connect(server.url, room, tokenOf(imported.links.participant));
    await board.synced;
    expect(readCards(board.doc).map((c) => c.text)).toContain('Gute Vernetzung');
  });

  it('restores card texts as editable text: two people editing a restored card at once both keep their words', async () => {
    const server = await startServer();
    const { session, moderator } = await richWorkshop(server);
    const res = await importBackup(server, await backupOf(server, session, moderator));
    expect(res.status).toBe(201);
    const imported = res.body as CreatedSession;
    const [, review] = readSession(await sessionDoc(server, imported.id, tokenOf(imported.links.moderator))).phases;
    const room = boardRoom(imported.id, review!.id, review!.groups[0]!.id);
    const participant = tokenOf(imported.links.participant);
    const anna = connect(server.url, room, participant);
    const ben = connect(server.url, room, participant);
    await Promise.all([anna.synced, ben.synced]);
    const card = readCards(anna.doc).find((c) => c.text === 'Mehr Austausch')!;
    // Anna edits offline while Ben edits online: neither has seen the other's change.
    anna.provider.disconnect();
    updateCardText(anna.doc, card.id, 'Mehr Austausch zwischen Trägern');
    updateCardText(ben.doc, card.id, 'Viel mehr Austausch');
    await roundTrip(ben);
    anna.provider.connect();
    // The two texts differ until each page has the other's edit.
    await waitFor(() => textOf(anna.doc, card.id) === textOf(ben.doc, card.id), 5000, 'the two pages agree');
    expect(textOf(ben.doc, card.id)).toBe('Viel mehr Austausch zwischen Trägern');
  });

  it('refuses foreign JSON, another version and a wrong field with 400 naming the field, and creates nothing', async () => {
    const server = await startServer();
    const { session, moderator } = await richWorkshop(server);
    const backup = await backupOf(server, session, moderator);
    const before = sessionCount(server);
    const documentsBefore = server.storage.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number };
    const broken = (change: (b: Backup) => void): Backup => {
      const copy = structuredClone(backup);
      change(copy);
      return copy;
    };
    const boardWithCards = backup.boards.findIndex((b) => b.cards.length > 1);
    const cases: [unknown, string, string][] = [
      [{ hello: 'world' }, 'invalid', 'format'],
      [{ ...backup, format: 'trello-export' }, 'invalid', 'format'],
      [{ ...backup, version: 2 }, 'invalid', 'version'],
      [{ ...backup, version: '1' }, 'invalid', 'version'],
      [broken((b) => (b.boards[boardWithCards]!.cards[1]!.text = 5 as unknown as string)), 'invalid', `boards[${boardWithCards}].cards[1].text`],
      [broken((b) => (b.boards[boardWithCards]!.cards[1]!.text = 'x'.repeat(1001))), 'too_long', `boards[${boardWithCards}].cards[1].text`],
      [broken((b) => (b.boards[0]!.groupId = 'no-such-group')), 'invalid', 'boards[0].groupId'],
      [broken((b) => (b.boards[boardWithCards]!.cards[1]!.id = b.boards[boardWithCards]!.cards[0]!.id)), 'invalid', `boards[${boardWithCards}].cards[1].id`],
      [broken((b) => (b.boards[0]!.cards[0]!.color = 'black' as 'yellow')), 'invalid', 'boards[0].cards[0].color'],
      [broken((b) => (b.boards[0]!.cards[0]!.votes = { 'voter-a': 99 })), 'invalid', 'boards[0].cards[0].votes.voter-a'],
      [broken((b) => (b.session.phases[1]!.kind = 'party' as 'plenum')), 'invalid', 'session.phases[1].kind'],
      [broken((b) => (b.session.phases[1]!.summary[0]!.sources[0]!.cardId = '../x')), 'invalid', 'session.phases[1].summary[0].sources[0].cardId'],
      [broken((b) => (b.session.title = '')), 'required', 'session.title'],
      [broken((b) => (b.session.date = '6.9.2021')), 'invalid', 'session.date'],
      [broken((b) => (b.session.currentPhaseId = 'gone')), 'invalid', 'session.currentPhaseId'],
      [broken((b) => (b.session.address = 'casual' as 'formal')), 'invalid', 'session.address'],
      [broken((b) => delete (b as Partial<Backup>).boards), 'invalid', 'boards'],
      [broken((b) => (b.session.phases = Array.from({ length: 31 }, () => b.session.phases[0]!))), 'too_many', 'session.phases'],
    ];
    for (const [body, code, field] of cases) {
      const res = await importBackup(server, body);
      expect({ field, status: res.status, body: res.body }).toMatchObject({ field, status: 400, body: { error: { code, field } } });
    }
    const notJson = await importBackup(server, '{"format": "plenum-backup",');
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    const notAnObject = await importBackup(server, '[1, 2]');
    expect(notAnObject).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    const wrongType = await importBackup(server, JSON.stringify(backup), { 'content-type': 'text/plain' });
    expect(wrongType).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });

    expect(sessionCount(server)).toBe(before);
    expect(server.storage.db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual(documentsBefore);
  });

  it('reads a backup without session.address (a script\'s, written to the description before it was listed) as formal', async () => {
    const server = await startServer();
    const { session, moderator } = await richWorkshop(server);
    const backup = await backupOf(server, session, moderator);
    delete (backup.session as Partial<Backup['session']>).address;
    const res = await importBackup(server, backup);
    expect(res.status).toBe(201);
    const imported = res.body as CreatedSession;
    const importedSession = readSession(await sessionDoc(server, imported.id, tokenOf(imported.links.moderator)));
    expect(importedSession.meta).toMatchObject({ title: 'Sozialraumorientierung', address: 'formal' });
  });

  it('refuses a backup over the size limit with 413', async () => {
    const server = await startServer();
    const before = sessionCount(server);
    const res = await importBackup(server, `{"format":"plenum-backup","padding":"${'x'.repeat(MAX_BACKUP_BYTES)}"}`);
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'too_large', limit: MAX_BACKUP_BYTES } } });
    expect(sessionCount(server)).toBe(before);
  });

  it('writes the session, its tokens and its boards in one transaction: a failed board write leaves no session', async () => {
    const server = await startServer();
    const { session, moderator } = await richWorkshop(server);
    const backup = await backupOf(server, session, moderator);
    const before = sessionCount(server);
    // The last document written fails, as a full disk would.
    server.storage.db.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON documents WHEN NEW.name LIKE '%/board/%' AND NEW.session_id <> '${session.id}'
      BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`);
    const res = await importBackup(server, backup);
    expect(res).toMatchObject({ status: 503, body: { error: { code: 'storage_unavailable' } } });
    expect(sessionCount(server)).toBe(before);
    expect(server.storage.db.prepare('SELECT COUNT(*) AS n FROM tokens WHERE session_id <> ?').get(session.id)).toEqual({ n: 0 });
    server.storage.db.exec('DROP TRIGGER fail_import');
    expect((await importBackup(server, backup)).status).toBe(201);
  });
});

async function sessionDoc(server: Server, sessionId: string, token: string) {
  const client = connect(server.url, sessionId, token);
  await client.synced;
  return client.doc;
}

function textOf(doc: import('yjs').Doc, cardId: string): string {
  return readCards(doc).find((c) => c.id === cardId)?.text ?? '';
}
