import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { boardRoom, privateRoom, writerIdFor } from '@plenum/shared/protocol';
import { readSession, updatePhase } from '@plenum/shared/session-doc';
import { api, connect, createSession, privateWritingWorkshop, tokenOf, waitFor } from './helpers.ts';

// GET /api/sessions/:id/phases/:phaseId/card-counts: how many cards each group
// has, on its board and (while private writing is on) in its writers' private
// documents, for the moderator only, and never a card's text.

const SECRET = 'Niemand außer mir liest das';

async function countsWorkshop() {
  const w = await privateWritingWorkshop();
  return { ...w, path: `/api/sessions/${w.session.id}/phases/${w.phase.id}/card-counts` };
}

describe('card counts for the moderator', () => {
  it('counts each group’s private cards and writers, stored and loaded, and the board’s cards by column, without any text', async () => {
    const w = await countsWorkshop();
    const secrets = ['writer-one-0123456789abcdef', 'writer-two-0123456789abcdef', 'writer-three-0123456789abcde'];
    const writers = secrets.map((secret, i) =>
      connect(w.server.url, privateRoom(w.session.id, w.phase.id, (i < 2 ? w.g1 : w.g2).id, writerIdFor(secret)), w.part, {
        writer: secret,
      }),
    );
    for (const writer of writers) await writer.synced;
    addCard(writers[0]!.doc, { columnId: w.ideas.id, text: SECRET });
    addCard(writers[0]!.doc, { columnId: w.questions.id, text: 'Zweite' });
    addCard(writers[1]!.doc, { columnId: w.ideas.id, text: 'Dritte' });
    addCard(writers[2]!.doc, { columnId: w.ideas.id, text: 'Vierte' });
    await waitFor(() => {
      const counts = secrets.map((s, i) => w.server.rooms.loaded(privateRoom(w.session.id, w.phase.id, (i < 2 ? w.g1 : w.g2).id, writerIdFor(s))));
      return counts.every((room, i) => room !== undefined && readCards(room.doc).length === [2, 1, 1][i]);
    }, 5000, 'private cards on the server');
    // One writer leaves: their room unloads; the count now comes from storage.
    writers[1]!.destroy();
    const left = privateRoom(w.session.id, w.phase.id, w.g1.id, writerIdFor(secrets[1]!));
    await waitFor(() => w.server.rooms.loaded(left) === undefined, 5000, 'the left writer’s room unloaded');

    const res = await api(w.server.url, 'GET', w.path, { token: w.mod });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(SECRET);
    expect(res.body).toEqual({
      groups: {
        [w.g1.id]: {
          board: { cards: 0, columns: {} },
          private: { writers: 2, cards: 3, columns: { [w.ideas.id]: 2, [w.questions.id]: 1 } },
        },
        [w.g2.id]: {
          board: { cards: 0, columns: {} },
          private: { writers: 1, cards: 1, columns: { [w.ideas.id]: 1 } },
        },
      },
    });
    expect(res.headers.get('cache-control')).toBe('no-store');

    // After the reveal the cards are on the boards and the private documents are empty.
    const revealed = await api(w.server.url, 'POST', `/api/sessions/${w.session.id}/phases/${w.phase.id}/reveal`, { token: w.mod, body: {} });
    expect(revealed.status).toBe(200);
    const after = await api(w.server.url, 'GET', w.path, { token: w.mod });
    expect(after.body).toEqual({
      groups: {
        [w.g1.id]: {
          board: { cards: 3, columns: { [w.ideas.id]: 2, [w.questions.id]: 1 } },
          private: { writers: 0, cards: 0, columns: {} },
        },
        [w.g2.id]: { board: { cards: 1, columns: { [w.ideas.id]: 1 } }, private: { writers: 0, cards: 0, columns: {} } },
      },
    });
  });

  it('counts a board’s cards as stored when nobody has it open', async () => {
    const w = await countsWorkshop();
    updatePhase(w.moderator.doc, w.phase.id, { privateWriting: false });
    const board = connect(w.server.url, boardRoom(w.session.id, w.phase.id, w.g2.id), w.part);
    await board.synced;
    await waitFor(() => !readSession(w.server.rooms.loaded(w.session.id)!.doc).phases[0]!.privateWriting, 5000, 'private off');
    addCard(board.doc, { columnId: w.questions.id, text: 'Auf dem Board' });
    await waitFor(() => readCards(w.server.rooms.loaded(boardRoom(w.session.id, w.phase.id, w.g2.id))!.doc).length === 1, 5000, 'card stored');
    board.destroy();
    await waitFor(() => w.server.rooms.loaded(boardRoom(w.session.id, w.phase.id, w.g2.id)) === undefined, 5000, 'board unloaded');
    const res = await api(w.server.url, 'GET', w.path, { token: w.mod });
    expect((res.body as { groups: Record<string, unknown> }).groups[w.g2.id]).toEqual({
      board: { cards: 1, columns: { [w.questions.id]: 1 } },
      private: { writers: 0, cards: 0, columns: {} },
    });
  });

  it('answers only the moderator: 401 without or with a wrong token, 403 for participants, viewers and other sessions, 404 for an unknown phase', async () => {
    const w = await countsWorkshop();
    const other = await createSession(w.server.url);
    expect((await api(w.server.url, 'GET', w.path)).status).toBe(401);
    expect((await api(w.server.url, 'GET', w.path, { token: 'x'.repeat(43) })).status).toBe(401);
    expect((await api(w.server.url, 'GET', w.path, { token: w.part })).status).toBe(403);
    expect((await api(w.server.url, 'GET', w.path, { token: tokenOf(w.session.links.viewer) })).status).toBe(403);
    expect((await api(w.server.url, 'GET', w.path, { token: tokenOf(other.links.moderator) })).status).toBe(403);
    const unknown = await api(w.server.url, 'GET', `/api/sessions/${w.session.id}/phases/nosuchphase00000000/card-counts`, { token: w.mod });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
  });
});
