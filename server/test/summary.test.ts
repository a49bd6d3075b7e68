import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyBetween } from 'jittered-fractional-indexing';
import * as Y from 'yjs';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { ModelError } from '@plenum/shared/errors';
import { newId } from '@plenum/shared/ids';
import { boardRoom } from '@plenum/shared/protocol';
import { readPhases, type Phase } from '@plenum/shared/session-doc';
import {
  addCardToItem,
  addItemFromCard,
  createSummaryOrigin,
  deleteItem,
  moveItem,
  readLayout,
  readSummary,
  removeSource,
  setItemText,
  setLayout,
  splitItem,
  type SourceCard,
} from '@plenum/shared/summary-doc';
import { collectDenials, connect, createSession, random, roundTrip, startServer, tokenOf, waitFor, type Client } from './helpers.ts';

// The plenum summary lives in the session document (docs/data-model.md,
// "Plenum summary"): the server's per-document write check keeps everyone but
// moderators from writing it, and every page reads it live.

async function bilanzSession(baseUrl: string) {
  const session = await createSession(baseUrl, { template: 'bilanz-zukunft' });
  const moderator = connect(baseUrl, session.id, tokenOf(session.links.moderator));
  await moderator.synced;
  const phase = readPhases(moderator.doc).find((p) => p.kind === 'groupwork' && p.groups.length >= 2)!;
  const layout = readLayout(moderator.doc, phase.id);
  moderator.destroy();
  return { session, phase, layout };
}

/** Writes cards on each group's board of the phase as a participant; returns them as summary sources. */
async function writeCards(baseUrl: string, sessionId: string, token: string, phase: Phase, perGroup: number): Promise<SourceCard[]> {
  const cards: SourceCard[] = [];
  for (const group of phase.groups) {
    const board = connect(baseUrl, boardRoom(sessionId, phase.id, group.id), token);
    await board.synced;
    for (let i = 0; i < perGroup; i++) {
      const columnId = phase.prompts[i % phase.prompts.length]!.id;
      const text = `${group.name}: Karte ${i}`;
      cards.push({ groupId: group.id, columnId, cardId: addCard(board.doc, { columnId, text }), text });
    }
    await roundTrip(board);
    board.destroy();
  }
  return cards;
}

/** The cards of every board of the phase, read through a fresh client. */
async function boardCards(baseUrl: string, sessionId: string, token: string, phase: Phase) {
  const out = new Map<string, ReturnType<typeof readCards>>();
  for (const group of phase.groups) {
    const board = connect(baseUrl, boardRoom(sessionId, phase.id, group.id), token);
    await board.synced;
    out.set(group.id, readCards(board.doc));
    board.destroy();
  }
  return out;
}

/** A summary item exactly as docs/data-model.md tells a script to write it, with nothing but yjs. */
function writeItemLikeAScript(doc: Y.Doc, phaseId: string, card: SourceCard): string {
  const itemId = newId();
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    doc.getMap('summaryItems').set(itemId, item);
    item.set('phaseId', phaseId);
    item.set('text', card.text);
    item.set('order', generateKeyBetween(null, null));
    item.set('heading', '');
    item.set('highlight', false);
    item.set('createdAt', Date.now());
    const sources = new Y.Map<unknown>();
    item.set('sources', sources);
    sources.set(`${card.groupId}/${card.cardId}`, { ...card, mergedAt: Date.now() });
  });
  return itemId;
}

describe('plenum summary: who may write (S8)', () => {
  let warn: typeof console.warn;
  beforeEach(() => {
    warn = console.warn;
  });
  afterEach(() => {
    console.warn = warn;
  });

  it("S8: a participant's and a viewer's summary writes are dropped; a moderator's script write is read by everyone", async () => {
    const server = await startServer();
    const { session, phase, layout } = await bilanzSession(server.url);
    const [card] = await writeCards(server.url, session.id, tokenOf(session.links.participant), phase, 1);
    // The template starts the review phase merged (as the reference protocol).
    expect(layout).toBe('merged');

    for (const role of ['participant', 'viewer'] as const) {
      const client = connect(server.url, session.id, tokenOf(session.links[role]));
      await client.synced;
      const denials = collectDenials(client);
      const itemId = writeItemLikeAScript(client.doc, phase.id, card!);
      client.doc.getMap('summaryLayouts').set(phase.id, 'perGroup');
      await roundTrip(client);
      expect([role, denials.length]).toEqual([role, 1]);
      // The writer's own replica has it; the server and everyone else do not.
      expect(readSummary(client.doc, phase.id).items.map((i) => i.id)).toEqual([itemId]);
      client.destroy();
      const fresh = connect(server.url, session.id, tokenOf(session.links.moderator));
      await fresh.synced;
      expect([role, readSummary(fresh.doc, phase.id)]).toEqual([role, { phaseId: phase.id, layout: 'merged', items: [] }]);
      fresh.destroy();
    }

    // The same bytes from a moderator's stock client are stored and reach a participant live.
    const participant = connect(server.url, session.id, tokenOf(session.links.participant));
    const moderator = connect(server.url, session.id, tokenOf(session.links.moderator));
    await Promise.all([participant.synced, moderator.synced]);
    const denials = collectDenials(moderator);
    const itemId = writeItemLikeAScript(moderator.doc, phase.id, card!);
    await waitFor(() => readSummary(participant.doc, phase.id).items.length === 1, 5000, 'item on the participant');
    await roundTrip(moderator);
    expect(denials).toEqual([]);
    const boards = await boardCards(server.url, session.id, tokenOf(session.links.viewer), phase);
    expect(readSummary(participant.doc, phase.id, boards).items).toEqual([
      expect.objectContaining({
        id: itemId,
        text: card!.text,
        sources: [expect.objectContaining({ ...card, state: 'unchanged' })],
      }),
    ]);
  });
});

describe('plenum summary: two moderators at once', () => {
  const SEEDS = [1, 7, 42];
  const STEPS = 80;

  it.each(SEEDS)('S2: seed %i: two moderators merging, splitting and moving at once converge and keep every source’s provenance', async (seed) => {
    const rand = random(seed);
    const pick = <T,>(items: readonly T[]): T | undefined => items[Math.floor(rand() * items.length)];
    const server = await startServer();
    const { session, phase } = await bilanzSession(server.url);
    const participantToken = tokenOf(session.links.participant);
    const cards = await writeCards(server.url, session.id, participantToken, phase, 6);
    const boardsBefore = await boardCards(server.url, session.id, participantToken, phase);
    const byKey = new Map(cards.map((c) => [`${c.groupId}/${c.cardId}`, c]));

    const moderators: Client[] = [0, 1].map(() => connect(server.url, session.id, tokenOf(session.links.moderator)));
    await Promise.all(moderators.map((m) => m.synced));
    const origins = moderators.map((_, i) => createSummaryOrigin(`moderator ${i}`));
    setLayout(moderators[0]!.doc, phase.id, 'perGroup'); // the template's 'merged', changed

    for (let step = 0; step < STEPS; step++) {
      const index = Math.floor(rand() * moderators.length);
      const { doc, provider } = moderators[index]!;
      const items = readSummary(doc, phase.id).items;
      const item = pick(items);
      const card = pick(cards)!;
      const op = rand();
      try {
        doc.transact(() => {
          if (op < 0.25 || !item) addItemFromCard(doc, phase.id, card, { index: Math.floor(rand() * (items.length + 1)) });
          else if (op < 0.5) addCardToItem(doc, phase.id, item.id, card);
          else if (op < 0.6 && item.sources.length > 1) splitItem(doc, phase.id, item.id, pick(item.sources)!.key);
          else if (op < 0.68 && item.sources.length > 0) removeSource(doc, phase.id, item.id, pick(item.sources)!.key);
          else if (op < 0.8) moveItem(doc, phase.id, item.id, Math.floor(rand() * items.length));
          else if (op < 0.85) deleteItem(doc, phase.id, item.id);
          else if (op < 0.9) setItemText(doc, phase.id, item.id, `Zusammengefasst ${step}`);
        }, origins[index]);
      } catch (error) {
        // A limit reached on this replica is a refusal, not a failure of the test.
        if (!(error instanceof ModelError)) throw error;
      }
      // Offline stretches make the two moderators' steps truly concurrent.
      if (rand() < 0.12) {
        if (provider.shouldConnect) provider.disconnect();
        else provider.connect();
      }
      if (rand() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(rand() * 5)));
    }

    for (const m of moderators) if (!m.provider.shouldConnect) m.provider.connect();
    const snapshot = (doc: Y.Doc) => JSON.stringify(readSummary(doc, phase.id));
    await waitFor(
      () => {
        const stored = server.rooms.loaded(session.id)?.doc;
        return !!stored && moderators.every((m) => m.provider.synced && snapshot(m.doc) === snapshot(stored));
      },
      15_000,
      `seed ${seed}: moderators to converge`,
    );
    const fresh = connect(server.url, session.id, tokenOf(session.links.viewer));
    await fresh.synced;
    const summary = readSummary(fresh.doc, phase.id);
    expect(JSON.stringify(summary), `seed ${seed}`).toBe(snapshot(moderators[0]!.doc));
    expect(summary.layout).toBe('perGroup');
    const sources = summary.items.flatMap((i) => i.sources);
    expect(sources.length, `seed ${seed}: some merges survive`).toBeGreaterThan(0);
    // Every source still says exactly where its card came from and what it said.
    for (const source of sources) {
      const original = byKey.get(source.key);
      expect({ groupId: source.groupId, columnId: source.columnId, cardId: source.cardId, text: source.text }, source.key).toEqual(original);
      expect(source.mergedAt).toBeGreaterThan(0);
    }
    // And the boards are exactly as the participant left them.
    expect(await boardCards(server.url, session.id, participantToken, phase)).toEqual(boardsBefore);
  });
});
