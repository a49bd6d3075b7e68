import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages/HomePage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { withBrowserAndServer } from './support/fixture.ts';

describe('home page: creating a workshop', () => {
  let browser: Browser;
  let server: TestServer;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  it('an empty title and an end before the start show translated messages beside the fields, in German and English', async () => {
    const tab = await newPage(browser);
    const home = new HomePage(tab.page);
    await home.open(server.url);
    await home.fill({ title: '   ', startTime: '14:30', endTime: '13:00' });
    await home.submit();

    await expect.poll(() => home.error('title').innerText()).toBe('Bitte ausfüllen: Titel');
    expect(await home.error('endTime').innerText()).toBe('Das Ende muss nach dem Beginn liegen.');
    for (const field of ['title', 'endTime'] as const) {
      expect(await home.field(field).getAttribute('aria-invalid')).toBe('true');
      expect(await home.field(field).getAttribute('aria-describedby')).toContain(`home-${field}-error`);
    }
    expect(await home.field('startTime').getAttribute('aria-invalid')).toBeNull();
    // Focus goes to the first field that needs fixing.
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe('home-title');

    await home.setLanguage('en');
    await home.submit();
    await expect.poll(() => home.error('title').innerText()).toBe('Please fill in: Title');
    expect(await home.error('endTime').innerText()).toBe('The end must be after the start.');

    // Nothing was created: still on the start page.
    expect(new URL(tab.page.url()).pathname).toBe('/');
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('axe: the home page has no WCAG 2.1 AA violations, with and without error messages, at 1280 and 360 px', async () => {
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 360, height: 740 },
    ]) {
      const tab = await newPage(browser, { viewport });
      const home = new HomePage(tab.page);
      await home.open(server.url);
      expect(await axeViolations(tab.page)).toEqual([]);
      await home.fill({ startTime: '10:00', endTime: '09:00' });
      await home.submit();
      await home.error('title').waitFor();
      expect(await axeViolations(tab.page)).toEqual([]);
      // Nothing sticks out sideways on a phone.
      expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await tab.context.close();
    }
  });

  it('on a server with CREATE_SECRET the form asks for the access code; a wrong one is refused beside the field, the right one creates', async () => {
    const guarded = await startTestServer(undefined, { createSecret: 'Amt-2026' });
    try {
      const tab = await newPage(browser);
      const home = new HomePage(tab.page);
      await home.open(guarded.url);
      const code = tab.page.getByLabel('Zugangscode zum Anlegen');
      await code.waitFor();
      await home.fill({ title: 'Fachtag Jugendhilfe' });
      await code.fill('falsch');
      await home.submit();
      await tab.page.locator('#home-secret-error').getByText('Zugangscode').waitFor();
      expect(await code.getAttribute('aria-invalid')).toBe('true');
      expect(guarded.server.storage.countSessions()).toBe(0);
      expect(await axeViolations(tab.page)).toEqual([]);
      await code.fill('Amt-2026');
      await home.submit();
      await tab.page.waitForURL(/\/s\/[A-Za-z0-9_-]+#t=/);
      expect(guarded.server.storage.countSessions()).toBe(1);
    } finally {
      await guarded.stop();
    }
  });
});
