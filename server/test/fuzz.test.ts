import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, deleteCard, moveCard, readCards, updateCardText, vote } from '@plenum/shared/board-doc';
import { readSession } from '@plenum/shared/session-doc';
import { connect, random, votingBoard, waitFor, type Client } from './helpers.ts';

// Seeded random sessions through the real server: several stock clients add,
// edit, move, vote on and delete cards while randomly dropping offline and
// coming back; afterwards every replica, the server's document and a fresh
// client are equal. A failing seed is in the test's name: keep it in SEEDS.

const SEEDS = [1, 2, 3, 42];
const PEERS = 4;
const STEPS = 120;

function snapshotOf(doc: Y.Doc): string {
  return JSON.stringify(readCards(doc).map(({ id, columnId, order, text, votes }) => ({ id, columnId, order, text, votes })));
}

describe('seeded random sessions with several peers', () => {
  it.each(SEEDS)('S2: seed %i: all replicas converge after random edits and disconnects', async (seed) => {
    const rand = random(seed);
    const pick = <T,>(items: T[]): T | undefined => items[Math.floor(rand() * items.length)];
    // Voting on with the budget the peers vote within (the server enforces it, S11).
    const { server, token, board, moderator } = await votingBoard(3);
    const phase = readSession(moderator.doc).phases[0]!;
    const columns = phase.prompts.map((p) => p.id);

    const peers: Client[] = Array.from({ length: PEERS }, () => connect(server.url, board.room, token));
    await Promise.all(peers.map((p) => p.synced));
    const voterKeys = peers.map((_, i) => `voter${i}`);

    for (let step = 0; step < STEPS; step++) {
      const index = Math.floor(rand() * PEERS);
      const peer = peers[index]!;
      const cards = readCards(peer.doc);
      const card = pick(cards);
      const op = rand();
      if (op < 0.35 || !card) addCard(peer.doc, { columnId: pick(columns)!, text: `s${seed} p${index} #${step}` });
      else if (op < 0.55) moveCard(peer.doc, card.id, pick(columns)!, Math.floor(rand() * (cards.length + 1)));
      else if (op < 0.7) updateCardText(peer.doc, card.id, `${card.text} ✎${step}`);
      else if (op < 0.8) vote(peer.doc, card.id, voterKeys[index]!, rand() < 0.7 ? 1 : -1, 3);
      else if (op < 0.88) deleteCard(peer.doc, card.id);
      else if (op < 0.95) {
        if (peer.provider.shouldConnect) peer.provider.disconnect();
        else peer.provider.connect();
      }
      // Let messages interleave with further edits now and then.
      if (rand() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(rand() * 5)));
    }

    for (const peer of peers) if (!peer.provider.shouldConnect) peer.provider.connect();
    const serverDoc = () => server.rooms.loaded(board.room)?.doc;
    await waitFor(
      () => {
        const stored = serverDoc();
        if (!stored) return false;
        const expected = snapshotOf(stored);
        return peers.every((p) => p.provider.synced && snapshotOf(p.doc) === expected);
      },
      15_000,
      `seed ${seed}: replicas to converge`,
    );
    const fresh = connect(server.url, board.room, token);
    await fresh.synced;
    expect(snapshotOf(fresh.doc), `seed ${seed}`).toBe(snapshotOf(peers[0]!.doc));
    expect(readCards(fresh.doc).length, `seed ${seed}: some cards survive`).toBeGreaterThan(0);
  });
});
