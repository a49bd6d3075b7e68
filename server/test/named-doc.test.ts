import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { namedDoc } from '../src/named-doc.ts';
import { documentsFrom } from '../src/protocol/documents.ts';
import { connect, createSession, startServer, tokenOf } from './helpers.ts';

// The server's documents are named by their room instead of drawing a random
// guid for each (named-doc.ts): the card counts make one per private room on
// every poll, and a drawn guid cost about 70 µs each.

describe('documents named by their room', () => {
  it('namedDoc gives the room’s name as the guid, and two documents of one name stay apart', () => {
    const a = namedDoc('s1/p1/g1');
    const b = namedDoc('s1/p1/g1');
    expect(a.guid).toBe('s1/p1/g1');
    a.getMap('meta').set('x', 1);
    expect(b.getMap('meta').has('x')).toBe(false);
    // The guid is not part of what Yjs encodes: a copy made elsewhere applies the same.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a));
    expect(copy.getMap('meta').get('x')).toBe(1);
  });

  it('the export’s and the backup’s copies of stored boards are named by their room', () => {
    const name = boardRoom('s1', 'p1', 'g1');
    const board = new Y.Doc();
    initBoard(board, { sessionId: 's1', phaseId: 'p1', groupId: 'g1' });
    const docs = documentsFrom(new Map([[name, Y.encodeStateAsUpdate(board)]]));
    expect([...docs.boards.values()].map((doc) => doc.guid)).toEqual([name]);
    docs.destroy();
  });

  it('a loaded room’s document is named by its room', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const client = connect(server.url, session.id, tokenOf(session.links.moderator));
    await client.synced;
    expect(server.rooms.loaded(session.id)?.doc.guid).toBe(session.id);
    client.destroy();
  });
});
