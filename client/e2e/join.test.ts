import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BoardPage } from './pages/BoardPage.ts';
import { newPage } from './support/browser.ts';
import { createSession, type TestServer } from './support/server.ts';
import { controlSession, type SessionControl } from './support/session-control.ts';
import { withBrowserAndServer } from './support/fixture.ts';

// Joining from a participant link, and following the moderator from phase to
// phase. What a browser chose (name, group per phase) survives a reload.

const SEEN = { timeout: 5000 };

describe('joining a workshop and following its phases', () => {
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

  async function moderate(template: 'blank' | 'bilanz-zukunft') {
    const session = await createSession(server.url, { template, title: 'Bilanz & Zukunft' });
    const moderator = await controlSession(server.url, session);
    controls.push(moderator);
    return { session, moderator };
  }

  it('is anonymous by default, asks nothing more for a single group, and a reload goes straight back to the board', async () => {
    const { session, moderator } = await moderate('blank');
    moderator.start(0);
    const tab = await newPage(browser);
    const board = new BoardPage(tab.page);
    await tab.page.goto(session.links.participant);
    await board.join.waitFor();
    expect(await board.join.groupOptions().count()).toBe(0);
    expect(await board.join.nameInput().inputValue()).toBe('');
    await board.join.join();
    await board.board.waitFor();
    await expect.poll(() => board.presenceNames(), SEEN).toEqual(['Anonym (Sie)']);
    await board.addCard('Ideen', 'Ohne Namen');
    await expect.poll(() => board.card('Ohne Namen').locator('.card-author').count(), SEEN).toBe(0);

    await tab.page.reload();
    await board.board.waitFor();
    expect(await board.join.form.count()).toBe(0);
    await expect.poll(() => board.cardTexts('Ideen'), SEEN).toEqual(['Ohne Namen']);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('asks for the group when there are several, unless the link names one, and remembers name and group', async () => {
    const { session, moderator } = await moderate('blank');
    moderator.update(0, { groups: [{ name: 'Gruppe A', composition: 'Jugendamt' }, { name: 'Gruppe B', composition: 'freie Träger' }] });
    moderator.start(0);

    const tab = await newPage(browser);
    const board = new BoardPage(tab.page);
    await tab.page.goto(session.links.participant);
    await board.join.waitFor();
    expect(await board.join.groupNames()).toEqual(['Gruppe A', 'Gruppe B']);
    await board.join.join({ name: 'Dana' }); // no group chosen yet
    await tab.page.getByRole('alert').filter({ hasText: 'Bitte wählen Sie Ihre Gruppe aus.' }).waitFor();
    await board.join.join({ group: 'Gruppe B' });
    await board.board.waitFor();
    expect(await board.groupName()).toBe('Gruppe B');
    await expect.poll(() => board.presenceNames(), SEEN).toEqual(['Dana (Sie)']);

    await board.reload();
    expect(await board.groupName()).toBe('Gruppe B');
    await board.addCard('Fragen', 'Von Dana');
    expect(await board.card('Von Dana').locator('.card-author').innerText()).toBe('Dana');

    // A group link skips the choice, in a browser that has never been here.
    const groupA = moderator.phase(0).groups.find((g) => g.name === 'Gruppe A');
    const other = await newPage(browser);
    const second = new BoardPage(other.page);
    await other.page.goto(`${session.links.participant}&g=${groupA?.id}`);
    await second.join.waitFor();
    expect(await second.join.groupOptions().count()).toBe(0);
    await second.join.join({ name: 'Emil' });
    await second.board.waitFor();
    expect(await second.groupName()).toBe('Gruppe A');
    expect(await second.cardTexts('Fragen')).toEqual([]);
    await tab.context.close();
    await other.context.close();
  });

  it('waits for the first phase, shows information phases, and follows every phase switch (asking again for a new group)', async () => {
    const { session, moderator } = await moderate('bilanz-zukunft');
    const tab = await newPage(browser);
    const board = new BoardPage(tab.page);
    await tab.page.goto(session.links.participant);
    await board.join.join({ name: 'Fatma' });
    await tab.page.getByTestId('waiting').waitFor();

    moderator.start(0);
    const info = tab.page.getByTestId('phase-info');
    await info.getByRole('heading', { name: moderator.phase(0).title }).waitFor();
    expect(await info.innerText()).toContain('Rückschau auf die Projektlaufzeit');

    moderator.start(1);
    await board.join.waitFor();
    expect(await board.join.groupNames()).toEqual(['Arbeitsgruppe 1', 'Arbeitsgruppe 2']);
    await board.join.join({ group: 'Arbeitsgruppe 2' });
    await board.board.waitFor();
    expect(await tab.page.locator('#board-question').innerText()).toBe('Was haben wir in den letzten 3 Jahren gelernt?');
    expect(await board.groupName()).toBe('Arbeitsgruppe 2');
    await board.addCard('Die Arbeit im eigenen Hause – interne Prozesse und Arbeitsorganisation', 'Konkretere Strukturen');

    // The next phase has groups of its own: the remembered choice does not apply there.
    moderator.start(2);
    await board.join.waitFor();
    await board.join.join({ group: 'Arbeitsgruppe 1' });
    await expect
      .poll(() => tab.page.locator('#board-question').innerText(), SEEN)
      .toBe('Was von dem, was wir gelernt haben, wollen wir - auf Dauer - behalten?');
    expect(await board.groupName()).toBe('Arbeitsgruppe 1');

    // Back to the earlier phase: straight to the group chosen there (now closed: read only).
    moderator.start(1);
    await expect.poll(() => board.groupName(), SEEN).toBe('Arbeitsgruppe 2');
    await expect
      .poll(() => board.cardTexts('Die Arbeit im eigenen Hause – interne Prozesse und Arbeitsorganisation'), SEEN)
      .toEqual(['Konkretere Strukturen']);

    await board.reload();
    expect(await board.groupName()).toBe('Arbeitsgruppe 2');
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });
});
