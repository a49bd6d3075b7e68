// Takes docs/screenshot-plenum.png: the moderator's plenum view of the Bilanz
// phase with both groups' boards and a merged summary, German, 1440×900, in
// real Chromium against a real server. Run after `npm run build`:
//   node --import tsx client/e2e/docs/screenshot-plenum.ts

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCard } from '../../../shared/src/board-doc.ts';
import { PlenumPage } from '../pages/PlenumPage.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { createSession, startTestServer } from '../support/server.ts';
import { controlSession } from '../support/session-control.ts';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshot-plenum.png');

// Cards in the register of the reference protocol (own sentences), per group and column index.
const GROUP_1: [number, string][] = [
  [0, 'Kurze Wege zwischen Jugendamt und Trägern'],
  [0, 'Gemeinsame Fallberatungen im Tandem'],
  [1, 'Mehr Zeit für die Dokumentation einplanen'],
  [2, 'Familien früher beteiligen'],
];
const GROUP_2: [number, string][] = [
  [0, 'Kurze Wege zum Jugendamt'],
  [0, 'Fallberatung im Tandem hat sich bewährt'],
  [1, 'Neue Räume im Stadtteil'],
  [3, 'Netzwerk im Sozialraum gewachsen'],
];

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const session = await createSession(server.url, {
    template: 'bilanz-zukunft',
    title: 'Sozialraumorientierung in der Kinder- und Jugendhilfe',
  });
  const control = await controlSession(server.url, session);
  control.start(1);
  const columns = control.phase(1).prompts.map((p) => p.id);
  const boards = [await control.board(1, 0), await control.board(1, 1)];
  GROUP_1.forEach(([column, text]) => addCard(boards[0]!, { columnId: columns[column]!, text }));
  GROUP_2.forEach(([column, text]) => addCard(boards[1]!, { columnId: columns[column]!, text }));

  const tab = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  const plenum = new PlenumPage(tab.page);
  await plenum.open(session.links.moderator, 'Bilanzgespräch');
  await plenum.card(GROUP_2[0]![1]).waitFor();
  await plenum.mergeByKeyboard(GROUP_1[0]![1], 'Neuer Punkt');
  await plenum.items().first().waitFor();
  await plenum.mergeByKeyboard(GROUP_2[0]![1], 'Zu Punkt 1');
  await plenum.mergeByKeyboard(GROUP_1[1]![1], 'Neuer Punkt');
  await plenum.items().nth(1).waitFor();
  await plenum.mergeByKeyboard(GROUP_2[1]![1], 'Zu Punkt 2');
  await plenum.item(1).locator('.item-highlight').click();
  await plenum.sources(1);
  await plenum.presentItem(1);
  await plenum.presentationStatus().waitFor();
  await tab.page.getByRole('button', { name: 'Verstanden, gespeichert' }).click();
  await plenum.presentationStatus().evaluate((el) => el.scrollIntoView());
  await tab.page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
  control.close();
} finally {
  await browser.close();
  await server.stop();
}
