// Part of `npm run bench`: how long a card takes from the Enter key in one
// participant's browser to appearing in another participant's browser (issue:
// "each sees the other's changes within a second"). Real Chromium, real
// server, two browser contexts on one board. Prints figures; asserts nothing.

import { BoardPage } from '../pages/BoardPage.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { createSession, startTestServer } from '../support/server.ts';
import { controlSession } from '../support/session-control.ts';

const CARDS = Number(process.env.BENCH_BROWSER_CARDS ?? 30);

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const session = await createSession(server.url);
  const moderator = await controlSession(server.url, session);
  moderator.start(0);
  const column = moderator.phase(0).prompts[0]!.text;
  const a = new BoardPage((await newPage(browser)).page);
  const b = new BoardPage((await newPage(browser)).page);
  await a.open(session.links.participant);
  await b.open(session.links.participant);
  // B records when each card text first shows up in its DOM (system clock,
  // shared by both pages and this process).
  await b.page.evaluate(() => {
    const seen = new Map<string, number>();
    (window as unknown as { seen: Map<string, number> }).seen = seen;
    new MutationObserver(() => {
      const now = Date.now();
      document.querySelectorAll('li.card .card-text').forEach((el) => {
        const text = el.textContent ?? '';
        if (!seen.has(text)) seen.set(text, now);
      });
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const delays: number[] = [];
  for (let i = 0; i < CARDS; i++) {
    const text = `Messkarte ${i}`;
    const input = a.column(column).locator('textarea.card-input');
    await input.fill(text);
    const sent = Date.now();
    await input.press('Enter');
    await b.card(text).waitFor();
    const arrived = await b.page.evaluate((t) => (window as unknown as { seen: Map<string, number> }).seen.get(t), text);
    if (arrived !== undefined) delays.push(arrived - sent);
  }
  delays.sort((x, y) => x - y);
  const at = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))];
  console.log(
    `browser → browser: ${delays.length} cards, Enter in A to shown in B: ` +
      `p50 ${at(50)} ms, p95 ${at(95)} ms, max ${delays.at(-1)} ms`,
  );
  moderator.close();
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
