import { describe, expect, it } from 'vitest';
import { bigBoard } from '../bench/big-board.ts';
import { plenumView } from '../bench/chromium.ts';
import { canHoldApart, coresOf, parseCoreList } from '../bench/cores.ts';
import { workshop } from '../bench/fanout.ts';
import { idleAwareness } from '../bench/idle-awareness.ts';
import { describeMachine } from '../bench/machine.ts';
import { parseOptions } from '../bench/options.ts';
import { privateWriting } from '../bench/private-writing.ts';
import { BEGIN, checkTargets, compare, END, headline, parseRecord, recordMarkdown, spliceResults, type BenchRecord } from '../bench/report.ts';
import { steadyPlan } from '../bench/schedule.ts';

// `npm run bench` at the smallest scale, so a broken bench shows in CI. No
// figure is asserted (timings are the bench's business, not the tests'):
// only that both servers were run, alternated, with every card arriving, and
// that the results can be printed, recorded, read back and compared.

describe('npm run bench, smoke', () => {
  it('runs one small workshop load against Plenum and the stock server; no card goes missing', async () => {
    const load = { boards: 1, clientsPerBoard: 4, writesPerSecond: 20, warmupMs: 200, measureMs: 600, drainMs: 15_000 };
    const result = await workshop(load, 1, { workers: 1, plenumEnv: {} });
    expect(result.runs.map((r) => r.server)).toEqual(['plenum', 'stock']);
    for (const run of result.runs) {
      // Writes at 0, 50 … 750 ms; the ones from 200 ms on are measured; each reaches the board's 3 other clients.
      expect({ clients: run.clients, writes: run.writes, expected: run.expected, missing: run.missing, samples: run.latency.count }).toEqual({
        clients: 4,
        writes: 12,
        expected: 36,
        missing: 0,
        samples: 36,
      });
      expect(run.latency.p50).toBeLessThanOrEqual(run.latency.p99);
      expect(run.rssMiB).toBeGreaterThan(0);
      expect(Number.isFinite(run.serverCpuPerWrite) && Number.isFinite(run.generatorCpu)).toBe(true);
      // Read from the server process itself (event-loop-probe.mjs), for the window only.
      expect(run.eventLoop!.p99).toBeGreaterThanOrEqual(0);
      expect(run.eventLoop!.max).toBeGreaterThanOrEqual(run.eventLoop!.p99);
    }
    expect(result.ratio.p99).toBeCloseTo(result.plenum.p99 / result.stock.p99);

    const record: BenchRecord = { version: 1, scenarios: { workshop: { context: { machine: describeMachine(), quick: true, plenumEnv: {}, workers: 1 }, result } } };
    const readBack = parseRecord(JSON.stringify(record));
    expect(compare(readBack.scenarios, record.scenarios).map((c) => c.percent)).toEqual(expect.arrayContaining([0]));
    expect(compare(readBack.scenarios, record.scenarios).every((c) => c.percent === 0 || Number.isNaN(c.before))).toBe(true);
    const targets = checkTargets(record.scenarios);
    expect(targets[0]!.pass).not.toBeNull();
    expect(targets.slice(1).every((t) => t.pass === null)).toBe(true);
    expect(recordMarkdown(record.scenarios)).toContain('| Plenum ÷ stock |');
    expect(recordMarkdown(record.scenarios)).toContain(`| ${result.plenum.eventLoopP99.toFixed(1)} / ${result.plenum.eventLoopMax.toFixed(1)} |`);
  }, 90_000);

  it('loads a small big board cold from its log, its tail and its snapshot, from the stock server’s memory, and with server and client on a core each; each run says when the board arrived; times fresh servers’ first exports', async () => {
    const coresBefore = coresOf(process.pid);
    const result = await bigBoard({ cards: 12, updates: 600, coldRuns: 1, exportRuns: 1, memoryBoards: 1, coldTimeoutMs: 20_000, plenumEnv: {} });
    // The bench held itself to one core for the loads apart, and has all it had again.
    expect(coresOf(process.pid)).toBe(coresBefore);
    // They need two cores and taskset, which the test machine has (docs/benchmarks.md).
    expect(canHoldApart()).toBe(true);
    const loads = {
      log: result.fromLog,
      tail: result.fromTail,
      snapshot: result.fromSnapshot,
      stock: result.stockFromMemory,
      'log, a core each': result.apart?.fromLog,
      'snapshot, a core each': result.apart?.fromSnapshot,
    };
    for (const [from, load] of Object.entries(loads)) {
      expect({ from, timedOut: load?.timedOut, runs: load?.runs.length, received: load?.received?.length }).toEqual({ from, timedOut: false, runs: 1, received: 1 });
      const [ms, received] = [load!.runs[0]!, load!.received![0]!];
      // The board arrives after the connect and before the client has read it.
      expect(received, from).toBeGreaterThan(0);
      expect(received, from).toBeLessThanOrEqual(ms);
    }
    // A fresh server's first PDF and DOCX each way; the prepared ones waited for the server to say it rendered the draft ahead.
    for (const way of ['cold', 'prepared'] as const) {
      for (const format of ['pdf', 'docx'] as const) expect({ way, format, servers: result.firstExports?.[way][format].filter((ms) => ms > 0).length }).toEqual({ way, format, servers: 1 });
    }
    const record: BenchRecord = { version: 1, scenarios: { 'big-board': { context: { machine: describeMachine(), quick: true, plenumEnv: {}, workers: 1 }, result } } };
    expect(recordMarkdown(record.scenarios)).toContain('| for comparison, the stock server with the board in its memory');
    expect(recordMarkdown(record.scenarios)).toContain('| cold load from the snapshot, the server held to one core and the client to the other |');
    expect(checkTargets(record.scenarios).find((t) => t.target.startsWith('cold load'))?.measured).toContain('(stock, from memory: ');
    expect(recordMarkdown(record.scenarios)).toContain("| the first PDF of a fresh server, after the protocol view's prepare rendered the draft ahead |");
    expect(checkTargets(record.scenarios).find((t) => t.target.startsWith('every export'))?.measured).toContain("after the view's prepare");
  }, 120_000);

  it('reads taskset’s lists of cores', () => {
    expect(parseCoreList('0')).toEqual([0]);
    expect(parseCoreList('0,1')).toEqual([0, 1]);
    expect(parseCoreList('0-2,5,7-8')).toEqual([0, 1, 2, 5, 7, 8]);
  });

  it('runs the plenum view in Chromium at the smallest scale: twelve boards, cards written while it is open, a card dragged into the summary; the figures can be printed and compared', async () => {
    const result = await plenumView({ cardsPerBoard: 2, live: 4, drags: 1 });
    expect({ boards: result.boards, cardsPerBoard: result.cardsPerBoard, live: result.live.cards, drags: result.drag.drags }).toEqual({
      boards: 12,
      cardsPerBoard: 2,
      live: 4,
      drags: 1,
    });
    for (const figure of [result.open.wallMs, result.open.cpuMs, result.live.cpuPerCardMs, result.drag.cpuPerDragMs]) expect(figure).toBeGreaterThan(0);
    for (const tasks of [result.open.longTasks, result.live.longTasks]) expect(Number.isInteger(tasks) && tasks >= 0).toBe(true);
    const record: BenchRecord = { version: 1, scenarios: { plenum: { context: { machine: describeMachine(), quick: true, plenumEnv: {}, workers: 1 }, result } } };
    expect(recordMarkdown(parseRecord(JSON.stringify(record)).scenarios)).toContain('| the groups still writing: 4 cards, 10 a second |');
    expect(Object.values(headline('plenum', result)).every(Number.isFinite)).toBe(true);
  }, 180_000);

  it('times private writing at a small scale: the card counts with the writers there and gone, and both reveals, which move every card', async () => {
    const result = await privateWriting({ writers: 6, cardsPerWriter: 2, groups: 3 });
    expect({ writers: result.writers, groups: result.groups, moved: result.reveal.moved }).toEqual({ writers: 6, groups: 3, moved: 12 });
    for (const figure of [result.counts.loadedMs, result.counts.storedMs, result.reveal.loadedMs, result.reveal.storedMs]) expect(figure).toBeGreaterThan(0);
  }, 60_000);

  it('runs the idle session room script: each client is sent back its own empty awareness state, and nobody else’s', async () => {
    const result = await idleAwareness({ clients: 3, rounds: 2 });
    expect({ clients: result.clients, rounds: result.rounds, messagesPerRound: result.messagesPerRound }).toEqual({ clients: 3, rounds: 2, messagesPerRound: 3 });
    expect(result.serverCpuMsPerRound).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('plans the same writes for both servers: evenly spaced, in turn over boards and clients', () => {
    const plan = steadyPlan({ boards: 2, clientsPerBoard: 3, writesPerSecond: 10, warmupMs: 200, measureMs: 400, drainMs: 0 });
    expect(plan.writes.map((w) => [w.at, w.board, w.client])).toEqual([
      [0, 0, 0],
      [100, 1, 0],
      [200, 0, 1],
      [300, 1, 1],
      [400, 0, 2],
      [500, 1, 2],
    ]);
    expect(plan.measureFrom).toBe(200);
  });

  it('reads its options: scenarios, --plenum-env, and writes the record only for a full run unless told', () => {
    expect(parseOptions([]).write).toBe(true);
    expect(parseOptions(['--quick']).write).toBe(false);
    expect(parseOptions(['--scenario', 'workshop,burst', '--write']).scenarios).toEqual(['workshop', 'burst']);
    expect(parseOptions(['--compare']).write).toBe(false);
    expect(parseOptions(['--plenum-env', 'SYNC=normal', '--plenum-env', 'A=b=c']).plenumEnv).toEqual({ SYNC: 'normal', A: 'b=c' });
    expect(() => parseOptions(['--scenario', 'nope'])).toThrow(/unknown scenario nope/);
    expect(() => parseOptions(['--plenum-env', 'SYNC'])).toThrow(/KEY=VALUE/);
  });

  it('replaces only the generated block of docs/benchmarks.md', () => {
    const doc = `# B\n\nintro\n\n${BEGIN}\nold\n${END}\n\n## History\n`;
    const next = spliceResults(doc, 'new figures');
    expect(next).toBe(`# B\n\nintro\n\n${BEGIN}\n\nnew figures\n${END}\n\n## History\n`);
    expect(spliceResults('# B\n', 'x')).toBe(`# B\n\n${BEGIN}\n\nx\n${END}\n`);
  });
});
