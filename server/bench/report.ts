import { COMPACT_EVERY, type BigBoardResult } from './big-board.ts';
import type { BoardRenderResult, ClientSize, PlenumViewResult } from './chromium.ts';
import type { CapacityResult, FanoutSummary, ServerSummary } from './fanout.ts';
import { machineLine, type Machine } from './machine.ts';
import { median } from './stats.ts';

// What the bench prints and records: one markdown section per scenario (the
// same text on the console and in docs/benchmarks.md), the targets of issue
// 12 with PASS or MISS, the machine-readable record (docs/benchmarks.json)
// and the comparison with the last recorded figures.

export interface Scenarios {
  workshop: FanoutSummary;
  burst: FanoutSummary;
  capacity: CapacityResult;
  'big-board': BigBoardResult;
  chromium: BoardRenderResult;
  plenum: PlenumViewResult;
  'client-size': ClientSize;
}
export type ScenarioName = keyof Scenarios;
export const SCENARIO_NAMES: readonly ScenarioName[] = ['workshop', 'capacity', 'burst', 'big-board', 'chromium', 'plenum', 'client-size'];

export interface RunContext {
  machine: Machine;
  quick: boolean;
  /** The Plenum process's extra environment (durability mode and the like); empty: its defaults. */
  plenumEnv: Record<string, string>;
  /** The load generator's worker threads. */
  workers: number;
}

export interface Recorded<N extends ScenarioName = ScenarioName> {
  context: RunContext;
  result: Scenarios[N];
}

export type BenchRecord = { version: 1; scenarios: { [N in ScenarioName]?: Recorded<N> } };

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function serverRow(name: string, s: ServerSummary): string[] {
  return [
    name,
    String(s.runs),
    f1(s.p50),
    f1(s.p95),
    f1(s.p99),
    f2(s.serverCpuPerWrite),
    f0(s.serverCpu),
    f0(s.generatorCpu),
    f0(s.rssMiB),
    `${f1(s.eventLoopP99)} / ${f1(s.eventLoopMax)}`,
    `${s.missing} of ${s.expected}`,
    String(s.disconnects),
  ];
}

function fanoutMarkdown(r: FanoutSummary): string {
  return [
    `Load: ${r.load}. Medians over the runs (alternated A B A B …, each on a fresh server process).`,
    '',
    table(
      ['server', 'runs', 'p50 ms', 'p95 ms', 'p99 ms', 'server CPU ms/write', 'server CPU %', 'generator CPU %', 'server RSS MiB', 'server event loop late p99 / max ms', 'deliveries missing', 'reconnects'],
      [serverRow('Plenum', r.plenum), serverRow('stock 0.1.1', r.stock), ['Plenum ÷ stock', '', f2(r.ratio.p50), f2(r.ratio.p95), f2(r.ratio.p99), f2(r.ratio.serverCpuPerWrite), '', '', '', '', '', '']],
    ),
    '',
    `Per run (p99 ms, and in brackets the server's longest event-loop stall): ${r.runs.map((x) => `${x.server === 'plenum' ? 'P' : 'S'} ${f1(x.latency.p99)} (${f1(x.eventLoop?.max ?? NaN)})`).join(', ')}. ` +
      `Generator send lag p99 (median): Plenum ${f1(r.plenum.sendLagP99)} ms, stock ${f1(r.stock.sendLagP99)} ms.`,
  ].join('\n');
}

function capacityMarkdown(r: CapacityResult): string {
  const cell = (runs: CapacityResult['steps'][number]['runs']['plenum']) =>
    runs?.length ? runs.map((x) => `p99 ${f1(x.latency.p99)}${x.missing ? `, ${x.missing} missing` : ''}, stall ${f1(x.eventLoop?.max ?? NaN)}, CPU ${f0(x.serverCpu)} %, gen ${f0(x.generatorCpu)} %`).join('; ') : '–';
  const verdict = (kind: 'plenum' | 'stock') =>
    r.capacity[kind] === 0 ? `below ${r.steps[0]?.clients ?? '?'} clients (failed the first step)` : `${r.capacity[kind]} clients${r.reachedLastStep[kind] ? ' (passed every step: at least)' : ''}`;
  return [
    `Load: ${r.load}.`,
    '',
    table(['clients', 'Plenum', 'stock 0.1.1'], r.steps.map((s) => [String(s.clients), cell(s.runs.plenum), cell(s.runs.stock)])),
    '',
    `Capacity (p99 < ${r.limitMs} ms, nothing missing): Plenum ${verdict('plenum')}, stock ${verdict('stock')}.`,
  ].join('\n');
}

function bigBoardMarkdown(r: BigBoardResult): string {
  const cold = (c: BigBoardResult['fromLog']) =>
    c.timedOut
      ? `gave up: not synced within the time limit (server CPU ${f0(c.cpu)} ms until then)`
      : `median ${f0(c.median)} ms (runs: ${c.runs.map(f0).join(', ')})${c.received ? `, the board received at ${f0(median(c.received))} ms` : ''}, server CPU ${f0(c.cpu)} ms`;
  return [
    `A board of ${r.cards} cards whose stored log holds ${r.updates.toLocaleString('en')} updates (adds, moves, colours, dots, keystrokes).`,
    '',
    table(
      ['what', 'figure'],
      [
        ['cold load, board stored as its log (fresh server, first client: connect to synced)', cold(r.fromLog)],
        ...(r.fromTail
          ? [[`cold load, as a Plenum server leaves it at worst: a snapshot and the ${COMPACT_EVERY - 1} updates since (it compacts every ${COMPACT_EVERY})`, cold(r.fromTail)]]
          : []),
        ['cold load, the same board compacted into one snapshot', cold(r.fromSnapshot)],
        ...(r.stockFromMemory
          ? [['for comparison, the stock server with the board in its memory (it stores nothing): the same client, connect to synced', cold(r.stockFromMemory)]]
          : []),
        ...(r.apart
          ? [
              ['cold load from the log, the server held to one core and the client to the other (taskset)', cold(r.apart.fromLog)],
              ['cold load from the snapshot, the server held to one core and the client to the other', cold(r.apart.fromSnapshot)],
            ]
          : []),
        ['for comparison, Yjs alone: the board applied to an empty document (warm; a cold load does it in the server and again in the client)', `median ${f0(r.yjsApplyMs)} ms`],
        [`memory per loaded board (${r.memory.boards} boards, retained after GC: heap + external)`, `${f1(r.memory.heapPerBoardMiB)} MiB (RSS growth ${f1(r.memory.rssPerBoardMiB)} MiB)`],
        ...Object.entries(r.exports).map(([format, e]) => [`export ${format} (median, over HTTP)`, `${f0(e.ms)} ms (runs: ${e.runs.map(f0).join(', ')}), ${f0(e.kib)} KiB`]),
        ...(r.firstExports
          ? (['pdf', 'docx'] as const).flatMap((format) => [
              [`the first ${format.toUpperCase()} of a fresh server, asked for at once (the PDF first)`, firstText(r.firstExports!.cold[format])],
              [`the first ${format.toUpperCase()} of a fresh server, after the protocol view's prepare rendered the draft ahead`, firstText(r.firstExports!.prepared[format])],
            ])
          : []),
      ],
    ),
  ].join('\n');
}

/** One figure per fresh server. */
function firstText(runs: number[]): string {
  return `median ${f0(median(runs))} ms (servers: ${runs.map(f0).join(', ')})`;
}

function chromiumMarkdown(r: BoardRenderResult): string {
  return [
    `A board of ${r.cards} cards in headless Chromium (client/e2e/bench/board-render.ts), wall time and the page's main-thread CPU.`,
    '',
    table(
      ['what', 'median', 'p95', 'max', 'main-thread CPU (median)'],
      [
        [`first render: navigation to all cards shown (${r.firstRender.wall.count} reloads)`, f0(r.firstRender.wall.median), f0(r.firstRender.wall.p95), f0(r.firstRender.wall.max), f0(r.firstRender.cpu.median)],
        [`remote edit of one card: write to shown (${r.edit.wall.count} edits)`, f0(r.edit.wall.median), f0(r.edit.wall.p95), f0(r.edit.wall.max), f0(r.edit.cpu.median)],
        [`drag across columns: frame time (${r.drag.frame.count} frames, ${r.drag.over50} over 50 ms)`, f1(r.drag.frame.median), f1(r.drag.frame.p95), f1(r.drag.frame.max), `${f0(r.drag.cpuPerDrag.median)} per drag`],
      ],
    ),
  ].join('\n');
}

function plenumMarkdown(r: PlenumViewResult): string {
  return [
    `The moderator's plenum view of ${r.boards} boards of ${r.cardsPerBoard} cards in headless Chromium, 1600 × 900 px (client/e2e/bench/plenum-view.ts): the page's main-thread CPU and its long tasks (over 50 ms).`,
    '',
    table(
      ['what', 'main-thread CPU ms', 'long tasks', 'longest task ms'],
      [
        [`open: "Plenum öffnen" to every card shown (${f0(r.open.wallMs)} ms)`, f0(r.open.cpuMs), f0(r.open.longTasks), f0(r.open.longestTaskMs)],
        [`the groups still writing: ${r.live.cards} cards, ${f0(r.live.perSecond)} a second`, `${f1(r.live.cpuPerCardMs)} per card`, f0(r.live.longTasks), f0(r.live.longestTaskMs)],
        [`a card dragged into the summary (${r.drag.drags} drags)`, `${f0(r.drag.cpuPerDragMs)} per drag (median)`, '', f0(r.drag.longestTaskMs)],
      ],
    ),
  ].join('\n');
}

function clientSizeMarkdown(r: ClientSize): string {
  return [
    `JavaScript of the built client (client/dist/assets), gzip level 9: **${f1(r.gzipKB)} kB** (${f0(r.kB)} kB plain).`,
    '',
    table(['file', 'kB', 'gzip kB'], r.files.map((x) => [x.name, f1(x.kB), f1(x.gzipKB)])),
  ].join('\n');
}

/** Each scenario's table and text. */
const MARKDOWN: { [N in ScenarioName]: (result: Scenarios[N]) => string } = {
  workshop: fanoutMarkdown,
  burst: fanoutMarkdown,
  capacity: capacityMarkdown,
  'big-board': bigBoardMarkdown,
  chromium: chromiumMarkdown,
  plenum: plenumMarkdown,
  'client-size': clientSizeMarkdown,
};

const TITLES: Record<ScenarioName, string> = {
  workshop: 'Workshop: 300 clients, 30 boards, 150 writes/s',
  capacity: 'Capacity: clients until p99 > 50 ms',
  burst: 'Burst: everyone adds a card in the same second',
  'big-board': 'Big board: 2,000 cards, 50,000-update log',
  chromium: 'Chromium: 500-card board',
  plenum: 'Chromium: the plenum view while the groups write',
  'client-size': 'Client JavaScript',
};

/** Other work beyond this share of the machine's cores makes a scenario's figures noisy. */
export const NOISY_SHARE = 0.1;

/**
 * Why a scenario's figures are noisy, or null. From the CPU that processes
 * outside the bench used (measureOtherWork); records made before that was
 * measured have only the load average, which counts the bench's own load too.
 */
export function noiseOf(m: Machine): string | null {
  if (m.otherWorkCores !== undefined) {
    return m.otherWorkCores > NOISY_SHARE * m.cores ? `${m.otherWorkCores.toFixed(2)} of ${m.cores} cores busy outside the bench` : null;
  }
  const load = Math.max(m.loadAverage, m.loadAverageAfter ?? 0);
  return load > m.cores ? `load average up to ${load} on ${m.cores} cores` : null;
}

export function scenarioMarkdown<N extends ScenarioName>(name: N, recorded: Recorded<N>): string {
  const body = (MARKDOWN[name] as (result: Scenarios[N]) => string)(recorded.result);
  const c = recorded.context;
  const how = [c.quick ? '`--quick`' : 'full settings', `${c.workers} generator threads`, Object.keys(c.plenumEnv).length ? `Plenum env ${envText(c.plenumEnv)}` : 'Plenum defaults'];
  const noise = noiseOf(c.machine);
  const noisy = noise ? `\n\n**Noisy:** other work ran on the machine meanwhile (${noise}): preliminary figures; compare only runs on a quiet machine.` : '';
  return `### ${TITLES[name]}\n\n_${machineLine(c.machine)} · ${how.join(' · ')}_${noisy}\n\n${body}\n`;
}

export function envText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

// ---- targets -------------------------------------------------------------

export interface TargetCheck {
  target: string;
  measured: string;
  /** null: the scenario was not run, or could not decide. */
  pass: boolean | null;
}

export function checkTargets(record: BenchRecord['scenarios']): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (target: string, measured: string | undefined, pass: boolean | null | undefined) =>
    checks.push({ target, measured: measured ?? 'not measured', pass: pass ?? null });
  const w = record.workshop;
  const env = w && Object.keys(w.context.plenumEnv).length ? ` (measured with ${envText(w.context.plenumEnv)})` : '';
  add(
    'p99 fan-out Plenum ÷ stock ≤ 1.0 at 300 clients, default durability',
    w && `${f2(w.result.ratio.p99)} (${f1(w.result.plenum.p99)} ÷ ${f1(w.result.stock.p99)} ms)${env}`,
    w && (Number.isFinite(w.result.ratio.p99) ? w.result.ratio.p99 <= 1 && w.result.plenum.missing === 0 : false),
  );
  const c = record.capacity;
  add(
    'capacity (p99 < 50 ms) ≥ stock’s',
    c && `Plenum ${c.result.capacity.plenum}, stock ${c.result.capacity.stock} clients${c.result.capacity.plenum === 0 && c.result.capacity.stock === 0 ? ' (both failed the first step: undecided)' : ''}`,
    // Both below the first step decides nothing (a starved machine does that).
    c && (c.result.capacity.plenum === 0 && c.result.capacity.stock === 0 ? null : c.result.capacity.plenum >= c.result.capacity.stock),
  );
  const b = record['big-board'];
  add(
    'cold load of the big board (50,000-update log) < 100 ms',
    b &&
      (b.result.fromLog.timedOut ? 'timed out' : `${f0(b.result.fromLog.median)} ms`) +
        (b.result.stockFromMemory && !b.result.stockFromMemory.timedOut ? ` (stock, from memory: ${f0(b.result.stockFromMemory.median)} ms)` : '') +
        (b.result.apart && !b.result.apart.fromLog.timedOut ? `; server and client on a core each: ${f0(b.result.apart.fromLog.median)} ms` : ''),
    b && !b.result.fromLog.timedOut && b.result.fromLog.median < 100,
  );
  add('memory < 10 MB per loaded 2,000-card board', b && `${f1(b.result.memory.heapPerBoardMiB)} MiB`, b && b.result.memory.heapPerBoardMiB * 2 ** 20 < 10e6);
  const exports = b ? Object.entries(b.result.exports) : [];
  const slowest = exports.sort((x, y) => y[1].ms - x[1].ms)[0];
  add(
    'every export of 2,000 cards < 300 ms',
    b &&
      (slowest ? `slowest ${slowest[0]} ${f0(slowest[1].ms)} ms` : 'not measured (cold load failed)') +
        (b.result.firstExports
          ? `; a fresh server's first PDF ${f0(median(b.result.firstExports.cold.pdf))} ms, after the view's prepare ${f0(median(b.result.firstExports.prepared.pdf))} ms`
          : ''),
    b && (slowest ? exports.every(([, e]) => e.ms < 300) : null),
  );
  const ch = record.chromium;
  add('first render of 500 cards < 500 ms', ch && `${f0(ch.result.firstRender.wall.median)} ms`, ch && ch.result.firstRender.wall.median < 500);
  const s = record['client-size'];
  add('client JavaScript < 250 kB gzipped', s && `${f1(s.result.gzipKB)} kB`, s && s.result.gzipKB < 250);
  return checks;
}

export function targetsMarkdown(checks: TargetCheck[]): string {
  return table(
    ['target', 'measured', ''],
    checks.map((c) => [c.target, c.measured, c.pass === null ? '–' : c.pass ? 'PASS' : '**MISS**']),
  );
}

// ---- comparison ------------------------------------------------------------

const fanoutHeadline = (x: FanoutSummary) => ({
  'Plenum p50 ms': x.plenum.p50,
  'Plenum p99 ms': x.plenum.p99,
  'stock p99 ms': x.stock.p99,
  'p99 ratio Plenum/stock': x.ratio.p99,
  'Plenum CPU ms/write': x.plenum.serverCpuPerWrite,
  'stock CPU ms/write': x.stock.serverCpuPerWrite,
  'Plenum RSS MiB': x.plenum.rssMiB,
});

/** Each scenario's headline figures, flat, for the comparison with the last record. */
const HEADLINES: { [N in ScenarioName]: (result: Scenarios[N]) => Record<string, number> } = {
  workshop: fanoutHeadline,
  burst: fanoutHeadline,
  capacity: (x) => ({ 'Plenum clients': x.capacity.plenum, 'stock clients': x.capacity.stock }),
  'big-board': (x) => ({
    'cold load from log ms': x.fromLog.median,
    'cold load from snapshot and tail ms': x.fromTail?.median ?? NaN,
    'cold load from snapshot ms': x.fromSnapshot.median,
    'cold load from snapshot, board received ms': x.fromSnapshot.received ? median(x.fromSnapshot.received) : NaN,
    'stock load from memory ms': x.stockFromMemory?.median ?? NaN,
    'cold load from log, a core each ms': x.apart?.fromLog.median ?? NaN,
    'cold load from snapshot, a core each ms': x.apart?.fromSnapshot.median ?? NaN,
    'Yjs apply of the board ms': x.yjsApplyMs,
    'memory per board MiB': x.memory.heapPerBoardMiB,
    ...Object.fromEntries(Object.entries(x.exports).map(([format, e]) => [`export ${format} ms`, e.ms])),
    'first pdf of a fresh server ms': x.firstExports ? median(x.firstExports.cold.pdf) : NaN,
    'first pdf after prepare ms': x.firstExports ? median(x.firstExports.prepared.pdf) : NaN,
  }),
  chromium: (x) => ({
    'first render ms': x.firstRender.wall.median,
    'first render CPU ms': x.firstRender.cpu.median,
    'edit ms': x.edit.wall.median,
    'drag frame p95 ms': x.drag.frame.p95,
  }),
  plenum: (x) => ({
    'open CPU ms': x.open.cpuMs,
    'CPU per incoming card ms': x.live.cpuPerCardMs,
    'longest task while cards come in ms': x.live.longestTaskMs,
    'longest task of a drag ms': x.drag.longestTaskMs,
  }),
  'client-size': (x) => ({ 'gzip kB': x.gzipKB }),
};

/** The headline figures of a scenario, flat, for the comparison with the last record. */
export function headline<N extends ScenarioName>(name: N, result: Scenarios[N]): Record<string, number> {
  return (HEADLINES[name] as (result: Scenarios[N]) => Record<string, number>)(result);
}

export interface Change {
  scenario: ScenarioName;
  figure: string;
  before: number;
  after: number;
  /** (after − before) ÷ before, in %; NaN when either is missing or before is 0. */
  percent: number;
}

export function compare(before: BenchRecord['scenarios'], after: BenchRecord['scenarios']): Change[] {
  const changes: Change[] = [];
  for (const name of SCENARIO_NAMES) {
    const a = after[name];
    const b = before[name];
    if (!a || !b) continue;
    const now = headline(name, a.result);
    const then = headline(name, b.result);
    for (const [figure, value] of Object.entries(now)) {
      const old = then[figure] ?? NaN;
      changes.push({ scenario: name, figure, before: old, after: value, percent: Number.isFinite(old) && old !== 0 ? ((value - old) / old) * 100 : NaN });
    }
  }
  return changes;
}

export function changesText(changes: Change[], recordedDate: (name: ScenarioName) => string): string {
  if (changes.length === 0) return 'Nothing to compare: no scenario of this run has recorded figures.';
  const lines: string[] = [];
  let last: ScenarioName | undefined;
  for (const c of changes) {
    if (c.scenario !== last) lines.push(`${c.scenario} (recorded ${recordedDate(c.scenario)}):`);
    last = c.scenario;
    const pct = Number.isFinite(c.percent) ? `${c.percent >= 0 ? '+' : ''}${c.percent.toFixed(0)} %` : 'n/a';
    lines.push(`  ${c.figure}: ${f2(c.before)} → ${f2(c.after)} (${pct})`);
  }
  return lines.join('\n');
}

// ---- the record --------------------------------------------------------------

/** JSON keeps NaN as null; read it back as NaN so every figure stays a number. */
export function parseRecord(text: string): BenchRecord {
  const parsed = JSON.parse(text, (_key, value: unknown) => (value === null ? NaN : value)) as BenchRecord;
  if (parsed.version !== 1 || typeof parsed.scenarios !== 'object') throw new Error('not a bench record (version 1)');
  return parsed;
}

export function recordMarkdown(record: BenchRecord['scenarios']): string {
  const sections = SCENARIO_NAMES.flatMap((name) => {
    const recorded = record[name];
    return recorded ? [scenarioMarkdown(name, recorded as Recorded<typeof name>)] : [];
  });
  return ['### Targets (issue 12)', '', targetsMarkdown(checkTargets(record)), '', ...sections].join('\n');
}

export const BEGIN = '<!-- bench:results:begin (written by npm run bench; edit around it, not inside) -->';
export const END = '<!-- bench:results:end -->';

/** Puts the generated results between the markers of docs/benchmarks.md (appended when they are missing). */
export function spliceResults(doc: string, results: string): string {
  const block = `${BEGIN}\n\n${results}\n${END}`;
  const from = doc.indexOf(BEGIN);
  const to = doc.indexOf(END);
  if (from >= 0 && to > from) return doc.slice(0, from) + block + doc.slice(to + END.length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}
