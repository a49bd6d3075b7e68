import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, initBoard, readCards, vote } from '../src/board-doc.ts';
import { ModelError } from '../src/errors.ts';
import { boardKey, buildProtocol, storedSummaries } from '../src/protocol-draft/build.ts';
import { addItemFromCard, setLayout } from '../src/summary-doc.ts';
import { toCsv } from '../src/protocol-draft/csv.ts';
import { toHtml } from '../src/protocol-draft/html.ts';
import { toMarkdown } from '../src/protocol-draft/markdown.ts';
import { addGroup, deletePrompt, initSession, readPhases, updatePhase } from '../src/session-doc.ts';
import {
  chunks,
  htmlElements,
  htmlText,
  itemsUnder,
  markdownOutline,
  newBoard,
  paragraphsUnder,
  parseCsvRows,
  parseHtmlDocument,
  REFERENCE_META,
  referenceInput,
  referenceSummary,
  referenceWorkshop,
} from './protocol-support.ts';
import {
  CONTACT,
  SECTION_1_NOTE,
  SECTION_2,
  SECTION_3_AG1,
  SECTION_3_AG2,
  SECTION_4_MUENDER,
  SECTION_4_RIETZ,
} from './reference-protocol.ts';

const H2 = {
  welcome: '1. Begrüßung und Einführung: Ein Blick auf 3 Jahre Projektlaufzeit',
  review: '2. Bilanzgespräch: Wie war es? Highlights & Tiefpunkte',
  future: '3. Zukunftsgespräch: Wo geht die Reise hin? Erhalten und ausbauen',
  closing: '4. Abschluss aus den Blickwinkeln der Jugendamtsleitung und der Regionalleitung',
};
const TITLE = REFERENCE_META.title;
const MIXED = 'gemischt: freie und öffentliche Träger';

describe('protocol draft: the reference workshop (golden)', () => {
  const workshop = referenceWorkshop();
  const [, review, future] = workshop.phases;

  it('exports every bullet of sections 2 to 4 under the right heading, in order (per group layout)', () => {
    const outline = markdownOutline(toMarkdown(buildProtocol(referenceInput(workshop))));

    expect(outline.filter((e) => e.kind === 'heading' && e.level <= 2).map((e) => e.text)).toEqual([
      TITLE,
      H2.welcome,
      H2.review,
      H2.future,
      H2.closing,
      'Kontakt',
    ]);
    expect(paragraphsUnder(outline, TITLE)).toEqual([
      '„Wie war es und wo geht die Reise hin?“',
      'Wo: Bezirksamt-Mitte / Digitale Konferenz via Zoom',
      'Wann: 06.09.2021, 14:30 - 17:30 Uhr',
    ]);
    expect(paragraphsUnder(outline, TITLE, H2.welcome)).toContain(SECTION_1_NOTE);

    // Section 2: the guiding question, its prompts as a list, then each group's cards by column.
    expect(paragraphsUnder(outline, TITLE, H2.review)).toContain('Was haben wir in den letzten 3 Jahren gelernt?');
    expect(itemsUnder(outline, TITLE, H2.review)).toEqual(review!.prompts.map((p) => p.text));
    const [half1, half2] = chunks(SECTION_2, 2);
    [half1!, half2!].forEach((bullets, g) => {
      const groupHeading = `Ergebnisse der Arbeitsgruppe ${g + 1} (${MIXED})`;
      chunks(bullets, review!.prompts.length).forEach((part, column) => {
        expect(itemsUnder(outline, TITLE, H2.review, groupHeading, review!.prompts[column]!.text)).toEqual(part);
      });
    });

    // Section 3: per group, by role.
    const ag1 = 'Ergebnisse der Arbeitsgruppe 1 (Mitarbeitende der FHH)';
    const ag2 = 'Ergebnisse der Arbeitsgruppe 2 (Mitarbeitende der freien Träger)';
    for (const [heading, bullets] of [
      [ag1, SECTION_3_AG1],
      [ag2, SECTION_3_AG2],
    ] as const) {
      const columns = future!.prompts.map((p) => itemsUnder(outline, TITLE, H2.future, heading, p.text));
      expect(columns).toEqual(chunks(bullets, future!.prompts.length));
    }

    // Section 4: speaker (role), then the statements as bullets, without column headings.
    expect(itemsUnder(outline, TITLE, H2.closing, 'Melanie Münder (Vertretung Regionalleitung Region 3)')).toEqual(SECTION_4_MUENDER);
    expect(itemsUnder(outline, TITLE, H2.closing, 'Martin Rietz (Fachamtsleiter Jugend- und Familienhilfe)')).toEqual(SECTION_4_RIETZ);

    // Every card appears once: nothing lost, nothing doubled.
    const cards = outline.filter((e) => e.kind === 'item' && e.path.length > 2).map((e) => e.text);
    expect(cards).toEqual([...SECTION_2, ...SECTION_3_AG1, ...SECTION_3_AG2, ...SECTION_4_MUENDER, ...SECTION_4_RIETZ]);
    expect(outline.every((e) => e.marks.every((m) => /^(em|strong)_(open|close)$/.test(m)))).toBe(true);

    expect(paragraphsUnder(outline, TITLE, 'Kontakt').join('\n\n')).toBe(CONTACT);
  });

  it('exports section 2 as its merged summary when the phase has summary items', () => {
    const summaries = { [review!.id]: referenceSummary(workshop) };
    const outline = markdownOutline(toMarkdown(buildProtocol(referenceInput(workshop, { summaries }))));
    const merged = 'Ergebnisse der Arbeitsgruppen zum Bilanzgespräch: Wie war es? Highlights & Tiefpunkte';
    expect(itemsUnder(outline, TITLE, H2.review, merged)).toEqual(SECTION_2);
    expect(outline.filter((e) => e.kind === 'heading' && e.path.includes(H2.review)).map((e) => e.text)).toEqual([merged]);
    // Section 3 has no summary items, so it stays per group.
    expect(itemsUnder(outline, TITLE, H2.future, 'Ergebnisse der Arbeitsgruppe 1 (Mitarbeitende der FHH)', future!.prompts[0]!.text)).toEqual(
      chunks(SECTION_3_AG1, 2)[0],
    );
  });

  it('reads the summary the moderators merged from the session document, and none for a phase laid out per group', () => {
    const stored = referenceWorkshop();
    const phase = stored.phases[1]!;
    for (const group of phase.groups) {
      const key = boardKey(phase.id, group.id);
      const cards = new Map(readCards(stored.boards.get(key)!).map((c) => [c.id, c]));
      for (const cardId of stored.cardIds.get(key) ?? []) {
        const card = cards.get(cardId)!;
        addItemFromCard(stored.session, phase.id, { groupId: group.id, columnId: card.columnId, cardId, text: card.text });
      }
    }
    const merged = 'Ergebnisse der Arbeitsgruppen zum Bilanzgespräch: Wie war es? Highlights & Tiefpunkte';
    const exported = () => markdownOutline(toMarkdown(buildProtocol(referenceInput(stored, { summaries: storedSummaries(stored.session) }))));
    expect(itemsUnder(exported(), TITLE, H2.review, merged)).toEqual(SECTION_2);
    setLayout(stored.session, phase.id, 'perGroup');
    expect(storedSummaries(stored.session)[phase.id]).toBeUndefined();
    expect(itemsUnder(exported(), TITLE, H2.review, merged)).toEqual([]);
  });

  it('names the sources of merged items and lists unmerged cards per group, by option', () => {
    const [, g2] = review!.groups;
    const items = referenceSummary(workshop).slice(0, 2);
    // One item merges a card of each group; the other cards went into nothing.
    items[0]!.sources.push({ groupId: g2!.id, cardId: workshop.cardIds.get(boardKey(review!.id, g2!.id))![0]! });
    items[0]!.sources.push({ ...items[0]!.sources[0]! }); // listed twice: still one item for that card
    const summaries = { [review!.id]: items };
    const merged = 'Ergebnisse der Arbeitsgruppen zum Bilanzgespräch: Wie war es? Highlights & Tiefpunkte';

    const plain = markdownOutline(toMarkdown(buildProtocol(referenceInput(workshop, { summaries }))));
    expect(itemsUnder(plain, TITLE, H2.review, merged)).toEqual(SECTION_2.slice(0, 2));
    expect(plain.some((e) => e.text.startsWith('Nicht zusammengefasste'))).toBe(false);

    const tree = buildProtocol(referenceInput(workshop, { summaries }), { sources: true, unmergedCards: true });
    const outline = markdownOutline(toMarkdown(tree));
    expect(itemsUnder(outline, TITLE, H2.review, merged)).toEqual([
      `${SECTION_2[0]} (aus AG 1, AG 2)`,
      `${SECTION_2[1]} (aus AG 1)`,
    ]);
    const [half1, half2] = chunks(SECTION_2, 2);
    // Unmerged cards keep their column subheadings, so look one level down.
    const under = (n: number) =>
      outline
        .filter((e) => e.kind === 'item' && e.path[2] === `Nicht zusammengefasste Karten der Arbeitsgruppe ${n}`)
        .map((e) => e.text);
    expect(under(1)).toEqual(half1!.slice(2));
    expect(under(2)).toEqual(half2!.slice(1));

    // The CSV says which summary item each card went into.
    const rows = parseCsvRows(toCsv(tree));
    const intoFirst = rows.filter((r) => r[5] === SECTION_2[0]).map((r) => r[3]);
    expect(intoFirst).toEqual([SECTION_2[0], half2![0]]);
  });

  it('writes one CSV row per card with phase, group, column, text, dots and summary item', () => {
    const rows = parseCsvRows(toCsv(buildProtocol(referenceInput(workshop))));
    expect(rows[0]).toEqual(['Phase', 'Gruppe', 'Spalte', 'Text', 'Punkte', 'Zusammenfassung']);
    const body = rows.slice(1);
    expect(body.map((r) => r[3])).toEqual([...SECTION_2, ...SECTION_3_AG1, ...SECTION_3_AG2, ...SECTION_4_MUENDER, ...SECTION_4_RIETZ]);
    expect(body[0]).toEqual([H2.review, 'Arbeitsgruppe 1', review!.prompts[0]!.text, SECTION_2[0], '0', '']);
    expect(body.at(-1)).toEqual([H2.closing, 'Martin Rietz (Fachamtsleiter Jugend- und Familienhilfe)', 'Statement', SECTION_4_RIETZ.at(-1), '0', '']);
  });

  it('writes the same structure as a self-contained HTML page with an A4 print stylesheet', () => {
    const html = toHtml(buildProtocol(referenceInput(workshop)));
    const doc = parseHtmlDocument(html);
    const elements = htmlElements(doc);
    const tags = new Set(elements.map((e) => e.tagName));
    for (const external of ['script', 'link', 'img', 'iframe', 'object', 'embed']) expect(tags.has(external)).toBe(false);
    expect(elements.flatMap((e) => e.attrs.map((a) => a.name)).filter((name) => name === 'src' || name === 'href')).toEqual([]);
    const style = elements.find((e) => e.tagName === 'style')!;
    expect(htmlText(style)).toMatch(/@page\s*{\s*size:\s*A4/);
    expect(elements.filter((e) => e.tagName === 'h2').map(htmlText)).toEqual([H2.welcome, H2.review, H2.future, H2.closing, 'Kontakt']);
    expect(elements.filter((e) => e.tagName === 'li').map(htmlText).slice(-SECTION_4_RIETZ.length)).toEqual(SECTION_4_RIETZ);
    expect(htmlText(elements.find((e) => e.tagName === 'title')!)).toBe(TITLE);
    expect(doc.childNodes.find((n) => n.nodeName === 'html')).toMatchObject({ attrs: [{ name: 'lang', value: 'de' }] });
  });
});

describe('protocol draft: notes', () => {
  const workshop = referenceWorkshop();
  const [welcome, review, future, closing] = workshop.phases;

  it('offers a sentence from the phase structure where nobody wrote a note', () => {
    const outline = markdownOutline(toMarkdown(buildProtocol(referenceInput(workshop))));
    expect(paragraphsUnder(outline, TITLE, H2.review)).toContain(`Die Arbeit erfolgte in zwei Gruppen (jeweils ${MIXED}), zu der Frage:`);
    expect(paragraphsUnder(outline, TITLE, H2.future)).toContain(
      'Die Arbeit erfolgte in zwei Gruppen: Arbeitsgruppe 1 (Mitarbeitende der FHH); Arbeitsgruppe 2 (Mitarbeitende der freien Träger), zu der Frage:',
    );
    expect(paragraphsUnder(outline, TITLE, H2.closing)).toContain(
      'Abschließend sprachen Melanie Münder (Vertretung Regionalleitung Region 3) und Martin Rietz (Fachamtsleiter Jugend- und Familienhilfe).',
    );
    // An information phase has no structure to describe: only its description and its written note.
    expect(paragraphsUnder(outline, TITLE, H2.welcome)).toEqual([welcome!.description, SECTION_1_NOTE]);
  });

  it('puts a written note in place of the generated one, and none when generated notes are off', () => {
    const notes = { [future!.id]: 'Die zweite Arbeitsphase richtete den Fokus auf die Zukunft.\n\nZweiter Absatz.' };
    const written = markdownOutline(toMarkdown(buildProtocol({ ...referenceInput(workshop), notes })));
    expect(paragraphsUnder(written, TITLE, H2.future).slice(1, 3)).toEqual(['Die zweite Arbeitsphase richtete den Fokus auf die Zukunft.', 'Zweiter Absatz.']);
    expect(written.some((e) => e.text.includes('Mitarbeitende der FHH); Arbeitsgruppe 2'))).toBe(false);

    const none = markdownOutline(toMarkdown(buildProtocol({ session: workshop.session, boards: workshop.boards }, { generatedNotes: false })));
    for (const phase of [welcome, review, future, closing]) {
      const heading = `${workshop.phases.indexOf(phase!) + 1}. ${phase!.title}`;
      const paragraphs = paragraphsUnder(none, TITLE, heading);
      expect(paragraphs.filter((p) => p.startsWith('Die Arbeit') || p.startsWith('Abschließend'))).toEqual([]);
    }
  });

  it('writes the fixed labels and the generated notes in English', () => {
    const outline = markdownOutline(toMarkdown(buildProtocol(referenceInput(workshop), { lang: 'en' })));
    expect(paragraphsUnder(outline, TITLE)).toEqual([
      '„Wie war es und wo geht die Reise hin?“',
      'Where: Bezirksamt-Mitte / Digitale Konferenz via Zoom',
      'When: 2021-09-06, 14:30 - 17:30',
    ]);
    expect(outline.filter((e) => e.kind === 'heading' && e.level === 3).map((e) => e.text).slice(0, 2)).toEqual([
      `Results of working group 1 (${MIXED})`,
      `Results of working group 2 (${MIXED})`,
    ]);
    expect(paragraphsUnder(outline, TITLE, H2.review)).toContain(`The work took place in two groups (each ${MIXED}), on the question:`);
    expect(outline.filter((e) => e.kind === 'heading').at(-1)?.text).toBe('Contact');
    const rows = parseCsvRows(toCsv(buildProtocol(referenceInput(workshop), { lang: 'en' })));
    expect(rows[0]).toEqual(['Phase', 'Group', 'Column', 'Text', 'Dots', 'Summary item']);
  });
});

describe('protocol draft: options and edge cases', () => {
  function smallWorkshop() {
    const session = new Y.Doc();
    initSession(session, { title: 'Klausur' }, [
      { title: 'Sammlung', kind: 'groupwork', prompts: ['Ideen', 'Fragen'], groups: [{ name: 'Nord' }, { name: 'Arbeitsgruppe 2' }] },
    ]);
    const [phase] = readPhases(session);
    const boards = new Map<string, Y.Doc>();
    const board = newBoard(boards, phase!.id, phase!.groups[0]!.id);
    const [ideas, questions] = phase!.prompts;
    const a = addCard(board, { columnId: ideas!.id, text: 'Mehr Zeit', author: 'Ada' });
    addCard(board, { columnId: questions!.id, text: 'Wer lädt ein?', author: 'Bo' });
    vote(board, a, 'voter1', 1, 3);
    vote(board, a, 'voter2', 1, 3);
    return { session, boards, phase: phase!, board };
  }

  it('leaves authors out by default and names them, with dot counts, by option', () => {
    const { session, boards } = smallWorkshop();
    const byDefault = buildProtocol({ session, boards });
    for (const out of [toMarkdown(byDefault), toHtml(byDefault), toCsv(byDefault)]) {
      expect(out).not.toContain('Ada');
      expect(out).not.toContain('Bo');
    }
    const outline = markdownOutline(toMarkdown(byDefault));
    expect(itemsUnder(outline, 'Klausur', '1. Sammlung', 'Ergebnisse der Arbeitsgruppe 1 „Nord“', 'Ideen')).toEqual(['Mehr Zeit']);

    const tree = buildProtocol({ session, boards }, { authors: true, dots: true });
    const withBoth = markdownOutline(toMarkdown(tree));
    expect(itemsUnder(withBoth, 'Klausur', '1. Sammlung', 'Ergebnisse der Arbeitsgruppe 1 „Nord“', 'Ideen')).toEqual(['Mehr Zeit (Ada, 2 Punkte)']);
    expect(itemsUnder(withBoth, 'Klausur', '1. Sammlung', 'Ergebnisse der Arbeitsgruppe 1 „Nord“', 'Fragen')).toEqual(['Wer lädt ein? (Bo)']);
    const rows = parseCsvRows(toCsv(tree));
    expect(rows[0]).toEqual(['Phase', 'Gruppe', 'Spalte', 'Text', 'Punkte', 'Autor:in', 'Zusammenfassung']);
    expect(rows[1]).toEqual(['1. Sammlung', 'Nord', 'Ideen', 'Mehr Zeit', '2', 'Ada', '']);
  });

  it('keeps a card whose column was removed (in the first column) and says when a group has no cards', () => {
    const { session, boards, phase } = smallWorkshop();
    deletePrompt(session, phase.id, phase.prompts[1]!.id);
    addGroup(session, phase.id, { name: 'Süd', composition: 'Gäste' });
    const outline = markdownOutline(toMarkdown(buildProtocol({ session, boards })));
    expect(itemsUnder(outline, 'Klausur', '1. Sammlung', 'Ergebnisse der Arbeitsgruppe 1 „Nord“')).toEqual(['Mehr Zeit', 'Wer lädt ein?']);
    // One column left: no column subheading.
    expect(outline.some((e) => e.kind === 'heading' && e.text === 'Ideen')).toBe(false);
    expect(paragraphsUnder(outline, 'Klausur', '1. Sammlung', 'Ergebnisse der Arbeitsgruppe 2')).toEqual(['Keine Karten.']);
    expect(paragraphsUnder(outline, 'Klausur', '1. Sammlung', 'Ergebnisse der Arbeitsgruppe 3 „Süd“ (Gäste)')).toEqual(['Keine Karten.']);
  });

  it('lists a phase without boards (information, plenum) only with the groups whose boards hold cards, written before its kind changed', () => {
    const { session, boards, phase } = smallWorkshop();
    updatePhase(session, phase.id, { kind: 'information' });
    const outline = markdownOutline(toMarkdown(buildProtocol({ session, boards })));
    const headings = outline.filter((e) => e.kind === 'heading').map((e) => e.text);
    expect(headings).toContain('Ergebnisse der Arbeitsgruppe 1 „Nord“');
    expect(headings).not.toContain('Ergebnisse der Arbeitsgruppe 2');
    expect(itemsUnder(outline, 'Klausur', '1. Sammlung', 'Ergebnisse der Arbeitsgruppe 1 „Nord“', 'Ideen')).toEqual(['Mehr Zeit']);
    expect(outline.some((e) => e.text === 'Keine Karten.')).toBe(false);
    // A group phase still says so of a group without cards.
    updatePhase(session, phase.id, { kind: 'groupwork' });
    expect(paragraphsUnder(markdownOutline(toMarkdown(buildProtocol({ session, boards }))), 'Klausur', '1. Sammlung', 'Ergebnisse der Arbeitsgruppe 2')).toEqual([
      'Keine Karten.',
    ]);
  });

  it('refuses an unknown language with a coded error', () => {
    const { session, boards } = smallWorkshop();
    expect(() => buildProtocol({ session, boards }, { lang: 'fr' as never })).toThrow(expect.objectContaining({ code: 'invalid', field: 'lang' }));
    expect(() => buildProtocol({ session, boards }, { lang: 'toString' as never })).toThrow(ModelError);
  });

  it('reads the boards it is given and never writes a document', () => {
    const { session, boards } = smallWorkshop();
    const before = [session, ...boards.values()].map((d) => Y.encodeStateVector(d).join());
    buildProtocol({ session, boards }, { authors: true, dots: true, sources: true, unmergedCards: true });
    expect([session, ...boards.values()].map((d) => Y.encodeStateVector(d).join())).toEqual(before);
    // A board for another phase is not read.
    const stray = new Y.Doc();
    initBoard(stray, { sessionId: 's', phaseId: 'other', groupId: 'g' });
    addCard(stray, { columnId: 'col', text: 'Fremd' });
    expect(toMarkdown(buildProtocol({ session, boards: new Map([...boards, [boardKey('other', 'g'), stray]]) }))).not.toContain('Fremd');
  });
});
