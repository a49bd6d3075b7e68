import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readCards } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import { connect, createSession, startServer, tokenOf, waitFor } from './helpers.ts';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../scripts/add-card.mjs');

describe('docs/data-model.md is enough for a script', () => {
  it('a script using only yjs and the stock client reads a board and adds a card', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const reader = connect(server.url, session.id, tokenOf(session.links.viewer));
    await reader.synced;
    const phase = readSession(reader.doc).phases[0]!;
    const board = connect(server.url, boardRoom(session.id, phase.id, phase.groups[0]!.id), tokenOf(session.links.viewer));
    await board.synced;
    const { stdout } = await run(process.execPath, [script, session.links.participant, 'Aus dem Skript', '2'], { timeout: 20_000 });
    expect(stdout).toContain('Testwerkstatt');
    expect(stdout).toContain('added card');
    await waitFor(() => readCards(board.doc).length === 1, 5000, 'card from the script');
    const [card] = readCards(board.doc);
    expect(card).toMatchObject({ text: 'Aus dem Skript', columnId: phase.prompts[1]!.id, color: 'yellow', author: null });
    expect(card!.order).not.toBe('');
  });
});
