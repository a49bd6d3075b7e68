import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, vote } from '@plenum/shared/board-doc';
import { CLOSE, sessionRoom } from '@plenum/shared/protocol';
import { updatePhase } from '@plenum/shared/session-doc';
import { memoryPeer, memoryServer, receivedUpdates, type MemoryPeer } from './memory.ts';

// S11: a permitted write must still fit the documented layout
// (docs/data-model.md). A write that does not — a card whose text is not a
// string, over its limit, an unknown colour, a wrong type at a known key, a
// board's meta, more dots than the phase's budget — is refused as a whole:
// nothing of it is applied, stored or forwarded, and its sender is closed
// with 4422. Everyone else carries on.

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
  it('S11: dots within the budget pass; one more than the budget is refused with 4422', () => {
    const s = setup();
    setVoting(s.rooms, s.phase.id, true, 2);
    const cardId = readCards(s.writer.doc)[0]!.id;
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 2)).toBe(true);
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 2)).toBe(true);
    s.rooms.commits.flush();
    expect(s.writer.socket.closed).toBeNull();
    const rows = s.storage.countUpdates(s.room);
    const forwarded = receivedUpdates(s.other.socket).length;
    // The client-side check is skipped: a budget of 20 in the call, 2 in the phase.
    expect(vote(s.writer.doc, cardId, 'voterA', 1, 20)).toBe(true);
    expectRefused(s, s.writer, rows, forwarded);
    expect(readCards(s.rooms.loaded(s.room)!.doc).find((c) => c.text === 'Vorher')!.voters).toEqual({ voterA: 2 });
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

  it('S11: no dots while voting is off', () => {
    const s = setup();
    setVoting(s.rooms, s.phase.id, false);
    const rows = s.storage.countUpdates(s.room);
    const forwarded = receivedUpdates(s.other.socket).length;
    vote(s.writer.doc, readCards(s.writer.doc)[0]!.id, 'voterA', 1, 3);
    expectRefused(s, s.writer, rows, forwarded);
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
