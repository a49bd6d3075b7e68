import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, vote } from '@plenum/shared/board-doc';
import { CLOSE, sessionRoom } from '@plenum/shared/protocol';
import { updatePhase } from '@plenum/shared/session-doc';
import { connect, setPhaseVoting, votingBoard, waitFor } from './helpers.ts';
import { memoryPeer, memoryServer, receivedUpdates, type MemoryPeer } from './memory.ts';

// S11: a permitted write must still fit the documented layout
// (docs/data-model.md). A write that does not — a card whose text is not a
// string, over its limit, an unknown colour, a wrong type at a known key, a
// board's meta, dots under a second voter key — is refused as a whole:
// nothing of it is applied, stored or forwarded, and its sender is closed
// with 4422. Everyone else carries on. Dots the phase does not allow at that
// moment (voting ended, the budget used up) break no layout: the write is
// kept and the server takes those dots back.

type Write = (doc: Y.Doc, columnId: string) => void;

function newCard(doc: Y.Doc, fields: Record<string, unknown>, id = 'bad'): void {
  const card = new Y.Map<unknown>();
  const base: Record<string, unknown> = {
    text: 'Text',
    columnId: 'col',
    order: 'a0',
    color: 'yellow',
    author: null,
    createdAt: 1,
  };
  for (const [key, value] of Object.entries({ ...base, ...fields })) {
    if (value !== undefined) card.set(key, value);
  }
  doc.getMap('cards').set(id, card);
}

function firstCard(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('cards').get(readCards(doc)[0]!.id) as Y.Map<unknown>;
}

const INVALID: [string, Write][] = [
  ['a card whose text is a number', (doc) => newCard(doc, { text: 42 })],
  ['a card whose text is over 1,000 characters', (doc) => newCard(doc, { text: 'x'.repeat(1001) })],
  ['a card whose text is empty', (doc) => newCard(doc, { text: '' })],
  ['a card without text', (doc) => newCard(doc, { text: undefined })],
  ['a card with an unknown colour', (doc) => newCard(doc, { color: 'black' })],
  ['a card whose order is not a key', (doc) => newCard(doc, { order: 'not a key!' })],
  ['a card whose columnId is not an id', (doc) => newCard(doc, { columnId: 'a b' })],
  ['a card whose author is a number', (doc) => newCard(doc, { author: 7 })],
  ['a card whose createdAt is a string', (doc) => newCard(doc, { createdAt: 'gestern' })],
  ['a card whose votes are a string', (doc) => newCard(doc, { votes: 'viele' })],
  ['a card with a fraction of a dot in a schema 3 votes map', (doc) => newCard(doc, { votes: new Y.Map([['voter1', 0.5]]) })],
  ['a card with a dot under a voter key that is not an id', (doc) => newCard(doc, { 'vote:kein id': 1 })],
  ['a card with an unknown key', (doc) => newCard(doc, { script: '<b>x</b>' })],
  ['a card under a key that is not an id', (doc) => newCard(doc, {}, 'kein id')],
  ['a card that is not a map', (doc) => doc.getMap('cards').set('bad', 'Text')],
  ['a Y.Text card text with an embed', (doc) => {
    const text = new Y.Text();
    text.insertEmbed(0, { image: 'x' });
    newCard(doc, { text });
  }],
  ['an edit setting an existing card\'s text to a number', (doc) => firstCard(doc).set('text', 5)],
  ['an edit setting an existing card\'s colour to an unknown one', (doc) => firstCard(doc).set('color', 'gold')],
  ['an edit deleting an existing card\'s text', (doc) => firstCard(doc).delete('text')],
  ['an edit setting a vote count to a fraction', (doc) => firstCard(doc).set('vote:voter1', 0.5)],
  ['a write to the board\'s meta', (doc) => doc.getMap('meta').set('phaseId', 'other')],
  ['a write to an unknown top-level map', (doc) => doc.getMap('extra').set('x', 1)],
  ['a write to an unknown top-level array', (doc) => doc.getArray('log').push(['x'])],
];

function setup() {
  const server = memoryServer();
  const writer = memoryPeer(server.rooms, server.room, 'participant');
  const other = memoryPeer(server.rooms, server.room, 'participant');
  addCard(writer.doc, { columnId: server.columnId, text: 'Vorher' });
  server.rooms.commits.flush();
  return { ...server, writer, other };
}

function setVoting(rooms: ReturnType<typeof memoryServer>['rooms'], phaseId: string, enabled: boolean, budget = 3): void {
  const moderator = memoryPeer(rooms, sessionRoom('mem'), 'moderator');
  updatePhase(moderator.doc, phaseId, { votingEnabled: enabled, votingBudget: budget });
  rooms.commits.flush();
  expect(moderator.socket.closed).toBeNull();
}

/**
 * The server kept the writer's update but took back the dots the rules do not
 * allow now (S11): in the room, on disk, at the other peer and — once it
 * applies what the server sent — in the writer's own replica, the card has
 * `voters`; and no connection was closed.
 */
function expectTakenBack(s: ReturnType<typeof setup>, cardId: string, voters: Record<string, number>): void {
  s.rooms.commits.flush();
  expect(s.writer.socket.closed).toBeNull();
  expect(s.other.socket.closed).toBeNull();
  const room = s.rooms.loaded(s.room)!;
  const votersIn = (doc: Y.Doc) => readCards(doc).find((c) => c.id === cardId)?.voters;
  expect(votersIn(room.doc)).toEqual(voters);
  const stored = new Y.Doc();
  s.storage.applyStored(stored, s.room, 'test');
  expect(votersIn(stored)).toEqual(voters);
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(s.other.doc));
  for (const update of receivedUpdates(s.other.socket)) Y.applyUpdate(other, update);
  expect(votersIn(other)).toEqual(voters);
  for (const update of receivedUpdates(s.writer.socket)) Y.applyUpdate(s.writer.doc, update, 'server');
  expect(votersIn(s.writer.doc)).toEqual(voters);
  // The writer carries on.
  addCard(s.writer.doc, { columnId: s.columnId, text: 'Danach' });
  s.rooms.commits.flush();
  expect(s.writer.socket.closed).toBeNull();
  expect(readCards(room.doc).some((c) => c.text === 'Danach')).toBe(true);
}

function expectRefused(s: ReturnType<typeof setup>, peer: MemoryPeer, rowsBefore: number, forwardedBefore: number): void {
  s.rooms.commits.flush();
  expect(peer.socket.closed?.code).toBe(CLOSE.invalidWrite);
  expect(s.storage.countUpdates(s.room)).toBe(rowsBefore);
  expect(receivedUpdates(s.other.socket).length).toBe(forwardedBefore);
  const room = s.rooms.loaded(s.room)!;
  expect(room.doc.getMap('cards').has('bad')).toBe(false);
  expect(room.doc.getMap('meta').get('phaseId')).toBe(s.phase.id);
  expect(room.doc.share.has('extra') && room.doc.getMap('extra').size > 0).toBe(false);
  expect(readCards(room.doc).map((c) => c.text)).toEqual(['Vorher']);
  // The others carry on.
  expect(s.other.socket.closed).toBeNull();
  addCard(s.other.doc, { columnId: s.columnId, text: 'Nachher' });
  s.rooms.commits.flush();
  expect(readCards(room.doc).map((c) => c.text).sort()).toEqual(['Nachher', 'Vorher']);
  expect(s.other.socket.closed).toBeNull();
}

describe('S11: writes are checked against the documented layout', () => {
  for (const [name, write] of INVALID) {
    it(`S11: ${name} is refused as a whole with 4422`, () => {
      const s = setup();
      const rows = s.storage.countUpdates(s.room);
      const forwarded = receivedUpdates(s.other.socket).length;
      const evil = memoryPeer(s.rooms, s.room, 'participant');
      // One transaction: a valid card and the invalid part together. Neither may land.
      evil.doc.transact(() => {
        addCard(evil.doc, { columnId: s.columnId, text: 'Gute Karte im selben Update' });
        write(evil.doc, s.columnId);
      });
      expectRefused(s, evil, rows, forwarded);
      expect(readCards(s.rooms.loaded(s.room)!.doc).some((c) => c.text.startsWith('Gute Karte'))).toBe(false);
    });
  }

  it('S11: a moderator\'s invalid write to a board is refused too', () => {
    const s = setup();
    const rows = s.storage.countUpdates(s.room);
    const forwarded = receivedUpdates(s.other.socket).length;
    const moderator = memoryPeer(s.rooms, s.room, 'moderator');
    newCard(moderator.doc, { color: 'black' });
    expectRefused(s, moderator, rows, forwarded);
  });

  it('S11: valid writes pass: add, edit, move, colour, delete, Y.Text text, author, and the stock script\'s layout', () => {
    const s = setup();
    const card = firstCard(s.writer.doc);
    card.set('color', 'green');
    card.set('order', 'a5');
    card.set('author', 'Kim');
    card.set('author', null);
    card.set('text', 'Geändert');
    const text = new Y.Text('Live geschrieben');
    newCard(s.writer.doc, { text, columnId: s.columnId }, 'live');
    // A page loaded before board schema 4 writes a map of dots with each card (its dots are not counted).
    newCard(s.writer.doc, { columnId: s.columnId, votes: new Y.Map() }, 'vorher-geladen');
    text.insert(0, 'Noch ');
    text.delete(0, text.length); // an editor may empty a live text on the way to new words
    text.insert(0, 'Neu');
    addCard(s.writer.doc, { columnId: s.columnId, text: 'Weg damit' });
    s.writer.doc.getMap('cards').delete(readCards(s.writer.doc).find((c) => c.text === 'Weg damit')!.id);
    s.rooms.commits.flush();
    expect(s.writer.socket.closed).toBeNull();
    const doc = s.rooms.loaded(s.room)!.doc;
    expect(readCards(doc).filter((c) => c.id !== 'live').map((c) => c.text).sort()).toEqual(['Geändert', 'Text']);
    expect(String((doc.getMap('cards').get('live') as Y.Map<unknown>).get('text'))).toBe('Neu');
  });
});

describe('S11: vote budgets are enforced by the server', () => {
  it('S11: dots within the budget pass; one more than the budget is taken back by the server, and its giver stays', () => {
    const s = setup();
    setVoting(s.rooms, s.phase.id, true, 2);
    const cardId = readCards(s.writer.doc)[0]!.id;
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 2)).toBe(true);
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 2)).toBe(true);
    s.rooms.commits.flush();
    expect(s.writer.socket.closed).toBeNull();
    // The client-side check is skipped: a budget of 20 in the call, 2 in the phase
    // (as when two tabs of one browser give the last dot at the same moment).
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 20)).toBe(true);
    expectTakenBack(s, cardId, { voterA: 2 });
  });

  it('S11: taking a dot back always passes', () => {
    const s = setup();
    setVoting(s.rooms, s.phase.id, true, 1);
    const cardId = readCards(s.writer.doc)[0]!.id;
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 1)).toBe(true);
    expect(vote(s.writer.doc, cardId, 'voterA', -1, 1)).toBe(true);
    s.rooms.commits.flush();
    expect(s.writer.socket.closed).toBeNull();
    expect(readCards(s.rooms.loaded(s.room)!.doc)[0]!.votes).toBe(0);
  });

  it('S11: a dot given after voting ended is taken back by the server; the dots given before stay', () => {
    const s = setup();
    setVoting(s.rooms, s.phase.id, true, 3);
    const cardId = readCards(s.writer.doc)[0]!.id;
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 3)).toBe(true);
    s.rooms.commits.flush();
    // The moderator ends the vote; this page has not heard of it yet and gives one more.
    setVoting(s.rooms, s.phase.id, false);
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 3)).toBe(true);
    expectTakenBack(s, cardId, { voterA: 1 });
  });

  it('S11: a first dot on a new card, written while voting is off, is taken back; the card stays', () => {
    const s = setup();
    setVoting(s.rooms, s.phase.id, false);
    // One update, as a page that was offline sends what it wrote meanwhile.
    s.writer.doc.transact(() => {
      const id = addCard(s.writer.doc, { columnId: s.columnId, text: 'Offline geschrieben' });
      vote(s.writer.doc, id, 'voterA', 1, 3);
    });
    const id = readCards(s.writer.doc).find((c) => c.text === 'Offline geschrieben')!.id;
    expectTakenBack(s, id, {});
  });

  it('S11: taking a dot back while voting is off passes', () => {
    const s = setup();
    setVoting(s.rooms, s.phase.id, true, 3);
    const cardId = readCards(s.writer.doc)[0]!.id;
    vote(s.writer.doc, cardId, 'voterA', 1, 3);
    vote(s.writer.doc, cardId, 'voterA', 1, 3);
    s.rooms.commits.flush();
    setVoting(s.rooms, s.phase.id, false);
    const forwarded = receivedUpdates(s.writer.socket).length;
    expect(vote(s.writer.doc, cardId, 'voterA', -1, 3)).toBe(true);
    s.rooms.commits.flush();
    expect(s.writer.socket.closed).toBeNull();
    expect(readCards(s.rooms.loaded(s.room)!.doc)[0]!.voters).toEqual({ voterA: 1 });
    // Nothing to take back: the server wrote nothing of its own.
    expect(receivedUpdates(s.writer.socket).length).toBe(forwarded);
  });

  it('S11: one connection votes under one voter key only (a fresh key per dot would defeat the budget)', () => {
    const s = setup();
    setVoting(s.rooms, s.phase.id, true, 1);
    const cardId = readCards(s.writer.doc)[0]!.id;
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 1)).toBe(true);
    s.rooms.commits.flush();
    expect(s.writer.socket.closed).toBeNull();
    const rows = s.storage.countUpdates(s.room);
    const forwarded = receivedUpdates(s.other.socket).length;
    expect(vote(s.writer.doc, cardId, 'voterB', 1, 1)).toBe(true);
    expectRefused(s, s.writer, rows, forwarded);
    // Another connection (another browser) has its own key and budget.
    const ownCard = readCards(s.other.doc)[0]!.id; // the card expectRefused had it add
    expect(vote(s.other.doc, ownCard, 'voterC', 1, 1)).toBe(true);
    s.rooms.commits.flush();
    expect(s.other.socket.closed).toBeNull();
  });
});

describe('S11: a dot given as voting ends, through the real server and the stock client', () => {
  it('S11: a page that was offline when voting ended sends its cards and a dot: the cards stay, the dot is taken back, the page stays connected', async () => {
    const { server, session, token, board, moderator } = await votingBoard();
    const votingOn = (on: boolean) => setPhaseVoting(server, session.id, moderator, board.phaseId, on);
    const page = connect(server.url, board.room, token);
    await page.synced;
    let closed: number | null = null;
    page.provider.on('connection-close', (event) => (closed = event?.code ?? null));
    const cardId = addCard(page.doc, { columnId: board.columnId, text: 'Mit Punkt' });
    vote(page.doc, cardId, 'voterP', 1, 3);
    const serverVoters = () => readCards(server.rooms.loaded(board.room)!.doc).find((c) => c.id === cardId)?.voters;
    await waitFor(() => serverVoters()?.voterP === 1, 5000, 'the first dot on the server');

    page.provider.disconnect();
    await votingOn(false);
    // Offline, the page still shows voting on: it writes a card and gives a second dot.
    addCard(page.doc, { columnId: board.columnId, text: 'Offline geschrieben' });
    expect(vote(page.doc, cardId, 'voterP', 1, 3)).toBe(true);
    page.provider.connect();

    const pageVoters = () => readCards(page.doc).find((c) => c.id === cardId)?.voters;
    await waitFor(() => readCards(server.rooms.loaded(board.room)!.doc).some((c) => c.text === 'Offline geschrieben'), 5000, 'the offline card on the server');
    await waitFor(() => pageVoters()?.voterP === 1, 5000, 'the second dot taken back on the page');
    expect(serverVoters()).toEqual({ voterP: 1 });
    expect(closed).toBeNull();
    expect(page.provider.wsconnected).toBe(true);
    // A later reader, and the page's next write, see the same board.
    addCard(page.doc, { columnId: board.columnId, text: 'Danach' });
    await waitFor(() => readCards(server.rooms.loaded(board.room)!.doc).some((c) => c.text === 'Danach'), 5000, 'the next card');
    const reader = connect(server.url, board.room, token);
    await reader.synced;
    expect(readCards(reader.doc).map((c) => c.text).sort()).toEqual(['Danach', 'Mit Punkt', 'Offline geschrieben']);
    expect(readCards(reader.doc).find((c) => c.id === cardId)!.voters).toEqual({ voterP: 1 });
    // Operators can see how often it happens.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^plenum_rejected_messages_total\{reason="dots_taken_back"\} 1$/m);
  });
});
