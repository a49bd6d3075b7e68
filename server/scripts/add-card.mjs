#!/usr/bin/env node
// Reads a Plenum board and adds a card to it, using nothing but `yjs`, the
// stock `y-websocket` client, `ws` and `jittered-fractional-indexing` for the
// card's order key (docs/data-model.md explains the layout).
//
//   node server/scripts/add-card.mjs <participant-link> "<card text>" [column number]
//
// It joins the current phase (or the first phase with groups), the group given
// in the link (…#t=<token>&g=<groupId>) or else the first group, prints the
// board, and appends the card to the chosen column (1 = first, default).

import { generateKeyBetween } from 'jittered-fractional-indexing';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const [link, text, columnArg = '1'] = process.argv.slice(2);
if (!link || !text) {
  console.error('usage: add-card.mjs <participant-link> "<card text>" [column number]');
  process.exit(2);
}
const url = new URL(link);
const sessionId = url.pathname.split('/')[2];
const fragment = new URLSearchParams(url.hash.slice(1));
const token = fragment.get('t');
const wsBase = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}/ws`;

function open(room) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket,
    disableBc: true,
  });
  provider.on('closed', (event) => {
    console.error(`closed by the server: ${event.code} ${event.reason}`);
    process.exit(1);
  });
  return new Promise((resolve) => provider.once('sync', () => resolve({ doc, provider })));
}

function sorted(map) {
  // Entries ordered by their fractional `order` key, ties broken by id.
  return [...map.entries()]
    .map(([id, value]) => ({ id, value }))
    .sort((a, b) => (a.value.order === b.value.order ? (a.id < b.id ? -1 : 1) : a.value.order < b.value.order ? -1 : 1));
}

const session = await open(sessionId);
const meta = session.doc.getMap('meta');
const phases = sorted(new Map([...session.doc.getMap('phases').entries()].map(([id, m]) => [id, m.toJSON()])));
const phase =
  phases.find((p) => p.id === meta.get('currentPhaseId')) ?? phases.find((p) => Object.keys(p.value.groups).length > 0);
if (!phase) throw new Error('this session has no phase with groups');
const groups = sorted(new Map(Object.entries(phase.value.groups)));
const group = groups.find((g) => g.id === fragment.get('g')) ?? groups[0];
const columns = sorted(new Map(Object.entries(phase.value.prompts)));
const column = columns[Number(columnArg) - 1];
if (!column) throw new Error(`no column ${columnArg}; the board has ${columns.length}`);

const board = await open(`${sessionId}/board/${phase.id}/${group.id}`);
const cards = board.doc.getMap('cards');
console.log(`${meta.get('title')} – ${phase.value.title} – ${group.value.name}`);
for (const col of columns) {
  console.log(`\n${col.value.text}`);
  const inColumn = sorted(new Map([...cards.entries()].map(([id, c]) => [id, c.toJSON()]))).filter(
    (c) => c.value.columnId === col.id,
  );
  // toJSON() gives a card's text as a string whether it is stored as a Y.Text
  // (schema 3) or as a plain string (schema 2, or written by an older script).
  for (const card of inColumn) console.log(`  - ${card.value.text}`);
}

// Append: an order key after the column's last one (or the first key of an
// empty column), from the library Plenum uses. Building keys by hand, such as
// the last key plus "V", makes them longer with every append (schema 1's bug).
const last = sorted(new Map([...cards.entries()].map(([id, c]) => [id, c.toJSON()])))
  .filter((c) => c.value.columnId === column.id)
  .at(-1);
const order = generateKeyBetween(last?.value.order ?? null, null);
const id = Math.random().toString(36).slice(2, 14);
board.doc.transact(() => {
  const card = new Y.Map();
  cards.set(id, card);
  // A Y.Text, as Plenum writes it since schema 3: people editing the card at
  // the same time then merge character by character. A plain string is still
  // read, but an edit of it replaces it whole.
  card.set('text', new Y.Text(text));
  card.set('columnId', column.id);
  card.set('order', order);
  card.set('color', 'yellow');
  card.set('author', null);
  card.set('createdAt', Date.now());
  // No dots yet: a voter's dots are the card key `vote:<voterKey>` (board schema 4).
});
// Give the update a moment to leave, then close: the server stores it before it forwards it.
await new Promise((resolve) => setTimeout(resolve, 300));
console.log(`\nadded card ${id} to "${column.value.text}"`);
board.provider.destroy();
session.provider.destroy();
process.exit(0);
