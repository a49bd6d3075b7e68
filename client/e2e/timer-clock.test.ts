import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { readSession, setCurrentPhase } from '@plenum/shared/session-doc';
import { groupLink } from '../src/session-link.ts';
import { JoinPage } from './pages/JoinPage.ts';
import { newPage } from './support/browser.ts';
import { createSession, type TestServer } from './support/server.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// Two participants whose computer clocks are wrong in opposite directions see
// the same remaining time, because the timer runs on the server's clock.

const SKEW_SCRIPT = (skewMs: number) => `
  (() => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + ${skewMs};
    const RealDate = Date;
    globalThis.Date = class extends RealDate {
      constructor(...args) { if (args.length === 0) super(realNow() + ${skewMs}); else super(...args); }
      static now() { return realNow() + ${skewMs}; }
    };
  })();`;

function seconds(text: string): number {
  const [m, s] = text.trim().split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

describe('timer on server time', () => {
  let browser: Browser;
  let server: TestServer;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  it('shows the same remaining time on screens whose clocks are 50 minutes apart', async () => {
    const session = await createSession(server.url, { template: 'bilanz-zukunft' });
    const moderatorToken = new URL(session.links.moderator).hash.slice(3);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/ws`, session.id, doc, {
      params: { token: moderatorToken },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    const bilanz = readSession(doc).phases[1]!;
    setCurrentPhase(doc, bilanz.id);
    const res = await fetch(`${server.url}/api/sessions/${session.id}/phases/${bilanz.id}/timer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${moderatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'start' }),
    });
    expect(res.status).toBe(200);

    const ahead = await newPage(browser);
    const behind = await newPage(browser);
    await ahead.context.addInitScript(SKEW_SCRIPT(+30 * 60_000));
    await behind.context.addInitScript(SKEW_SCRIPT(-20 * 60_000));
    await ahead.page.goto(groupLink(session.links.participant, bilanz.groups[0]!.id));
    await behind.page.goto(groupLink(session.links.participant, bilanz.groups[1]!.id));
    await new JoinPage(ahead.page).join();
    await new JoinPage(behind.page).join();
    // The skew really is in effect in both pages.
    const clocks = await Promise.all([ahead.page.evaluate(() => Date.now()), behind.page.evaluate(() => Date.now())]);
    expect(clocks[0] - clocks[1]).toBeGreaterThan(49 * 60_000);

    const timerText = async (p: typeof ahead) => {
      const timer = p.page.locator('[data-testid=phase-timer] .phase-timer-value');
      await timer.waitFor({ timeout: 15_000 });
      return timer.innerText();
    };
    // Read both as close together as possible; they may straddle one tick.
    const [a, b] = await Promise.all([timerText(ahead), timerText(behind)]);
    expect(Math.abs(seconds(a) - seconds(b))).toBeLessThanOrEqual(1);
    // And both show the 45 minutes of the Bilanz phase running down, not an hour off.
    expect(seconds(a)).toBeGreaterThan(44 * 60);
    expect(seconds(a)).toBeLessThanOrEqual(45 * 60);
    provider.destroy();
    await ahead.context.close();
    await behind.context.close();
  });
});
