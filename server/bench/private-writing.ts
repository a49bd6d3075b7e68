import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addCard, readCards } from '@plenum/shared/board-doc';
import { privateRoom, writerIdFor } from '@plenum/shared/protocol';
import { addGroup, readSession, setCurrentPhase, updatePhase, type Phase } from '@plenum/shared/session-doc';
import { UNLIMITED } from '../src/admission.ts';
import { cardCounts } from '../src/card-counts.ts';
import { revealPrivateCards } from '../src/phase-actions.ts';
import { createPlenumServer } from '../src/server.ts';
import { createSession, openStockClient, tokenOf, waitFor, type StockClient } from '../test/stock-client.ts';
import { median } from './stats.ts';

// The moments of private writing that hold the server's event loop at a
// workshop of 300 (docs/benchmarks.md, "Private writing at 300 writers"):
//  - the moderator's card counts, which the page asks for every 3 s while
//    private writing is on (docs/api.md, card-counts): while the writers are
//    connected (their rooms loaded) and after they have left (read from
//    storage);
//  - the reveal, every writer's cards onto the group boards: while they are
//    connected, and after they have left.
// One process: a real server on a random port with SQLite in a temp dir, the
// writers stock y-websocket clients. Both are synchronous calls on the
// server's event loop, so they are timed as calls: the loop is held exactly
// that long, and the clients in this process do not run meanwhile.
// BENCH_WRITERS (300), BENCH_PRIVATE_CARDS (per writer, 6) and BENCH_GROUPS
// (30, the most a phase may have: groups of ten) tune it.

export interface PrivateWritingResult {
  writers: number;
  groups: number;
  cardsPerWriter: number;
  /** Median of `rounds` card-count answers, ms. */
  counts: { loadedMs: number; storedMs: number; rounds: number };
  reveal: { loadedMs: number; storedMs: number; moved: number };
}

const ROUNDS = 7;
/** How long setting up may take on a busy machine (300 clients connect and write). */
const WAIT_MS = 60_000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

export async function privateWriting(
  options: { writers?: number; cardsPerWriter?: number; groups?: number } = {},
): Promise<PrivateWritingResult> {
  const writers = options.writers ?? Number(process.env.BENCH_WRITERS ?? 300);
  const cardsPerWriter = options.cardsPerWriter ?? Number(process.env.BENCH_PRIVATE_CARDS ?? 6);
  const groups = options.groups ?? Number(process.env.BENCH_GROUPS ?? 30);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-private-bench-'));
  // Rooms nobody holds unload soon, as they would 30 s after the writers left.
  const server = createPlenumServer({ dataDir, port: 0, idleUnloadMs: 50, admission: UNLIMITED });
  await server.listen();
  const socketUrl = `${server.url.replace(/^http/, 'ws')}/ws`;
  const clients: StockClient[] = [];
  const close = (client: StockClient) => {
    client.provider.destroy();
    client.doc.destroy();
  };
  try {
    const session = await createSession(server.url, { template: 'bilanz-zukunft' });
    const participant = tokenOf(session.links.participant);
    const moderator = openStockClient(socketUrl, session.id, tokenOf(session.links.moderator));
    clients.push(moderator);
    await moderator.synced;
    const serverPhase = (id: string) => {
      const room = server.rooms.loaded(session.id);
      return room ? readSession(room.doc).phases.find((p) => p.id === id) : undefined;
    };

    /** A phase of private writing: every writer writes its cards; `leave`: then they close their pages. */
    const writePrivately = async (phase: Phase, leave: boolean) => {
      for (let g = phase.groups.length; g < groups; g++) addGroup(moderator.doc, phase.id, { name: `Arbeitsgruppe ${g + 1}` });
      updatePhase(moderator.doc, phase.id, { privateWriting: true });
      setCurrentPhase(moderator.doc, phase.id);
      await waitFor(() => serverPhase(phase.id)?.groups.length === groups && serverPhase(phase.id)?.privateWriting === true, WAIT_MS, 'private writing on');
      const groupIds = serverPhase(phase.id)!.groups.map((g) => g.id);
      const columns = phase.prompts.map((p) => p.id);
      const rooms: string[] = [];
      const writing: StockClient[] = [];
      for (let w = 0; w < writers; w++) {
        const secret = `bench-writer-${phase.id}-${w}-0123456789abcdef`;
        const room = privateRoom(session.id, phase.id, groupIds[w % groups]!, writerIdFor(secret));
        rooms.push(room);
        writing.push(openStockClient(socketUrl, room, participant, { writer: secret }));
      }
      clients.push(...writing);
      await Promise.all(writing.map((c) => c.synced));
      writing.forEach((client, w) => {
        for (let k = 0; k < cardsPerWriter; k++) {
          addCard(client.doc, { columnId: columns[k % columns.length]!, text: `Karte ${k + 1} von Person ${w + 1}: ein Gedanke, wie man ihn aufschreibt` });
        }
      });
      await waitFor(
        () => rooms.every((room) => { const loaded = server.rooms.loaded(room); return loaded !== undefined && readCards(loaded.doc).length === cardsPerWriter; }),
        WAIT_MS,
        'every private card on the server',
      );
      if (leave) {
        for (const client of writing) close(client);
        await waitFor(() => rooms.every((room) => server.rooms.loaded(room) === undefined), WAIT_MS, 'the private rooms unloaded');
      }
    };
    const countsMs = (phase: Phase) => {
      const times: number[] = [];
      for (let r = 0; r < ROUNDS; r++) times.push(timed(() => cardCounts(server, session.id, phase.id)).ms);
      return median(times);
    };
    const reveal = (phase: Phase) => timed(() => revealPrivateCards(server.rooms, server.storage, session.id, phase.id));

    const [present, gone] = readSession(moderator.doc).phases.filter((p) => p.prompts.length > 0 && p.groups.length > 0);
    if (!present || !gone) throw new Error('the template has fewer than two phases with boards');
    await writePrivately(present, false);
    const loadedCounts = countsMs(present);
    const loadedReveal = reveal(present);
    await writePrivately(gone, true);
    const storedCounts = countsMs(gone);
    const storedReveal = reveal(gone);
    const moved = loadedReveal.value + storedReveal.value;
    if (moved !== 2 * writers * cardsPerWriter) throw new Error(`the reveals moved ${moved} of ${2 * writers * cardsPerWriter} cards`);
    return {
      writers,
      groups,
      cardsPerWriter,
      counts: { loadedMs: loadedCounts, storedMs: storedCounts, rounds: ROUNDS },
      reveal: { loadedMs: loadedReveal.ms, storedMs: storedReveal.ms, moved: loadedReveal.value },
    };
  } finally {
    for (const client of clients) close(client);
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.setMaxListeners(0); // every stock provider in Node adds an 'exit' listener
  const r = await privateWriting();
  console.log(`private writing: ${r.writers} writers in ${r.groups} groups, ${r.cardsPerWriter} cards each`);
  console.log(`  card counts (median of ${r.counts.rounds}): ${r.counts.loadedMs.toFixed(1)} ms with the writers connected, ${r.counts.storedMs.toFixed(1)} ms after they left`);
  console.log(`  reveal of ${r.reveal.moved} cards: ${r.reveal.loadedMs.toFixed(0)} ms with the writers connected, ${r.reveal.storedMs.toFixed(0)} ms after they left`);
  process.exit(0);
}
