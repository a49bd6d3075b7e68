import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import { connect, createSession, startServer, tokenOf, waitFor } from './helpers.ts';

describe('sync with the stock y-websocket client', () => {
  it('S2: two clients on one board converge', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const sessionClient = connect(server.url, session.id, token);
    await sessionClient.synced;
    const phase = readSession(sessionClient.doc).phases[0]!;
    const room = boardRoom(session.id, phase.id, phase.groups[0]!.id);
    const a = connect(server.url, room, token);
    const b = connect(server.url, room, token);
    await Promise.all([a.synced, b.synced]);
    const column = phase.prompts[0]!.id;
    addCard(a.doc, { columnId: column, text: 'von A' });
    addCard(b.doc, { columnId: column, text: 'von B' });
    await waitFor(() => readCards(a.doc).length === 2 && readCards(b.doc).length === 2, 5000, 'both cards on both');
    expect(readCards(a.doc).map((c) => c.text)).toEqual(readCards(b.doc).map((c) => c.text));
  });
});
