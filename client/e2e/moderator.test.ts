import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { templatePhases } from '../../shared/src/templates.ts';
import { translate } from '../src/i18n/dictionary.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { HomePage } from './pages/HomePage.ts';
import { ModeratorPage } from './pages/ModeratorPage.ts';
import { axeViolations } from './support/axe.ts';
import { newPage, type TrackedPage } from './support/browser.ts';
import { createSession, type TestServer } from './support/server.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// The moderator's side in a real Chromium against a real server: create a
// workshop from the Bilanz & Zukunft template, run its phases, hand out links.

const BILANZ = templatePhases('bilanz-zukunft');
const AGENDA = BILANZ.map((p) => p.title);
const ASPECTS = BILANZ[1]?.prompts ?? [];

/**
 * Opens a group link as a participant and waits for the board. The join step
 * (name, optional) belongs to the participant UI; it is passed if shown.
 */
async function joinBoard(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  const join = page.getByTestId('join-form');
  const firstColumn = page.getByRole('heading', { name: ASPECTS[0], exact: true });
  await join.or(firstColumn).first().waitFor();
  if (await join.isVisible()) {
    const nameField = join.getByRole('textbox');
    if (await nameField.count()) await nameField.fill(name);
    await join.locator('button[type=submit]').click();
  }
  await firstColumn.waitFor();
}

function leftOrigin(server: TestServer, ...tabs: TrackedPage[]): string[] {
  const origin = new URL(server.url).origin;
  return tabs.flatMap((t) => t.requests).filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
}

describe('moderator: prepare and run a workshop', () => {
  let browser: Browser;
  let server: TestServer;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  it('creates a Bilanz & Zukunft workshop on the home page, starts the Bilanz phase and its timer; two participants join different groups by their group links and see the four aspect columns and the running timer', async () => {
    const mod = await newPage(browser);
    const home = new HomePage(mod.page);
    await home.open(server.url);
    await home.createWorkshop({
      title: 'Sozialraumorientierung in der Kinder- und Jugendhilfe',
      subtitle: '„Wie war es und wo geht die Reise hin?“',
      place: 'Bezirksamt-Mitte / Digitale Konferenz via Zoom',
      date: '2021-09-06',
      startTime: '14:30',
      endTime: '17:30',
      contact: 'Freie und Hansestadt Hamburg\nBezirksamt Hamburg-Mitte\nProjekt LöVO',
    });
    const moderator = new ModeratorPage(mod.page);
    await moderator.ready();
    expect(await mod.page.locator('h1.session-title').innerText()).toBe('Sozialraumorientierung in der Kinder- und Jugendhilfe');
    expect(await mod.page.locator('.session-when').innerText()).toContain('14:30–17:30');
    await expect.poll(() => moderator.agendaTitles()).toEqual(AGENDA);
    expect(AGENDA).toHaveLength(4);
    await expect.poll(() => mod.page.getByTestId('key-notice').isVisible()).toBe(true);

    await moderator.openPhase('Bilanzgespräch');
    await moderator.startPhase();
    await expect.poll(() => moderator.phaseStatus().innerText()).toBe('läuft');
    await moderator.startTimer();
    await expect.poll(() => moderator.timer().getAttribute('data-running')).toBe('true');

    await moderator.showLinks();
    const link1 = await moderator.link('Phase 2 – Arbeitsgruppe 1');
    const link2 = await moderator.link('Phase 2 – Arbeitsgruppe 2');
    expect(link1).not.toBe(link2);
    expect(new URL(link1).hash).toMatch(/^#t=[\w-]+&g=[\w-]+$/);
    // The QR code is drawn in the page, from the link itself.
    const qr = await moderator.showQr('Phase 2 – Arbeitsgruppe 1');
    expect(await qr.getAttribute('aria-label')).toBe('QR-Code für Phase 2 – Arbeitsgruppe 1');
    expect((await qr.locator('path').getAttribute('d'))?.length).toBeGreaterThan(500);

    const one = await newPage(browser);
    const two = await newPage(browser);
    await joinBoard(one.page, link1, 'Aylin');
    await joinBoard(two.page, link2, 'Bernd');
    for (const participant of [one, two]) {
      for (const aspect of ASPECTS) {
        await participant.page.getByRole('heading', { name: aspect, exact: true }).waitFor();
      }
      await expect.poll(() => participant.page.getByTestId('phase-timer').getAttribute('data-running')).toBe('true');
    }

    // Different groups, different boards: each card shows up under its own
    // group in the moderator's overview.
    await new BoardPage(one.page).addCard(ASPECTS[0] as string, 'Bereitschaft zu kooperieren hat sich erhöht');
    await new BoardPage(two.page).addCard(ASPECTS[1] as string, 'Interne Prozesse besser koordinieren');
    await moderator.showAgenda();
    const peek1 = moderator.groupPeek('Arbeitsgruppe 1');
    const peek2 = moderator.groupPeek('Arbeitsgruppe 2');
    await expect.poll(() => peek1.innerText()).toContain('Bereitschaft zu kooperieren hat sich erhöht');
    await expect.poll(() => peek2.innerText()).toContain('Interne Prozesse besser koordinieren');
    expect(await peek1.innerText()).not.toContain('Interne Prozesse');
    expect(await peek1.getByTestId('peek-count').innerText()).toBe('1 Karte');

    // Closing the phase makes it read-only for everyone.
    await moderator.closePhase();
    await expect.poll(() => moderator.phaseStatus().innerText()).toBe('geschlossen');

    expect(leftOrigin(server, mod, one, two)).toEqual([]);
    expect(mod.errors).toEqual([]);
    for (const tab of [mod, one, two]) await tab.context.close();
  });

  it('language switch: the phase-running notice and a refused title already on screen follow the switch, both ways; a workshop created in the English UI gets the English template', async () => {
    const session = await createSession(server.url, { title: 'Bilanz', template: 'bilanz-zukunft' });
    const tab = await newPage(browser);
    const moderator = new ModeratorPage(tab.page);
    await moderator.open(session.links.moderator);
    await moderator.openPhase('Bilanzgespräch');
    await moderator.startPhase();
    await expect.poll(() => moderator.runNotice().innerText()).toBe(translate('de', 'moderator.run.started'));
    // A refused write beside a field: an empty phase title.
    const title = tab.page.locator(`.phase-detail input[id^="phase-title-"]`);
    await title.fill('');
    await title.press('Enter');
    const titleError = tab.page.locator('.phase-detail .field-error').first();
    await expect.poll(() => titleError.innerText()).toBe(translate('de', 'error.required', { field: translate('de', 'field.title') }));

    await moderator.setLanguage('en');
    await expect.poll(() => moderator.runNotice().innerText()).toBe(translate('en', 'moderator.run.started'));
    await expect.poll(() => titleError.innerText()).toBe(translate('en', 'error.required', { field: translate('en', 'field.title') }));
    await moderator.setLanguage('de');
    await expect.poll(() => moderator.runNotice().innerText()).toBe(translate('de', 'moderator.run.started'));

    // The home page sends the language shown: the English template's phases.
    const home = new HomePage(tab.page);
    await home.open(server.url);
    await home.setLanguage('en');
    await home.createWorkshop({ title: 'Review and outlook' });
    await moderator.ready();
    await expect.poll(() => moderator.agendaTitles()).toEqual(templatePhases('bilanz-zukunft', 'en').map((p) => p.title));
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('agenda by keyboard: moves a phase and keeps focus on it, adds and renames a phase, refuses an empty title with a translated message, deletes only after confirming', async () => {
    const session = await createSession(server.url, { title: 'Bilanz', template: 'bilanz-zukunft' });
    const tab = await newPage(browser);
    const moderator = new ModeratorPage(tab.page);
    await moderator.open(session.links.moderator);
    await expect.poll(() => moderator.agendaTitles()).toEqual(AGENDA);

    const up = tab.page.getByRole('button', { name: 'Phase 4 nach oben verschieben' });
    await up.focus();
    await tab.page.keyboard.press('Enter');
    await expect.poll(() => moderator.agendaTitles()).toEqual([AGENDA[0], AGENDA[1], AGENDA[3], AGENDA[2]]);
    // Focus stayed with the moved phase, now number 3; Space moves it again.
    expect(await tab.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Phase 3 nach oben verschieben');
    await tab.page.keyboard.press('Space');
    await expect.poll(() => moderator.agendaTitles()).toEqual([AGENDA[0], AGENDA[3], AGENDA[1], AGENDA[2]]);

    await tab.page.getByRole('button', { name: 'Phase hinzufügen' }).click();
    await expect.poll(() => moderator.agendaTitles()).toEqual([AGENDA[0], AGENDA[3], AGENDA[1], AGENDA[2], 'Neue Phase']);
    // The new phase is open for editing with its title field focused.
    const title = moderator.detail().getByRole('textbox', { name: 'Titel' });
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe(await title.getAttribute('id'));
    await title.fill('Ausblick');
    await title.press('Enter');
    await expect.poll(() => moderator.agendaTitles()).toEqual([AGENDA[0], AGENDA[3], AGENDA[1], AGENDA[2], 'Ausblick']);

    await title.fill('');
    await title.press('Tab');
    const error = moderator.detail().locator('.field-error');
    await expect.poll(() => error.innerText()).toBe('Bitte ausfüllen: Titel');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await moderator.agendaTitles()).toContain('Ausblick');
    await title.fill('Ausblick und Verabredungen');
    await title.press('Enter');
    await expect.poll(() => moderator.agendaTitles()).toContain('Ausblick und Verabredungen');
    expect(await error.count()).toBe(0);

    // Delete: Escape cancels, the confirm button deletes.
    const remove = tab.page.getByRole('button', { name: 'Phase 5 löschen' });
    await remove.click();
    await tab.page.getByRole('dialog').waitFor();
    await tab.page.keyboard.press('Escape');
    await tab.page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await moderator.agendaTitles()).toHaveLength(5);
    await remove.click();
    await moderator.answerDialog(true);
    await expect.poll(() => moderator.agendaTitles()).toEqual([AGENDA[0], AGENDA[3], AGENDA[1], AGENDA[2]]);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('edits the columns and groups of a phase: an added or removed prompt shows on the participants\' board at once; a renamed group keeps its link', async () => {
    const session = await createSession(server.url, { title: 'Spalten', template: 'bilanz-zukunft' });
    const mod = await newPage(browser);
    const moderator = new ModeratorPage(mod.page);
    await moderator.open(session.links.moderator);
    await moderator.openPhase('Bilanzgespräch');
    await moderator.startPhase();
    await moderator.showLinks();
    const link = await moderator.link('Phase 2 – Arbeitsgruppe 2');
    const participant = await newPage(browser);
    await joinBoard(participant.page, link, '');

    await moderator.showAgenda();
    await moderator.detail().getByRole('button', { name: 'Unterfrage hinzufügen' }).click();
    const fifth = moderator.detail().getByRole('textbox', { name: 'Unterfrage 5' });
    expect(await mod.page.evaluate(() => document.activeElement?.id)).toBe(await fifth.getAttribute('id'));
    await fifth.fill('Was nehmen wir mit?');
    await fifth.press('Enter');
    await participant.page.getByRole('heading', { name: 'Was nehmen wir mit?', exact: true }).waitFor();

    // Removing a column of the running phase asks first (moderator-live.test.ts);
    // confirmed, it disappears for the participant, its card does not (it
    // moves to the end of the first column), and keyboard focus moves on to
    // the next line instead of getting lost.
    const board = new BoardPage(participant.page);
    await board.addCard(ASPECTS[3]!, 'Karte in Spalte 4');
    await board.card('Karte in Spalte 4').waitFor();
    await moderator.removePrompt(ASPECTS[3]!);
    await moderator.answerDialog(true);
    await participant.page.getByRole('heading', { name: ASPECTS[3], exact: true }).waitFor({ state: 'detached' });
    expect(await board.cardTexts(ASPECTS[0]!)).toEqual(['Karte in Spalte 4']);
    const nowFourth = moderator.detail().getByRole('textbox', { name: 'Unterfrage 4' });
    expect(await nowFourth.inputValue()).toBe('Was nehmen wir mit?');
    expect(await mod.page.evaluate(() => document.activeElement?.id)).toBe(await nowFourth.getAttribute('id'));

    // Rename a group: the name shows in the overview; the link stays valid.
    const groupName = moderator.detail().getByRole('textbox', { name: 'Gruppe 2: Name' });
    await groupName.fill('AG Freie Träger');
    await groupName.press('Enter');
    await moderator.groupPeek('AG Freie Träger').waitFor();
    await moderator.showLinks();
    expect(await moderator.link('Phase 2 – AG Freie Träger')).toBe(link);
    expect(mod.errors).toEqual([]);
    await mod.context.close();
    await participant.context.close();
  });

  it('axe: agenda editor, running phase, links panel with a QR code, workshop data and a confirm dialog have no WCAG 2.1 AA violations at 1280 and 360 px', async () => {
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 360, height: 740 },
    ]) {
      const session = await createSession(server.url, { title: 'Barrierefrei', template: 'bilanz-zukunft' });
      const tab = await newPage(browser, { viewport });
      const moderator = new ModeratorPage(tab.page);
      await moderator.open(session.links.moderator);
      await moderator.openPhase('Bilanzgespräch');
      await moderator.startPhase();
      await moderator.groupPeek('Arbeitsgruppe 1').getByTestId('peek-count').waitFor();
      expect(await axeViolations(tab.page)).toEqual([]);
      const width = () => tab.page.evaluate(() => document.documentElement.scrollWidth);
      expect(await width()).toBeLessThanOrEqual(viewport.width);

      await tab.page.getByRole('button', { name: 'Phase 2 löschen' }).click();
      await tab.page.getByRole('dialog').waitFor();
      expect(await axeViolations(tab.page)).toEqual([]);
      await moderator.answerDialog(false);

      await moderator.showLinks();
      await moderator.showQr('Phase 3 – Arbeitsgruppe 2');
      expect(await axeViolations(tab.page)).toEqual([]);
      expect(await width()).toBeLessThanOrEqual(viewport.width);

      await moderator.showWorkshop();
      expect(await axeViolations(tab.page)).toEqual([]);
      expect(tab.errors).toEqual([]);
      await tab.context.close();
    }
  });

  it('links: renewing the viewer link (after confirming) stops the old one at once; renewing the moderator link moves on to the new one; deleting the session after confirming ends every link', async () => {
    const session = await createSession(server.url, { title: 'Links', template: 'bilanz-zukunft' });
    const tab = await newPage(browser);
    const moderator = new ModeratorPage(tab.page);
    await moderator.open(session.links.moderator);
    await moderator.showLinks();
    const oldViewer = await moderator.link('Link zum Zuschauen');
    expect(oldViewer).toBe(session.links.viewer);

    await tab.page.getByRole('button', { name: 'Link zum Zuschauen erneuern' }).click();
    await moderator.answerDialog(true);
    await expect.poll(() => moderator.link('Link zum Zuschauen')).not.toBe(oldViewer);
    const newViewer = await moderator.link('Link zum Zuschauen');

    const viewer = await newPage(browser);
    await viewer.page.goto(oldViewer);
    await viewer.page.getByText('Dieser Link ist ungültig oder abgelaufen.').waitFor();
    // Same tab, only the fragment changes: the new link works at once.
    await viewer.page.goto(newViewer);
    await viewer.page.locator('main h1').first().waitFor();
    expect(await viewer.page.getByText('Dieser Link ist ungültig').count()).toBe(0);

    const keyNotice = tab.page.getByTestId('key-notice');
    await keyNotice.getByRole('button', { name: 'Verstanden, gespeichert' }).click();
    await keyNotice.waitFor({ state: 'detached' });
    await tab.page.getByRole('button', { name: 'Moderationslink erneuern' }).click();
    await moderator.answerDialog(true);
    await expect.poll(() => tab.page.url()).not.toBe(session.links.moderator);
    await moderator.ready();
    // A new key to keep: the reminder is back.
    await keyNotice.waitFor();
    await moderator.showLinks();
    expect(await moderator.link('Moderationslink')).toBe(tab.page.url());

    await moderator.showWorkshop();
    await tab.page.getByRole('button', { name: 'Workshop endgültig löschen' }).click();
    await moderator.answerDialog(true);
    await tab.page.getByRole('heading', { name: 'Workshop gelöscht' }).waitFor();
    // The open viewer is told at once; opening the link again finds nothing.
    await viewer.page.getByText('Dieser Workshop wurde gelöscht.').waitFor();
    const later = await newPage(browser);
    await later.page.goto(newViewer);
    await later.page.getByText('Dieser Link ist ungültig oder abgelaufen.').waitFor();
    expect(tab.errors).toEqual([]);
    for (const t of [tab, viewer, later]) await t.context.close();
  });
});
