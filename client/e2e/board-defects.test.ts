import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BoardPage } from './pages/BoardPage.ts';
import { newPage } from './support/browser.ts';
import type { TestServer } from './support/server.ts';
import { startedWorkshop, type SessionControl } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// Defects reported on the board (issue 9), one test each: what a person sees
// or does, checked in the real page.

const SEEN = { timeout: 5000 };

/** WCAG relative luminance and contrast of "rgb(r, g, b)" / "#rrggbb" colours. */
function rgbOf(color: string): [number, number, number] {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color.trim());
  if (short) color = `#${short.slice(1).map((c) => c + c).join('')}`;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (hex) return [1, 2, 3].map((i) => parseInt(hex[i] as string, 16)) as [number, number, number];
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!rgb) throw new Error(`not a colour: ${color}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
}
function luminance(color: string): number {
  const [r, g, b] = rgbOf(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
function hue(color: string): number {
  const [r, g, b] = rgbOf(color).map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
const hueDistance = (a: string, b: string) => {
  const d = Math.abs(hue(a) - hue(b));
  return Math.min(d, 360 - d);
};

describe('board defects (issue 9)', () => {
  let browser: Browser;
  let server: TestServer;
  const controls: SessionControl[] = [];

  withBrowserAndServer(
    (b, s) => {
      browser = b;
      server = s;
    },
    () => {
      for (const c of controls) c.close();
    },
  );

  const workshop = (patch?: Parameters<typeof startedWorkshop>[2]) => startedWorkshop(server.url, controls, patch);

  async function person(link: string) {
    const tracked = await newPage(browser);
    const board = new BoardPage(tracked.page);
    await board.open(link);
    return board;
  }

  it('the viewer sees everyone’s dots only where voting is on and revealed, and only on cards that have dots', async () => {
    const { session, moderator } = await workshop({ votingEnabled: true });
    const participant = await person(session.links.participant);
    await participant.addCard('Ideen', 'Gepunktet');
    await participant.addCard('Ideen', 'Leer');
    await participant.vote('Gepunktet', 1);
    await expect.poll(() => participant.myVotes('Gepunktet'), SEEN).toBe(1);
    const viewer = await person(session.links.viewer);
    await expect.poll(() => viewer.cardTexts('Ideen'), SEEN).toEqual(['Gepunktet', 'Leer']);
    const shownOn = (text: string) => viewer.card(text).innerText();

    // Voting on, not revealed: no totals.
    expect(await shownOn('Gepunktet')).not.toContain('Insgesamt');
    moderator.flag(0, 'votesRevealed', true);
    await expect.poll(() => shownOn('Gepunktet'), SEEN).toContain('Insgesamt 1 Punkt');
    expect(await shownOn('Leer')).not.toContain('Insgesamt');
    // Voting switched off (revealed stays set): nothing.
    moderator.update(0, { votingEnabled: false });
    await expect.poll(() => shownOn('Gepunktet'), SEEN).not.toContain('Insgesamt');
    await viewer.page.context().close();
    await participant.page.context().close();
  });

  it('the focus ring cannot be mistaken for the error border and has 3:1 contrast next to it', async () => {
    const { session } = await workshop();
    const board = await person(session.links.participant);
    await board.addCard('Ideen', 'Karte');
    const page = board.page;
    const root = (name: string) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
    const danger = await root('--danger');
    const backgrounds = [await root('--bg'), await root('--panel')];
    for (const color of ['yellow', 'green', 'blue', 'pink', 'orange', 'purple']) backgrounds.push(await root(`--card-${color}`));

    // A text field (the card input) and a button on a card, focused from the keyboard.
    const input = board.column('Ideen').locator('textarea.card-input');
    const button = board.card('Karte').locator('.edit-button');
    for (const target of [input, button]) {
      // Only keys were used on this page so far, so the browser shows the ring.
      await target.focus();
      const ring = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.outlineColor, style: s.outlineStyle, width: parseFloat(s.outlineWidth), focused: el.matches(':focus-visible') };
      });
      expect(ring.focused).toBe(true);
      expect(ring.style).not.toBe('none');
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(hueDistance(ring.color, danger), `focus ${ring.color} vs error ${danger}`).toBeGreaterThanOrEqual(90);
      for (const background of backgrounds) {
        expect(contrast(ring.color, background), `focus ${ring.color} on ${background}`).toBeGreaterThanOrEqual(3);
      }
    }
    await page.context().close();
  });

  it('the move menu shows whole column names, never cut mid-word', async () => {
    const long = 'Die Arbeit im eigenen Hause – interne Prozesse und Arbeitsorganisation';
    const { session } = await workshop({ prompts: ['Ideen', long] });
    const board = await person(session.links.participant);
    await board.addCard('Ideen', 'Karte');
    await board.card('Karte').locator('.move-menu-button').click();
    const items = board.card('Karte').locator('.move-menu-item');
    const labels = await items.allInnerTexts();
    expect(labels.map((l) => l.replace(/\s+/g, ' '))).toContain(`ans Ende von „${long}“`);
    for (const label of labels) expect(label).not.toContain('…');
    // Wrapped, not clipped: every item shows all of its text.
    for (const clipped of await items.evaluateAll((els) => els.map((el) => el.scrollWidth > el.clientWidth))) expect(clipped).toBe(false);
    await board.page.keyboard.press('Escape');
    await board.moveCardByMenu('Karte', `ans Ende von „${long}“`);
    await expect.poll(() => board.cardTexts(long), SEEN).toEqual(['Karte']);
    await board.page.context().close();
  });

  it('the drag handle is labelled without a stray colon', async () => {
    const { session } = await workshop();
    const board = await person(session.links.participant);
    await board.addCard('Ideen', 'Karte');
    const handle = board.card('Karte').locator('.drag-handle');
    expect(await handle.getAttribute('title')).toBe('Ziehen zum Verschieben');
    expect(await handle.getAttribute('aria-label')).toBe('Ziehen zum Verschieben: „Karte“');
    await board.page.context().close();
  });

  it('keyboard drag: left and right always change the column, up and down always move within it', async () => {
    const { session } = await workshop();
    const board = await person(session.links.participant);
    for (const text of ['I1', 'I2', 'I3']) await board.addCard('Ideen', text);
    for (const text of ['F1', 'F2']) await board.addCard('Fragen', text);

    // The second card of column 2, one press left: into column 1, at the same position.
    await board.moveCardByKeyboard('F2', ['ArrowLeft']);
    await expect.poll(() => board.cardTexts('Ideen'), SEEN).toEqual(['I1', 'F2', 'I2', 'I3']);
    expect(await board.cardTexts('Fragen')).toEqual(['F1']);

    // Right twice: across column 2 into column 3 (empty).
    await board.moveCardByKeyboard('F2', ['ArrowRight', 'ArrowRight']);
    await expect.poll(() => board.cardTexts('Nächste Schritte'), SEEN).toEqual(['F2']);
    expect(await board.cardTexts('Ideen')).toEqual(['I1', 'I2', 'I3']);

    // Up and down stay in the column.
    await board.moveCardByKeyboard('I3', ['ArrowUp', 'ArrowUp']);
    await expect.poll(() => board.cardTexts('Ideen'), SEEN).toEqual(['I3', 'I1', 'I2']);
    await board.moveCardByKeyboard('I3', ['ArrowDown']);
    await expect.poll(() => board.cardTexts('Ideen'), SEEN).toEqual(['I1', 'I3', 'I2']);
    expect(await board.cardTexts('Fragen')).toEqual(['F1']);
    await board.page.context().close();
  });
});
