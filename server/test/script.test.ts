import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { isOrderKey } from '@plenum/shared/order-keys';
import { boardRoom } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import { connect, createSession, startServer, tokenOf, waitFor } from './helpers.ts';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../scripts/add-card.mjs');

describe('docs/data-model.md is enough for a script', () => {
  it('a script using only yjs, the stock client and the order-key library reads a board and appends a card', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const reader = connect(server.url, session.id, tokenOf(session.links.viewer));
    await reader.synced;
    const phase = readSession(reader.doc).phases[0]!;
    const room = boardRoom(session.id, phase.id, phase.groups[0]!.id);
    const board = connect(server.url, room, tokenOf(session.links.viewer));
    await board.synced;
    // A card already in the column: the script's card must be appended after it.
    const writer = connect(server.url, room, tokenOf(session.links.participant));
    await writer.synced;
    const first = addCard(writer.doc, { columnId: phase.prompts[1]!.id, text: 'Schon da' });
    await waitFor(() => readCards(board.doc).length === 1, 5000, 'the first card');
    const { stdout } = await run(process.execPath, [script, session.links.participant, 'Aus dem Skript', '2'], { timeout: 20_000 });
    expect(stdout).toContain('Testwerkstatt');
    expect(stdout).toContain('added card');
    // The card already there has its text as a Y.Text (schema 3); the script prints it.
    expect(stdout).toContain('  - Schon da');
    await waitFor(() => readCards(board.doc).length === 2, 5000, 'card from the script');
    const [before, card] = readCards(board.doc);
    expect(before!.id).toBe(first);
    expect(card).toMatchObject({ text: 'Aus dem Skript', columnId: phase.prompts[1]!.id, color: 'yellow', author: null });
    const stored = board.doc.getMap<Y.Map<unknown>>('cards').get(card!.id)?.get('text');
    expect(stored).toBeInstanceOf(Y.Text);
    // readCards maps a key it cannot use to '' (sorted first): the script wrote a valid one.
    expect(isOrderKey(card!.order)).toBe(true);
  });
});
