// Part of `npm run bench`: a big board in real Chromium (issue 7, "every change
// re-renders every card"), on a board of 500 cards:
//  - first render: from navigation start to all cards in the DOM, reloads of a
//    page that has joined already (so it includes loading the app, syncing the
//    board document and React's first render of it);
//  - one card edited by someone else: from the write to the new text shown;
//  - drag: the frame times (requestAnimationFrame deltas in the page) while a
//    card is dragged with the mouse from one column onto another.
// Each also with the page's main-thread CPU time. Prints figures; asserts
// nothing. BENCH_BOARD_CARDS, BENCH_BOARD_RUNS, BENCH_BOARD_EDITS tune it;
// with --json it also prints them as one `BENCH_JSON {…}` line, which
// `npm run bench` (server/bench/chromium.ts) reads.

import { addCard, readCards, updateCardText } from '@plenum/shared/board-doc';
import { BoardPage } from '../pages/BoardPage.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { mainThreadCpu } from '../support/main-thread-cpu.ts';
import { createSession, startTestServer } from '../support/server.ts';
import { controlSession } from '../support/session-control.ts';

const CARDS = Number(process.env.BENCH_BOARD_CARDS ?? 500);
const RUNS = Number(process.env.BENCH_BOARD_RUNS ?? 5);
const EDITS = Number(process.env.BENCH_BOARD_EDITS ?? 20);

type Probe = { cardsAt?: number; frames?: number[]; seen?: Map<string, number> };
declare const window: Window & { probe: Probe };

// Source text, not a function: tsx would wrap a named inner function in a helper the page lacks.
/** True once no drag overlay is shown and the card has not moved for a few frames. */
const SETTLED = (cardId: string | null) => {
  const probe = window as unknown as { settle?: { rect: string; frames: number } };
  const card = document.querySelector(`li[data-card-id="${cardId}"] .drag-handle`);
  if (!card || document.querySelector('.card-overlay')) return false;
  const r = card.getBoundingClientRect();
  const rect = `${r.x},${r.y},${r.width},${r.height}`;
  probe.settle = probe.settle?.rect === rect ? { rect, frames: probe.settle.frames + 1 } : { rect, frames: 0 };
  return probe.settle.frames >= 5;
};

const RECORD_FRAMES = `{
  const frames = [];
  window.probe.frames = frames;
  let last = 0;
  const tick = (now) => {
    frames.push(now - last);
    last = now;
    if (window.probe.frames === frames) requestAnimationFrame(tick);
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
}`;

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const session = await createSession(server.url);
  const moderator = await controlSession(server.url, session);
  moderator.start(0);
  const prompts = moderator.phase(0).prompts.map((p) => p.text);
  const board = await moderator.board(0, 0);
  const ids = moderator.phase(0).prompts.map((p) => p.id);
  board.transact(() => {
    for (let i = 0; i < CARDS; i++) addCard(board, { columnId: ids[i % ids.length]!, text: `Karte ${i}`, createdAt: 1_700_000_000_000 + i });
  });

  const { page, context } = await newPage(browser);
  // Runs in every load of the page, before the app: notes when the last card appears.
  await context.addInitScript((count: number) => {
    const probe: Probe = {};
    window.probe = probe;
    new MutationObserver((_, observer) => {
      if (document.querySelectorAll('li.card').length >= count) {
        probe.cardsAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, CARDS);
  const cpu = await mainThreadCpu(context, page);
  const user = new BoardPage(page);
  await user.open(session.links.participant);

  const firstRender: number[] = [];
  const firstRenderCpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const before = await cpu();
    await page.reload();
    await page.waitForFunction(() => window.probe.cardsAt !== undefined, null, { timeout: 60_000 });
    const after = await cpu();
    firstRender.push(await page.evaluate(() => window.probe.cardsAt!));
    firstRenderCpu.push(after >= before ? after - before : after);
  }

  // Another participant edits one card (through the moderator's connection):
  // from the write to the new text in this page's DOM, and the CPU it costs here.
  await page.evaluate(() => {
    const seen = new Map<string, number>();
    window.probe.seen = seen;
    new MutationObserver(() => {
      const now = Date.now();
      document.querySelectorAll('li.card .card-text').forEach((el) => {
        const text = el.textContent ?? '';
        if (text.startsWith('Bearbeitet') && !seen.has(text)) seen.set(text, now);
      });
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const edited = readCards(board);
  const editDelays: number[] = [];
  const editCpu: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const text = `Bearbeitet ${i}`;
    const before = await cpu();
    const sent = Date.now();
    updateCardText(board, edited[(i * 37) % edited.length]!.id, text);
    // A cheap in-page check (a locator would search all 500 cards on every poll, on the page's CPU).
    await page.waitForFunction((t) => window.probe.seen?.has(t), text, { polling: 'raf' });
    const after = await cpu();
    const shown = await page.evaluate((t) => window.probe.seen?.get(t), text);
    if (shown !== undefined) editDelays.push(shown - sent);
    editCpu.push(after - before);
  }

  const frames: number[] = [];
  const dragCpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const [from, to] = run % 2 === 0 ? [prompts[0]!, prompts[1]!] : [prompts[1]!, prompts[0]!];
    const text = (await user.cardTexts(from))[0]!;
    const target = (await user.cardTexts(to))[0]!;
    const id = await user.card(text).getAttribute('data-card-id');
    const column = await user.column(to).getAttribute('data-column-id');
    // The last drop may still be animating: a handle measured mid-animation
    // sends the press beside it (and selects text instead of dragging).
    await page.waitForFunction(SETTLED, id, { polling: 'raf' });
    await page.evaluate(RECORD_FRAMES);
    const before = await cpu();
    await user.dragCard(text, { beforeCard: target }, { steps: 40 });
    await page.waitForFunction(
      ([c, card]) => document.querySelector(`section[data-column-id="${c}"] li[data-card-id="${card}"]`) !== null,
      [column, id],
      { polling: 'raf' },
    );
    dragCpu.push((await cpu()) - before);
    frames.push(...(await page.evaluate(() => {
      const recorded = window.probe.frames ?? [];
      window.probe.frames = undefined;
      return recorded;
    })));
  }

  const figures = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${name} median ${ms(quantile(sorted, 50))}, p95 ${ms(quantile(sorted, 95))}, max ${ms(sorted.at(-1)!)}`;
  };
  console.log(`board of ${CARDS} cards, ${RUNS} reloads of a joined page until all cards are shown:`);
  console.log(`  ${figures('navigation to all cards shown', firstRender)}`);
  console.log(`  ${figures('main-thread CPU', firstRenderCpu)}`);
  console.log(`one card edited by another participant (${EDITS} edits):`);
  console.log(`  ${figures('write to shown', editDelays)}`);
  console.log(`  ${figures('main-thread CPU', editCpu)}`);
  console.log(`a card dragged across columns with the mouse (${RUNS} drags, ${frames.length} frames):`);
  console.log(`  ${figures('frame time', frames)}, ${frames.filter((f) => f > 50).length} frames over 50 ms`);
  console.log(`  ${figures('main-thread CPU per drag', dragCpu)}`);
  if (process.argv.includes('--json')) {
    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { median: quantile(sorted, 50), p95: quantile(sorted, 95), max: sorted.at(-1) ?? NaN, count: sorted.length };
    };
    const json = {
      cards: CARDS,
      firstRender: { wall: stats(firstRender), cpu: stats(firstRenderCpu) },
      edit: { wall: stats(editDelays), cpu: stats(editCpu) },
      drag: { frame: stats(frames), over50: frames.filter((f) => f > 50).length, cpuPerDrag: stats(dragCpu) },
    };
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  }
  moderator.close();
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
