import { describe, expect, it } from 'vitest';
import { buildProtocol } from '@plenum/shared/protocol-draft/build';
import { toMarkdown } from '@plenum/shared/protocol-draft/markdown';
import { em, normaliseBreaks, type Heading, type ProtocolTree } from '@plenum/shared/protocol-draft/tree';
import {
  HOSTILE,
  hostileWorkshop,
  itemsUnder,
  markdownOutline,
  REFERENCE_META,
  referenceInput,
  referenceSummary,
  referenceWorkshop,
  type MdEntry,
} from '../../shared/test/protocol-support.ts';
import { SECTION_2, SECTION_3_AG1, SECTION_3_AG2, SECTION_4_MUENDER, SECTION_4_RIETZ } from '../../shared/test/reference-protocol.ts';
import { toDocx } from '../src/protocol/docx.ts';
import { toPdf } from '../src/protocol/pdf.ts';
import {
  child,
  docxOutline,
  docxParagraphs,
  docxParts,
  elements,
  pdfBookmarks,
  pdfInfo,
  pdfMisplaced,
  pdfOutline,
  pdfStructure,
  pdfText,
  withoutBreaks,
  type Bookmark,
} from './protocol-files.ts';

// The DOCX and PDF writers (server/src/protocol/) render the same tree as the
// Markdown writer, so their files must read back as the same outline: every
// heading, paragraph and bullet in the same order under the same headings. The
// Markdown outline is the golden one (shared/test/protocol-draft.test.ts
// checks it against the reference protocol); here each binary format is read
// back without its writer's library and compared with it, and with the
// reference's bullets directly.

const TITLE = REFERENCE_META.title;
const H2 = {
  review: '2. Bilanzgespräch: Wie war es? Highlights & Tiefpunkte',
  future: '3. Zukunftsgespräch: Wo geht die Reise hin? Erhalten und ausbauen',
  closing: '4. Abschluss aus den Blickwinkeln der Jugendamtsleitung und der Regionalleitung',
};
const MERGED = 'Ergebnisse der Arbeitsgruppen zum Bilanzgespräch: Wie war es? Highlights & Tiefpunkte';
const AG1 = 'Ergebnisse der Arbeitsgruppe 1 (Mitarbeitende der FHH)';
const AG2 = 'Ergebnisse der Arbeitsgruppe 2 (Mitarbeitende der freien Träger)';
const MUENDER = 'Melanie Münder (Vertretung Regionalleitung Region 3)';
const RIETZ = 'Martin Rietz (Fachamtsleiter Jugend- und Familienhilfe)';

/** The reference workshop with section 2 as its merged summary, as in the reference protocol. */
function referenceTree(lang: 'de' | 'en' = 'de'): ProtocolTree {
  const workshop = referenceWorkshop();
  const review = workshop.phases[1]!;
  return buildProtocol(referenceInput(workshop, { summaries: { [review.id]: referenceSummary(workshop) } }), { lang });
}

function withoutMarks(outline: MdEntry[]): Omit<MdEntry, 'marks'>[] {
  return outline.map(({ marks: _marks, ...entry }) => entry);
}

/** What the reference's sections 2 to 4 must show, whatever the format. */
function expectReferenceBullets(outline: Omit<MdEntry, 'marks'>[], future: { text: string }[]): void {
  expect(itemsUnder(outline as MdEntry[], TITLE, H2.review, MERGED)).toEqual(SECTION_2);
  expect(future.flatMap((column) => itemsUnder(outline as MdEntry[], TITLE, H2.future, AG1, column.text))).toEqual(SECTION_3_AG1);
  expect(future.flatMap((column) => itemsUnder(outline as MdEntry[], TITLE, H2.future, AG2, column.text))).toEqual(SECTION_3_AG2);
  expect(itemsUnder(outline as MdEntry[], TITLE, H2.closing, MUENDER)).toEqual(SECTION_4_MUENDER);
  expect(itemsUnder(outline as MdEntry[], TITLE, H2.closing, RIETZ)).toEqual(SECTION_4_RIETZ);
}

describe('DOCX: the reference workshop (golden)', () => {
  const tree = referenceTree();
  const futurePrompts = referenceWorkshop().phases[2]!.prompts;

  it('has every heading, paragraph and bullet of the Markdown draft, in order, with the reference bullets under their headings', async () => {
    const docx = await toDocx(tree);
    const outline = docxOutline(docx);
    expect(outline).toEqual(withoutMarks(markdownOutline(toMarkdown(tree))));
    expectReferenceBullets(outline, futurePrompts);
  });

  it('uses Word heading styles, one bullet numbering for lists and runs for emphasis', async () => {
    const docx = await toDocx(tree);
    const paragraphs = docxParagraphs(docx);
    const parts = docxParts(docx);
    const headings = tree.blocks.filter((b) => b.type === 'heading');
    expect(paragraphs.filter((p) => p.style.startsWith('Heading')).map((p) => p.style)).toEqual(headings.map((h) => `Heading${h.level}`));
    // Each heading style is defined in styles.xml under Word's own name (what the navigation pane looks for).
    const styles = parts.xml('word/styles.xml');
    for (const level of [1, 2, 3, 4]) {
      const style = elements(styles, 'w:style').find((s) => s.attrs['w:styleId'] === `Heading${level}`);
      expect(child(style, 'w:name')?.attrs['w:val']).toBe(`Heading ${level}`);
    }
    // Bullets: list paragraphs of a numbering whose level 0 is a bullet, never a typed "•".
    const items = paragraphs.filter((p) => p.numId !== null);
    const bulletCount = tree.blocks.reduce((n, b) => n + (b.type === 'list' ? b.items.length : 0), 0);
    expect(items).toHaveLength(bulletCount);
    expect(paragraphs.filter((p) => /^\s*[•\-*]\s/.test(p.text))).toEqual([]);
    const numbering = parts.xml('word/numbering.xml');
    const num = elements(numbering, 'w:num').find((n) => n.attrs['w:numId'] === items[0]!.numId);
    const abstractId = child(num, 'w:abstractNumId')?.attrs['w:val'];
    const abstract = elements(numbering, 'w:abstractNum').find((a) => a.attrs['w:abstractNumId'] === abstractId);
    const level0 = elements(abstract!, 'w:lvl').find((l) => l.attrs['w:ilvl'] === '0');
    expect(child(level0, 'w:numFmt')?.attrs['w:val']).toBe('bullet');
    expect(new Set(items.map((p) => p.numId))).toEqual(new Set([items[0]!.numId]));
    // Emphasis: "Wo:" strong, the prompts emphasised, the place plain.
    expect(paragraphs.find((p) => p.text.startsWith('Wo:'))?.emphasis).toEqual(['b', '']);
    const prompt = paragraphs.find((p) => p.text === referenceWorkshop().phases[1]!.prompts[0]!.text);
    expect(prompt?.emphasis).toEqual(['i']);
  });

  it('sets Arial 12, line spacing 1.15, the document language and the title', async () => {
    for (const [lang, tag] of [
      ['de', 'de-DE'],
      ['en', 'en-GB'],
    ] as const) {
      const parts = docxParts(await toDocx(referenceTree(lang)));
      const defaults = elements(parts.xml('word/styles.xml'), 'w:docDefaults')[0];
      const rPr = child(child(defaults, 'w:rPrDefault'), 'w:rPr');
      expect(child(rPr, 'w:rFonts')?.attrs).toMatchObject({ 'w:ascii': 'Arial', 'w:hAnsi': 'Arial', 'w:cs': 'Arial' });
      expect(child(rPr, 'w:sz')?.attrs['w:val']).toBe('24'); // half-points
      expect(child(rPr, 'w:lang')?.attrs['w:val']).toBe(tag);
      const spacing = child(child(child(defaults, 'w:pPrDefault'), 'w:pPr'), 'w:spacing');
      expect(spacing?.attrs['w:lineRule']).toBe('auto');
      expect(Number(spacing?.attrs['w:line'])).toBeGreaterThanOrEqual(276); // 240ths of a line
      const title = elements(parts.xml('docProps/core.xml'), 'dc:title')[0];
      expect(title?.children.join('')).toBe(TITLE);
    }
  });
});

describe('PDF: the reference workshop (golden)', () => {
  const tree = referenceTree();
  const futurePrompts = referenceWorkshop().phases[2]!.prompts;
  const pdf = toPdf(tree);

  it('is tagged PDF/UA 1.7 with title, language and embedded fonts only', async () => {
    const file = await pdf;
    const info = pdfInfo(file);
    expect(info).toMatchObject({ Tagged: 'yes', Title: TITLE, 'PDF version': '1.7' });
    expect(info['Page size']).toContain('(A4)');
    // pdfinfo prints no language: the catalog's /Lang and the viewer preference are plain in the file.
    const raw = file.toString('latin1');
    expect(raw).toMatch(/\/Lang \(de-DE\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect((await toPdf(referenceTree('en'))).toString('latin1')).toMatch(/\/Lang \(en-GB\)/);
  });

  it('has every object where its cross-reference table says', async () => {
    const file = await pdf;
    expect(pdfMisplaced(file)).toEqual([]);
    // The table lists every object of the file.
    expect(Number(/\/Size (\d+)/.exec(file.toString('latin1'))?.[1])).toBe(file.toString('latin1').match(/^\d+ 0 obj$/gm)!.length + 1);
  });

  it('has every heading, paragraph and bullet of the Markdown draft in its structure tree, in order', async () => {
    const file = await pdf;
    const outline = pdfOutline(file);
    expect(outline).toEqual(withoutBreaks(withoutMarks(markdownOutline(toMarkdown(tree)))));
    expectReferenceBullets(outline, futurePrompts);
    // Lists are L > LI > (Lbl, LBody), the bullet its label.
    const structure = pdfStructure(file);
    const items = structure.filter((e) => e.tag === 'LI');
    expect(items.length).toBeGreaterThan(0);
    for (const e of structure.filter((x) => x.tag === 'Lbl')) expect(e.text).toBe('•');
    expect(structure.filter((e) => e.tag === 'LBody')).toHaveLength(items.length);
  });

  it('shows the reference bullets in order on the page (pdftotext)', async () => {
    const text = pdfText(await pdf).replace(/\s+/g, ' ');
    let from = 0;
    for (const bullet of [...SECTION_2, ...SECTION_3_AG1, ...SECTION_3_AG2, ...SECTION_4_MUENDER, ...SECTION_4_RIETZ]) {
      const at = text.indexOf(`• ${bullet}`, from);
      expect(at, bullet).toBeGreaterThanOrEqual(from);
      from = at + bullet.length;
    }
  });

  it('has a bookmark for each heading down to level 3, nested as the headings are', async () => {
    const headings = tree.blocks.filter((b): b is Heading => b.type === 'heading' && b.level <= 3);
    const flat = (marks: Bookmark[], depth = 1): string[] => marks.flatMap((m) => [`${depth} ${m.title}`, ...flat(m.children, depth + 1)]);
    expect(flat(pdfBookmarks(await pdf))).toEqual(headings.map((h) => `${h.level} ${h.text}`));
  });
});

// ---- hostile text -------------------------------------------------------------

/** Texts that target DOCX and PDF syntax, other scripts and layout, besides those aimed at Markdown, HTML and CSV. */
const HOSTILE_BINARY = [
  '<w:t>x</w:t>',
  '</w:t></w:r></w:p><w:p><w:r><w:t>injected',
  ']]> <![CDATA[x]]>',
  '&lt; &#x41; &nbsp;',
  '(unbalanced ( paren \\) \\',
  'endobj trailer << /Type /Catalog >> %%EOF',
  'مرحبا بالعالم',
  'שלום עולם and mixed',
  '\u202eevil\u202c',
  'Lang\u00ADes\u200BWort',
  'Ünïcödé ß ẞ € ‰ ‹›',
  'Emoji 🎉👩‍👩‍👧 ✅',
  'Wort'.repeat(29),
];

const BENIGN = hostileWorkshop('Mehr Zeit');

describe('DOCX: hostile text stays literal', () => {
  it.each([...HOSTILE, ...HOSTILE_BINARY])('%j', async (typed) => {
    const tree = hostileWorkshop(typed);
    const docx = await toDocx(tree);
    const outline = docxOutline(docx);
    // Same paragraphs, styles and lists as a benign workshop; the text exactly what was typed.
    expect(outline.map((e) => [e.kind, e.level])).toEqual(docxOutline(await toDocx(BENIGN)).map((e) => [e.kind, e.level]));
    expect(outline).toEqual(withoutMarks(markdownOutline(toMarkdown(tree))));
    expect(outline.some((e) => e.text.includes(normaliseBreaks(typed)))).toBe(true);
  });
});

/**
 * A text as the PDF's structure reports it: a run of characters DejaVu Sans
 * has no glyph for is one U+FFFD (ActualText keeps the original); poppler
 * reports an invisible break opportunity (soft hyphen, zero-width space) as a
 * space.
 */
function drawnInPdf(text: string): string {
  return text.replace(/[\u00AD\u200B]/g, ' ').replace(/(?:\p{Extended_Pictographic}|\u200D|\uFE0F)+/gu, (run) => (/\p{Extended_Pictographic}/u.test(run) ? '\uFFFD' : run));
}

describe('PDF: hostile text stays literal', () => {
  // One PDF per text takes a few hundred milliseconds: the texts that target
  // other formats' syntax share one document, those aimed at PDF and at
  // layout get one each.
  it('keeps the structure of a benign workshop for every text', async () => {
    const benign = pdfOutline(await toPdf(BENIGN)).map((e) => [e.kind, e.level]);
    for (const typed of HOSTILE_BINARY) {
      const tree = hostileWorkshop(typed);
      const file = await toPdf(tree);
      const outline = pdfOutline(file);
      expect(outline.map((e) => [e.kind, e.level]), typed).toEqual(benign);
      if (!/[\u0590-\u08FF\u202E]/u.test(typed)) {
        // Right-to-left text is laid out as typed, but poppler reorders it when it extracts it.
        const expected = withoutBreaks(withoutMarks(markdownOutline(toMarkdown(tree)))).map((e) => ({
          ...e,
          text: drawnInPdf(e.text),
          path: e.path.map(drawnInPdf),
        }));
        expect(outline, typed).toEqual(expected);
      } else {
        for (const word of typed.replace(/[\u202E\u202C]/g, '').split(/\s+/)) expect(pdfText(file), typed).toContain(word);
      }
      expect(pdfInfo(file).Tagged, typed).toBe('yes');
    }
  });

  it('keeps every text aimed at Markdown, HTML and CSV as it was typed', async () => {
    // All of them in one document: each text is a card of its own on one board.
    const tree = hostileWorkshop('Mehr Zeit');
    const list = tree.blocks.findLast((b) => b.type === 'list');
    if (list?.type !== 'list') throw new Error('no card list');
    list.items = HOSTILE.map((text) => [{ text: normaliseBreaks(text) }]);
    const structure = pdfStructure(await toPdf(tree));
    const cards = structure.filter((e) => e.tag === 'LBody').slice(-HOSTILE.length);
    expect(cards.map((e) => e.text)).toEqual(HOSTILE.map((t) => drawnInPdf(normaliseBreaks(t).replace(/\n/g, '').replace(/\t/g, ' '))));
  });

  it("draws a card's author and dots after it on its line, and gives the typed text where a glyph is missing", async () => {
    // The card and the space before its note share a font and are drawn as one piece; the note is in italics.
    const tree = hostileWorkshop('Mehr Zeit');
    const list = tree.blocks.findLast((b) => b.type === 'list');
    if (list?.type !== 'list') throw new Error('no card list');
    list.items = [
      [{ text: 'Gute Vernetzung' }, { text: ' ' }, em('(Anna, 2 Punkte)')],
      [{ text: 'Fest 🎉' }, { text: ' ' }, em('(Ben)')],
    ];
    const file = await toPdf(tree);
    expect(pdfStructure(file).filter((e) => e.tag === 'LBody').slice(-2).map((e) => e.text)).toEqual(['Gute Vernetzung (Anna, 2 Punkte)', 'Fest \uFFFD (Ben)']);
    const text = pdfText(file);
    expect(text).toContain('• Gute Vernetzung (Anna, 2 Punkte)');
    expect(text).toContain('• Fest \uFFFD (Ben)');
    const raw = file.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Oblique/);
    // Only the card with the emoji needs the typed text as ActualText.
    expect(raw.match(/\/ActualText/g)).toHaveLength(1);
  });

  it('breaks a word longer than a line instead of running off the page', async () => {
    const long = 'x'.repeat(1000);
    const tree = hostileWorkshop('Mehr Zeit');
    const list = tree.blocks.findLast((b) => b.type === 'list');
    if (list?.type !== 'list') throw new Error('no card list');
    list.items = [[{ text: long }]];
    const file = await toPdf(tree);
    expect(pdfStructure(file).filter((e) => e.tag === 'LBody').at(-1)?.text).toBe(long);
    const lines = pdfText(file).split('\n').filter((line) => /^x+$/.test(line.replace(/^•\s*/, '')));
    expect(lines.length).toBeGreaterThan(5);
  });
});
