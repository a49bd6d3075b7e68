import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCards } from '@plenum/shared/board-doc';
import { isOrderKey } from '@plenum/shared/order-keys';
import { SCHEMA_VERSION, schemaVersionOf } from '@plenum/shared/schema';
import { readPhases } from '@plenum/shared/session-doc';
import { connect, startServer, tempDir } from './helpers.ts';

// A database written by the server and stock client before issue 7 (schema 1,
// keys up to 65 characters; see fixtures/make-order-keys-v1.ts) is opened by
// today's server: every document comes up at today's schema (boards 3, their
// texts Y.Text since issue 9) with valid keys, in the order its users saw, and
// the migration is stored, not run again.

const fixture = path.resolve(import.meta.dirname, 'fixtures/order-keys-v1');

interface Expected {
  sessionId: string;
  tokens: { moderator: string; participant: string };
  writerSecret: string;
  phases: { id: string; title: string; prompts: string[]; groups: string[] }[];
  boards: Record<string, { id: string; columnId: string; text: string }[]>;
  longestKey: number;
}

function copyFixture(): { dataDir: string; expected: Expected } {
  const dataDir = tempDir();
  fs.copyFileSync(path.join(fixture, 'plenum.sqlite'), path.join(dataDir, 'plenum.sqlite'));
  const expected = JSON.parse(fs.readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as Expected;
  return { dataDir, expected };
}

/** Every order key of a document, by item id. */
function keysOf(doc: Y.Doc): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  for (const [id, phase] of doc.getMap<Y.Map<unknown>>('phases').entries()) {
    keys.set(id, phase.get('order'));
    for (const list of ['prompts', 'groups']) {
      for (const [entryId, entry] of (phase.get(list) as Y.Map<{ order: unknown }>).entries()) keys.set(entryId, entry.order);
    }
  }
  for (const [id, card] of doc.getMap<Y.Map<unknown>>('cards').entries()) keys.set(id, card.get('order'));
  return keys;
}

async function openAll(url: string, expected: Expected) {
  const session = connect(url, expected.sessionId, expected.tokens.moderator);
  await session.synced;
  const boards = new Map<string, Y.Doc>();
  for (const room of Object.keys(expected.boards)) {
    const params: Record<string, string> = room.includes('/private/') ? { writer: expected.writerSecret } : {};
    const client = connect(url, room, expected.tokens.participant, params);
    await client.synced;
    boards.set(room, client.doc);
  }
  return { session: session.doc, boards };
}

describe('schema 2 migration of a database written before issue 7', () => {
  it('opens every document at today’s schema with valid keys, in the order people saw, and stores the migration', async () => {
    const { dataDir, expected } = copyFixture();
    // The fixture really holds what the bug produced: a key past the limit.
    expect(expected.longestKey).toBeGreaterThan(64);
    const server = await startServer({ dataDir });
    const { session, boards } = await openAll(server.url, expected);

    expect(schemaVersionOf(session)).toBe(SCHEMA_VERSION.session);
    const phases = readPhases(session);
    expect(
      phases.map((p) => ({ id: p.id, title: p.title, prompts: p.prompts.map((x) => x.id), groups: p.groups.map((x) => x.id) })),
    ).toEqual(expected.phases);

    for (const [room, doc] of boards) {
      expect(schemaVersionOf(doc), room).toBe(SCHEMA_VERSION.board);
      // Boards and private documents alike: every text a Y.Text (schema 3).
      for (const card of doc.getMap<Y.Map<unknown>>('cards').values()) expect(card.get('text'), room).toBeInstanceOf(Y.Text);
      const phaseId = room.split('/')[2];
      const columns = phases.find((p) => p.id === phaseId)!.prompts.map((p) => p.id);
      const cards = readCards(doc);
      for (const column of columns) {
        const shown = cards.filter((c) => c.columnId === column).map((c) => [c.id, c.text]);
        const seen = expected.boards[room]!.filter((c) => c.columnId === column).map((c) => [c.id, c.text]);
        expect(shown, `${room} column ${column}`).toEqual(seen);
      }
      expect(cards).toHaveLength(expected.boards[room]!.length);
    }

    const keys = new Map([...keysOf(session), ...[...boards.values()].flatMap((d) => [...keysOf(d)])]);
    for (const [id, key] of keys) expect(isOrderKey(key), `${id}: ${String(key)}`).toBe(true);
    expect(Math.max(...[...keys.values()].map((k) => String(k).length))).toBeLessThanOrEqual(4);

    // A second server on the same files reads the stored migration: same keys, nothing re-keyed.
    await server.close();
    const again = await startServer({ dataDir });
    const reopened = await openAll(again.url, expected);
    const keysAgain = new Map([
      ...keysOf(reopened.session),
      ...[...reopened.boards.values()].flatMap((d) => [...keysOf(d)]),
    ]);
    expect(keysAgain).toEqual(keys);
    expect(schemaVersionOf(reopened.session)).toBe(SCHEMA_VERSION.session);
  });
});
