import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOperatorPages } from '../../server/src/operator-pages.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { HomePage } from './pages/HomePage.ts';
import { ModeratorPage } from './pages/ModeratorPage.ts';
import { FOOTER_LINKS, OperatorPages, PAGE_PATHS, type OperatorPageName } from './pages/OperatorPages.ts';
import { PlenumPage } from './pages/PlenumPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage } from './support/browser.ts';
import { withBrowserAndServer } from './support/fixture.ts';
import { createSession, startTestServer, type TestServer } from './support/server.ts';
import { controlSession, type SessionControl } from './support/session-control.ts';

// The operator's pages (docs/deploy.md, "Operator pages"): every page kind
// has a footer linking to the privacy notice, the accessibility statement and
// the imprint; the pages open without a token and pass axe.

const SEEN = { timeout: 10_000 };
const NAMES: OperatorPageName[] = ['privacy', 'accessibility', 'imprint'];
const TITLES = {
  de: { privacy: 'Datenschutzerklärung', accessibility: 'Erklärung zur Barrierefreiheit', imprint: 'Impressum' },
  en: { privacy: 'Privacy notice', accessibility: 'Accessibility statement', imprint: 'Legal notice' },
};

async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('operator pages and the footer', () => {
  let browser: Browser;
  let server: TestServer;
  const controls: SessionControl[] = [];
  const servers: TestServer[] = [];
  withBrowserAndServer(
    (b, s) => {
      browser = b;
      server = s;
    },
    () => controls.forEach((c) => c.close()),
  );
  afterAll(async () => {
    for (const other of servers) await other.stop();
  });

  it('home, join step, board, viewer, moderator, plenum and protocol all have the footer with the three links, and a link leads to its page and back', { timeout: 120_000 }, async () => {
    const session = await createSession(server.url, { template: 'bilanz-zukunft', title: 'Bilanz & Zukunft' });
    const control = await controlSession(server.url, session);
    controls.push(control);
    const expected = NAMES.map((name) => ({ name: FOOTER_LINKS.de[name], href: PAGE_PATHS[name] }));
    const seen: string[] = [];
    const check = async (footer: OperatorPages, where: string) => {
      expect(await footer.footerLinks(), where).toEqual(expected);
      seen.push(where);
    };

    const tab = await newPage(browser);
    const { page } = tab;
    const footer = new OperatorPages(page);
    await new HomePage(page).open(server.url);
    await check(footer, 'home');

    const board = new BoardPage(page);
    control.start(null);
    await page.goto(session.links.participant);
    await board.join.waitFor();
    await check(footer, 'join step');
    await board.join.join({ name: 'Gül' });
    await page.getByTestId('waiting').waitFor();
    control.start(1);
    await board.join.join({ group: 'Arbeitsgruppe 1' });
    await board.board.waitFor();
    await check(footer, 'board');

    // From the board to the privacy notice by keyboard, and back to the board with the browser.
    await footer.openFromFooter('Datenschutz');
    expect(new URL(page.url()).pathname).toBe('/datenschutz');
    expect(await footer.title.innerText()).toBe('Datenschutzerklärung');
    expect(await page.title()).toBe('Datenschutzerklärung – Plenum');
    expect(await footer.footer.getByRole('link', { name: 'Datenschutz' }).getAttribute('aria-current')).toBe('page');
    await check(footer, 'privacy notice');
    await page.goBack();
    await board.board.waitFor(SEEN);

    const viewer = await newPage(browser);
    await new BoardPage(viewer.page).open(session.links.viewer);
    await check(new OperatorPages(viewer.page), 'viewer');
    await viewer.context.close();

    const plenum = new PlenumPage(page);
    await plenum.open(session.links.moderator, 'Bilanzgespräch');
    await check(footer, 'plenum');
    const moderator = new ModeratorPage(page);
    await moderator.open(session.links.moderator);
    await check(footer, 'moderator');
    await page.getByRole('navigation').getByRole('button', { name: 'Protokoll' }).click();
    await page.getByTestId('protocol-preview').waitFor(SEEN);
    await check(footer, 'protocol');

    // The accessibility statement and the imprint from the moderator's page.
    for (const name of ['accessibility', 'imprint'] as const) {
      await moderator.open(session.links.moderator);
      await footer.openFromFooter(FOOTER_LINKS.de[name]);
      expect(new URL(page.url()).pathname).toBe(PAGE_PATHS[name]);
      expect(await footer.title.innerText()).toBe(TITLES.de[name]);
    }
    expect(seen).toEqual(['home', 'join step', 'board', 'privacy notice', 'viewer', 'plenum', 'moderator', 'protocol']);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('axe: the three pages as Plenum ships them say they are not filled in, follow the language switch and have no violations (de and en, 1280 and 360 px)', { timeout: 120_000 }, async () => {
    const origin = new URL(server.url).origin;
    for (const width of [1280, 360]) {
      const tab = await newPage(browser, { viewport: { width, height: 740 } });
      const pages = new OperatorPages(tab.page);
      for (const name of NAMES) {
        await pages.open(server.url, name);
        expect(await pages.title.innerText()).toBe(TITLES.de[name]);
        await pages.unfilled.waitFor();
        expect(await pages.unfilled.innerText()).toContain('noch nicht ausgefüllt');
        expect(await pages.text.getAttribute('lang')).toBe('de');
        await expectNoViolations(tab.page, `${width}px ${name} (de)`);

        await pages.setLanguage('en');
        await expect.poll(() => pages.title.innerText()).toBe(TITLES.en[name]);
        await expect.poll(() => pages.text.getAttribute('lang')).toBe('en');
        expect(await pages.unfilled.innerText()).toContain('has not filled in this page yet');
        expect(await pages.footerLinks()).toEqual(NAMES.map((n) => ({ name: FOOTER_LINKS.en[n], href: PAGE_PATHS[n] })));
        expect(await tab.page.evaluate(() => document.documentElement.lang)).toBe('en');
        await expectNoViolations(tab.page, `${width}px ${name} (en)`);
        await pages.setLanguage('de');
        // Nothing sticks out sideways on a phone.
        expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      }
      // The accessibility statement names its feedback contact and the conciliation body.
      await pages.open(server.url, 'accessibility');
      await pages.text.getByRole('heading', { name: 'Barrieren melden: Feedback und Kontakt' }).waitFor();
      await pages.text.getByRole('link', { name: 'www.schlichtungsstelle-bgg.de' }).waitFor();
      for (const url of tab.requests) expect(new URL(url).origin).toBe(origin);
      expect(tab.errors).toEqual([]);
      await tab.context.close();
    }
  });

  it('the operator’s own text replaces the default: no “not filled in” notice, and in English it says the text is German only and marks it lang="de"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-pages-'));
    fs.writeFileSync(
      path.join(dir, 'imprint.de.md'),
      '# Anbieter\n\nStadt Musterstadt, Jugendamt, Rathausplatz 1\n\n<b>kein HTML</b> [Stadtportal](https://musterstadt.example/)\n',
    );
    const configured = await startTestServer(undefined, { operatorPages: loadOperatorPages(dir) });
    servers.push(configured);
    fs.rmSync(dir, { recursive: true }); // read at start: the server needs the files no longer

    const tab = await newPage(browser);
    const pages = new OperatorPages(tab.page);
    await pages.open(configured.url, 'imprint');
    await pages.text.getByText('Stadt Musterstadt, Jugendamt, Rathausplatz 1').waitFor();
    expect(await pages.text.getByRole('heading', { level: 2 }).innerText()).toBe('Anbieter');
    expect(await pages.text.innerText()).toContain('<b>kein HTML</b>');
    expect(await pages.text.getByRole('link', { name: 'Stadtportal' }).getAttribute('href')).toBe('https://musterstadt.example/');
    expect(await pages.unfilled.count()).toBe(0);
    await expectNoViolations(tab.page, 'configured imprint (de)');

    await pages.setLanguage('en');
    await tab.page.getByText('This text is only available in German.').waitFor();
    expect(await pages.text.getAttribute('lang')).toBe('de');
    expect(await pages.title.innerText()).toBe('Legal notice');
    await expectNoViolations(tab.page, 'configured imprint (en)');

    // A page the operator did not write is still the default.
    await pages.open(configured.url, 'privacy');
    await pages.unfilled.waitFor();
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });
});
