import { parentPort, workerData } from 'node:worker_threads';
import type * as Y from 'yjs';
import { addCard } from '@plenum/shared/board-doc';
import { openStockClient } from '../test/stock-client.ts';
import type { BoardTarget } from './servers.ts';

// One thread of the load generator (load.ts): stock y-websocket clients on
// some of the boards, all clients of a board in this thread. Writes cards
// when the plan says, with the time sent and the write's number in the card
// text; every other client of the board notes when the card reaches it.

export interface WorkerSetup {
  wsUrl: string;
  boards: BoardTarget[];
  clientsPerBoard: number;
}

/** [absolute time (ms since epoch), board (index in this worker), client, measured 0/1, write id] */
export type WireWrite = [number, number, number, number, number];

export type ToWorker = { type: 'connect' } | { type: 'run'; writes: WireWrite[]; drainMs: number } | { type: 'close' };

export interface WorkerResult {
  /** Fan-out delays of measured writes, one per receiving client, ms. */
  latencies: number[];
  measuredWrites: number;
  expected: number;
  received: number;
  /** How late the generator sent each write against its plan, ms: a busy generator shows here. */
  sendLags: number[];
  /** Connections that dropped (and reconnected) during the run. */
  disconnects: number;
}

export type FromWorker =
  | { type: 'connected' }
  | { type: 'done'; result: WorkerResult }
  | { type: 'closed' }
  | { type: 'error'; message: string };

const now = () => performance.timeOrigin + performance.now();
const setup = workerData as WorkerSetup;
const port = parentPort!;
process.setMaxListeners(0); // every stock provider adds an 'exit' listener

interface Write {
  measured: boolean;
  received: number;
}

const writes = new Map<number, Write>();
let latencies: number[] = [];
let disconnects = 0;
/** Cards of this run's writes received so far, by all clients. */
let receivedTotal = 0;
let onReceive: () => void = () => {};

const boards = setup.boards.map((target) =>
  Array.from({ length: setup.clientsPerBoard }, () => {
    const client = openStockClient(setup.wsUrl, target.room, target.token);
    let connected = false;
    client.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') connected = true;
      else if (status === 'disconnected' && connected) disconnects++;
    });
    const cards = client.doc.getMap('cards') as Y.Map<Y.Map<unknown>>;
    cards.observe((event) => {
      if (event.transaction.local) return;
      const at = now();
      for (const [key, change] of event.changes.keys) {
        if (change.action !== 'add') continue;
        const [sent, id] = String(cards.get(key)?.get('text') ?? '').split(' ', 2);
        const write = writes.get(Number(id));
        if (!write) continue;
        write.received++;
        receivedTotal++;
        if (write.measured) latencies.push(at - Number(sent));
      }
      onReceive();
    });
    return client;
  }),
);

async function run(plan: WireWrite[], drainMs: number): Promise<WorkerResult> {
  writes.clear();
  latencies = [];
  disconnects = 0;
  const sendLags: number[] = [];
  const perWrite = setup.clientsPerBoard - 1;
  for (const [, , , measured, id] of plan) writes.set(id, { measured: measured === 1, received: 0 });
  const total = plan.length * perWrite;
  receivedTotal = 0;
  const allIn = new Promise<void>((resolve) => {
    onReceive = () => {
      if (receivedTotal >= total) resolve();
    };
    if (total === 0) resolve();
  });
  // Send each write at its time; when behind, send what is due at once.
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = now();
      while (next < plan.length && plan[next]![0] <= t) {
        const [at, board, client, measured, id] = plan[next++]!;
        const sent = now();
        if (measured) sendLags.push(sent - at);
        addCard(boards[board]![client]!.doc, { columnId: setup.boards[board]!.column, text: `${sent.toFixed(3)} ${id} Karte mit etwas Text darauf` });
      }
      if (next < plan.length) setTimeout(tick, Math.max(0, plan[next]![0] - now()));
      else resolve();
    };
    tick();
  });
  await Promise.race([allIn, new Promise((resolve) => setTimeout(resolve, drainMs))]);
  onReceive = () => {};
  let expected = 0;
  let measuredReceived = 0;
  let measuredWrites = 0;
  for (const w of writes.values()) {
    if (!w.measured) continue;
    measuredWrites++;
    expected += perWrite;
    measuredReceived += w.received;
  }
  return { latencies, measuredWrites, expected, received: measuredReceived, sendLags, disconnects };
}

port.on('message', (message: ToWorker) => {
  const reply = (m: FromWorker) => port.postMessage(m);
  const fail = (error: unknown) => reply({ type: 'error', message: String((error as Error)?.stack ?? error) });
  if (message.type === 'connect') {
    Promise.all(boards.flat().map((c) => c.synced)).then(() => reply({ type: 'connected' }), fail);
  } else if (message.type === 'run') {
    const plan = [...message.writes].sort((a, b) => a[0] - b[0]);
    run(plan, message.drainMs).then((result) => reply({ type: 'done', result }), fail);
  } else {
    for (const client of boards.flat()) client.provider.destroy();
    reply({ type: 'closed' });
  }
});
