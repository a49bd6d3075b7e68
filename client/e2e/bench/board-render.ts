// Part of `npm run bench`: a big board in real Chromium (issue 7, "every change
// re-renders every card"). Two figures on a board of 500 cards:
//  - first render: from navigation start to all cards in the DOM, reloads of a
//    page that has joined already (so it includes loading the app, syncing the
//    board document and React's first render of it), and the part of it from
//    the board appearing (its document synced) to all cards shown;
//  - drag: the frame times (requestAnimationFrame deltas in the page) while a
//    card is dragged with the mouse from one column onto another.
// Prints figures; asserts nothing. BENCH_BOARD_CARDS, BENCH_BOARD_RUNS tune it.

import { addCard } from '@plenum/shared/board-doc';
import { BoardPage } from '../pages/BoardPage.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { createSession, startTestServer } from '../support/server.ts';
import { controlSession } from '../support/session-control.ts';

const CARDS = Number(process.env.BENCH_BOARD_CARDS ?? 500);
const RUNS = Number(process.env.BENCH_BOARD_RUNS ?? 5);

type Probe = { boardAt?: number; cardsAt?: number; frames?: number[] };
declare const window: Window & { probe: Probe };

// Source text, not a function: tsx would wrap a named inner function in a helper the page lacks.
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
      probe.boardAt ??= document.querySelector('section.board') ? performance.now() : undefined;
      if (document.querySelectorAll('li.card').length >= count) {
        probe.cardsAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, CARDS);
  const user = new BoardPage(page);
  await user.open(session.links.participant);

  const firstRender: number[] = [];
  const boardToCards: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.waitForFunction(() => window.probe.cardsAt !== undefined, null, { timeout: 60_000 });
    const { boardAt, cardsAt } = await page.evaluate(() => window.probe);
    firstRender.push(cardsAt!);
    boardToCards.push(cardsAt! - (boardAt ?? cardsAt!));
  }
  firstRender.sort((a, b) => a - b);
  boardToCards.sort((a, b) => a - b);

  const frames: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const [from, to] = run % 2 === 0 ? [prompts[0]!, prompts[1]!] : [prompts[1]!, prompts[0]!];
    const text = (await user.cardTexts(from))[0]!;
    const target = (await user.cardTexts(to))[0]!;
    await page.evaluate(RECORD_FRAMES);
    await user.dragCard(text, { beforeCard: target }, { steps: 40 });
    await user.cards(to).filter({ hasText: text }).first().waitFor();
    frames.push(...(await page.evaluate(() => {
      const recorded = window.probe.frames ?? [];
      window.probe.frames = undefined;
      return recorded;
    })));
  }
  frames.sort((a, b) => a - b);

  console.log(
    `board of ${CARDS} cards, navigation to all cards shown (${RUNS} reloads): ` +
      `median ${ms(quantile(firstRender, 50))}, min ${ms(firstRender[0]!)}, max ${ms(firstRender.at(-1)!)}; ` +
      `of that from the board shown (document synced) to all cards shown: median ${ms(quantile(boardToCards, 50))}, ` +
      `max ${ms(boardToCards.at(-1)!)}`,
  );
  console.log(
    `dragging a card across columns (${RUNS} drags, ${frames.length} frames): ` +
      `frame time median ${ms(quantile(frames, 50))}, p95 ${ms(quantile(frames, 95))}, max ${ms(frames.at(-1)!)}, ` +
      `${frames.filter((f) => f > 50).length} frames over 50 ms`,
  );
  moderator.close();
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
