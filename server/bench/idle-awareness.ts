import { awarenessHeard, createSession, openStockClient, tokenOf, waitFor, type StockClient } from '../test/stock-client.ts';
import { processCpuMs } from './machine.ts';
import { startPlenum } from './servers.ts';

// What a workshop's session room costs the server while nobody writes
// (docs/benchmarks.md, "Awareness nobody reads"). Every page holds the
// session document, and the stock client renews its awareness state, empty
// on a page that shows no presence, every 15 s. Here every client renews it
// at once, `rounds` times (as the 15-s timer does, without the wait): the
// server's CPU per round, and how many awareness messages the clients were
// sent, tell what one such round costs. One compiled Plenum server as
// `npm start` runs it (bench/servers.ts), the clients stock y-websocket
// clients in this process. BENCH_CLIENTS (300) and BENCH_ROUNDS (10) tune it.

export interface IdleAwarenessResult {
  clients: number;
  rounds: number;
  /** Server CPU per round of renewals, ms (user + system, all threads). */
  serverCpuMsPerRound: number;
  /** Awareness messages the clients were sent per round, all together. */
  messagesPerRound: number;
}

/** How long the clients may take to connect, and a round to come back, on a busy machine. */
const WAIT_MS = 60_000;

export async function idleAwareness(options: { clients?: number; rounds?: number } = {}): Promise<IdleAwarenessResult> {
  const count = options.clients ?? Number(process.env.BENCH_CLIENTS ?? 300);
  const rounds = options.rounds ?? Number(process.env.BENCH_ROUNDS ?? 10);
  const server = await startPlenum();
  const clients: StockClient[] = [];
  try {
    const session = await createSession(server.httpUrl, { template: 'bilanz-zukunft' });
    const token = tokenOf(session.links.participant);
    for (let i = 0; i < count; i++) clients.push(openStockClient(server.wsUrl, session.id, token));
    await Promise.all(clients.map((c) => c.synced));
    const heard = clients.map(awarenessHeard);
    const cpuBefore = processCpuMs(server.pid);
    for (let round = 1; round <= rounds; round++) {
      for (const client of clients) client.provider.awareness.setLocalState(client.provider.awareness.getLocalState());
      // Each client hears its own renewal back; once all have, the server has sent the round.
      await waitFor(
        () => heard.every((messages, i) => messages.filter((ids) => ids.includes(clients[i]!.doc.clientID)).length >= round),
        WAIT_MS,
        `round ${round} back at every client`,
      );
    }
    const cpu = processCpuMs(server.pid) - cpuBefore;
    // Messages with a state in them: a keep-alive (S12) on a slow machine is not part of a round.
    const messages = heard.reduce((sum, m) => sum + m.filter((ids) => ids.length > 0).length, 0);
    return { clients: count, rounds, serverCpuMsPerRound: cpu / rounds, messagesPerRound: messages / rounds };
  } finally {
    for (const client of clients) {
      client.provider.destroy();
      client.doc.destroy();
    }
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.setMaxListeners(0); // every stock provider in Node adds an 'exit' listener
  const r = await idleAwareness();
  console.log(`idle session room: ${r.clients} stock clients, ${r.rounds} rounds of awareness renewals`);
  console.log(`  server CPU ${r.serverCpuMsPerRound.toFixed(1)} ms a round (${((r.serverCpuMsPerRound / 15_000) * 100).toFixed(2)} % of a core at one round every 15 s); ${r.messagesPerRound.toFixed(0)} awareness messages sent a round`);
  process.exit(0);
}
