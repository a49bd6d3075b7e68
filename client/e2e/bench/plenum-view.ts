// Part of `npm run bench`: the moderator's plenum view of a phase whose groups
// are still writing, in headless Chromium. Twelve boards (the most a phase
// had until 2026-11-28, now 30; the scale recorded since) of 30 cards each,
// with texts from the similar-cards fixture so that "Ähnliche Karten" has
// pairs to find:
//  - open: from "Plenum öffnen" to every card shown, and the page's CPU;
//  - live: cards written on the boards, ten a second, round the groups, as
//    the groups go on writing while the moderator watches: the page's CPU per
//    incoming card and its long tasks (over 50 ms);
//  - drag: a card dragged onto "neuer Punkt" of the summary: the page's CPU
//    per drag and its longest task.
// Prints figures; asserts nothing. BENCH_PLENUM_BOARDS, BENCH_PLENUM_CARDS
// (per board), BENCH_PLENUM_LIVE (cards written) and BENCH_PLENUM_DRAGS tune it; with
// --json it also prints them as one `BENCH_JSON {…}` line, which
// `npm run bench` (server/bench/chromium.ts) reads.

import fs from 'node:fs';
import path from 'node:path';
import { addCard } from '@plenum/shared/board-doc';
import { addGroup } from '@plenum/shared/session-doc';
import { PlenumPage } from '../pages/PlenumPage.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { mainThreadCpu } from '../support/main-thread-cpu.ts';
import { createSession, startTestServer } from '../support/server.ts';
import { controlSession } from '../support/session-control.ts';

const PER_BOARD = Number(process.env.BENCH_PLENUM_CARDS ?? 30);
const LIVE = Number(process.env.BENCH_PLENUM_LIVE ?? 60);
const DRAGS = Number(process.env.BENCH_PLENUM_DRAGS ?? 3);
const BOARDS = Number(process.env.BENCH_PLENUM_BOARDS ?? 12);
const LIVE_EVERY_MS = 100;

type Probe = { longTasks: number[] };
declare const window: Window & { probe: Probe };

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../../shared/test/fixtures/similar-pairs.json'), 'utf8')) as {
  pairs: { a: string; b: string }[];
};
const texts = fixture.pairs.flatMap((pair) => [pair.a, pair.b]);
let nextText = 0;
/** The fixture's texts in turn (the same board for the same inputs on every run). */
const text = () => texts[nextText++ % texts.length]!;

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const session = await createSession(server.url, { template: 'bilanz-zukunft', title: 'Plenum' });
  const moderator = await controlSession(server.url, session);
  const phaseId = moderator.phase(1).id;
  for (let g = moderator.phase(1).groups.length; g < BOARDS; g++) addGroup(moderator.doc, phaseId, { name: `Arbeitsgruppe ${g + 1}` });
  moderator.start(1);
  const columns = moderator.phase(1).prompts.map((p) => p.id);
  const boards = [];
  for (let g = 0; g < BOARDS; g++) {
    const board = await moderator.board(1, g);
    board.transact(() => {
      for (let i = 0; i < PER_BOARD; i++) addCard(board, { columnId: columns[i % columns.length]!, text: text() });
    });
    // The cards to drag, each text once on the page (the fixture's texts come round again).
    if (g < DRAGS) addCard(board, { columnId: columns[0]!, text: `Karte zum Ziehen ${g + 1}` });
    boards.push(board);
  }
  const total = BOARDS * PER_BOARD + DRAGS;

  // A moderator's wide screen.
  const { page, context } = await newPage(browser, { viewport: { width: 1600, height: 900 } });
  await context.addInitScript(() => {
    const probe: Probe = { longTasks: [] };
    window.probe = probe;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const cpu = await mainThreadCpu(context, page);
  const takeLongTasks = () =>
    page.evaluate(() => {
      const taken = window.probe.longTasks;
      window.probe.longTasks = [];
      return taken;
    });
  const shownCards = () => page.evaluate(() => document.querySelectorAll('[data-testid="plenum-card"]').length);

  const plenum = new PlenumPage(page);
  await plenum.moderator.open(session.links.moderator);
  await plenum.moderator.openPhase('Bilanzgespräch');
  await takeLongTasks();
  const openStart = Date.now();
  const openCpuBefore = await cpu();
  await page.getByTestId('open-plenum').click();
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid="plenum-card"]').length >= count, total, { polling: 'raf', timeout: 60_000 });
  const open = { wallMs: Date.now() - openStart, cpuMs: (await cpu()) - openCpuBefore, longTasks: await takeLongTasks() };

  const liveCpuBefore = await cpu();
  const liveStart = Date.now();
  for (let i = 0; i < LIVE; i++) {
    const due = liveStart + i * LIVE_EVERY_MS;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    addCard(boards[i % BOARDS]!, { columnId: columns[i % columns.length]!, text: text() });
  }
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid="plenum-card"]').length >= count, total + LIVE, { polling: 'raf', timeout: 60_000 });
  const live = { cpuPerCardMs: ((await cpu()) - liveCpuBefore) / LIVE, longTasks: await takeLongTasks() };

  const drags: { cpuMs: number; longTasks: number[] }[] = [];
  for (let d = 0; d < DRAGS; d++) {
    const before = await cpu();
    await plenum.dragCard(`Karte zum Ziehen ${d + 1}`, 'new');
    await plenum.item(d + 1).waitFor();
    drags.push({ cpuMs: (await cpu()) - before, longTasks: await takeLongTasks() });
  }
  if ((await shownCards()) < total + LIVE) throw new Error('cards went missing from the plenum view');

  const longest = (tasks: number[]) => Math.max(0, ...tasks);
  const result = {
    boards: BOARDS,
    cardsPerBoard: PER_BOARD,
    open: { wallMs: open.wallMs, cpuMs: open.cpuMs, longTasks: open.longTasks.length, longestTaskMs: longest(open.longTasks) },
    live: { cards: LIVE, perSecond: 1000 / LIVE_EVERY_MS, cpuPerCardMs: live.cpuPerCardMs, longTasks: live.longTasks.length, longestTaskMs: longest(live.longTasks) },
    drag: {
      drags: DRAGS,
      cpuPerDragMs: drags.map((d) => d.cpuMs).sort((a, b) => a - b)[Math.floor(DRAGS / 2)] ?? NaN,
      longestTaskMs: longest(drags.flatMap((d) => d.longTasks)),
    },
  };
  console.log(`plenum view of ${BOARDS} boards of ${PER_BOARD} cards (${total} cards with the ones to drag):`);
  console.log(`  open: ${result.open.wallMs} ms to every card shown, main-thread CPU ${result.open.cpuMs.toFixed(0)} ms, longest task ${result.open.longestTaskMs.toFixed(0)} ms`);
  console.log(
    `  ${LIVE} cards written, ${result.live.perSecond} a second: main-thread CPU ${result.live.cpuPerCardMs.toFixed(1)} ms per card, ${result.live.longTasks} long tasks, longest ${result.live.longestTaskMs.toFixed(0)} ms`,
  );
  console.log(`  a card dragged into the summary (${DRAGS} drags): main-thread CPU ${result.drag.cpuPerDragMs.toFixed(0)} ms (median), longest task ${result.drag.longestTaskMs.toFixed(0)} ms`);
  if (process.argv.includes('--json')) console.log(`BENCH_JSON ${JSON.stringify(result)}`);
  moderator.close();
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
