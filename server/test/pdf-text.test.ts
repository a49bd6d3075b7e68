import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { type PdfDoc, type PdfFont, TextWriter } from '../src/protocol/pdf-text.ts';
import { FONTS } from '../src/protocol/pdf.ts';
import { pdfStructure, pdfText, pdfWords } from './protocol-files.ts';

// The PDF writer's own text flow (pdf-text.ts) against pdfkit's `text()`,
// which it replaced: the same paragraphs, written both ways, must put every
// word on the same page at the same place (poppler's word boxes), so lines
// break, pages break and glyphs are spaced as before.

type FontName = keyof typeof FONTS;

interface Part {
  font: FontName;
  text: string;
}

const LEFT = 72;
const WIDTH = 300;

const SENTENCE = 'Die Arbeitsgruppe hat Beteiligung, Kooperation der Träger und Öffentlichkeitsarbeit im Sozialraum besprochen. ';

/** Paragraphs in the shapes the protocol draws, and the edges of line breaking. */
const PARAGRAPHS: { size: number; parts: Part[] }[] = [
  { size: 18, parts: [{ font: 'bold', text: 'Ergebnisse der Arbeitsgruppe 1 (Jugendhilfeplanung, Träger und Verwaltung)' }] },
  { size: 11, parts: [{ font: 'regular', text: SENTENCE.repeat(3).trim() }] },
  // A card, the space before its note, and the note in italics.
  { size: 11, parts: [{ font: 'regular', text: `${SENTENCE}Mehr Zeit für Austausch ` }, { font: 'italic', text: '(Anna, 2 Punkte)' }] },
  { size: 11, parts: [{ font: 'bold', text: 'Wo:' }, { font: 'regular', text: ' Rathaus, Großer Saal, Raum 3' }] },
  // Soft hyphens: drawn as a hyphen where a line ends, measured with it.
  { size: 11, parts: [{ font: 'regular', text: 'Kinder\u00ADund\u00ADJugend\u00ADhilfe\u00ADausschuss '.repeat(6) }] },
  // Hyphens and slashes are break opportunities too (UAX #14).
  { size: 11, parts: [{ font: 'regular', text: 'Kinder-und-Jugendhilfe-Ausschuss und/oder Eltern-Kind-Zentrum '.repeat(4) }] },
  // Longer than a line: cut where it must be, at the start of a line and after other words.
  { size: 11, parts: [{ font: 'regular', text: 'x'.repeat(140) }] },
  { size: 11, parts: [{ font: 'regular', text: `Adresse: ${'https://example.org/'.repeat(8)} danach` }] },
  // Line breaks typed into a card, an empty line among them.
  { size: 11, parts: [{ font: 'regular', text: 'Erste Zeile\nZweite Zeile\n\nVierte Zeile' }] },
  // Combining marks, which the font places by offsets.
  { size: 11, parts: [{ font: 'regular', text: 'Cafe\u0301 und Ma\u0308dchen, Fu\u0308r Sie: zwei Beispiele' }] },
  { size: 11, parts: [{ font: 'regular', text: 'Aufzählung: 1. Tagesordnung 2. Bilanz 3. Ausblick\t(mit Tab)' }] },
];

const LINE_GAP = 2;

function newDoc() {
  const doc = new PDFDocument({ size: 'A4', margin: 56, font: null as unknown as undefined, tagged: true, pdfVersion: '1.7' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const fonts = {} as Record<FontName, PdfFont>;
  for (const name of Object.keys(FONTS) as FontName[]) {
    doc.registerFont(name, FONTS[name]).font(name);
    fonts[name] = (doc as unknown as { _font: PdfFont })._font;
  }
  doc.font('regular');
  return { doc, fonts, done };
}

/** The paragraphs as pdf.ts wrote them with pdfkit: one `text()` per font change, continued. */
async function withPdfkit(paragraphs: typeof PARAGRAPHS): Promise<Buffer> {
  const { doc, done } = newDoc();
  for (const { size, parts } of paragraphs) {
    doc.font(parts[0]!.font).fontSize(size);
    parts.forEach((part, i) => {
      doc.font(part.font).fontSize(size);
      const options = { width: WIDTH, lineGap: LINE_GAP, continued: i < parts.length - 1 };
      if (i === 0) doc.text(part.text, LEFT, doc.y, options);
      else doc.text(part.text, options);
    });
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}

/** The same paragraphs through the writer's own flow, each one a tagged P. */
async function withFlow(paragraphs: typeof PARAGRAPHS): Promise<Buffer> {
  const { doc, fonts, done } = newDoc();
  const writer = new TextWriter(doc as unknown as PdfDoc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  for (const { size, parts } of paragraphs) {
    doc.font(parts[0]!.font).fontSize(size);
    root.add(
      doc.struct('P', {}, () => {
        writer.flow(
          parts.map((part) => ({ font: fonts[part.font], text: part.text })),
          { x: LEFT, width: WIDTH, size, lineGap: LINE_GAP },
        );
      }),
    );
    doc.font(parts[parts.length - 1]!.font).fontSize(size);
    doc.moveDown(0.5);
  }
  root.end();
  doc.end();
  return done;
}

/** Word boxes rounded to a hundredth of a point (the two write numbers rounded differently in the sixth place). */
function layout(pdf: Buffer) {
  const round = (n: number) => Math.round(n * 100) / 100;
  return pdfWords(pdf).map((w) => `${w.page} ${w.text} ${round(w.xMin)} ${round(w.yMin)} ${round(w.xMax)} ${round(w.yMax)}`);
}

describe('PDF text flow (pdf-text.ts)', () => {
  it('puts every word where pdfkit put it: same lines, same pages, same spacing', async () => {
    // Four times over: paragraphs cross page breaks at different lines.
    const paragraphs = [...PARAGRAPHS, ...PARAGRAPHS, ...PARAGRAPHS, ...PARAGRAPHS];
    const expected = layout(await withPdfkit(paragraphs));
    const actual = layout(await withFlow(paragraphs));
    expect(expected.filter((w) => w.startsWith('2 ')).length).toBeGreaterThan(10);
    expect(actual).toEqual(expected);
  });

  it('keeps a paragraph split across pages in one structure element, with its text in order', async () => {
    const paragraphs = [...PARAGRAPHS, ...PARAGRAPHS, ...PARAGRAPHS];
    const pdf = await withFlow(paragraphs);
    const texts = pdfStructure(pdf).filter((e) => e.tag === 'P').map((e) => e.text);
    expect(texts).toHaveLength(paragraphs.length);
    // Compared without spaces and hyphens: poppler reads a soft hyphen as a space, or as the hyphen drawn at a
    // line's end, runs typed line breaks together and drops a tab.
    const typed = paragraphs.map(({ parts }) => parts.map((p) => p.text).join(''));
    const normalise = (text: string) => text.replace(/[\s\u00AD-]/g, '').normalize('NFC');
    expect(texts.map(normalise)).toEqual(typed.map(normalise));
    expect(pdfText(pdf).split('\f').length).toBeGreaterThan(2);
  });

  it('keeps the font of a paragraph split across pages (pdf.ts had pdfkit go on in the regular font)', async () => {
    const pdf = await withFlow([{ size: 11, parts: [{ font: 'bold', text: 'Beteiligung Kooperation '.repeat(150) }] }]);
    const widths = pdfWords(pdf)
      .filter((w) => w.text === 'Beteiligung')
      .map((w) => ({ page: w.page, width: Math.round((w.xMax - w.xMin) * 100) / 100 }));
    expect(new Set(widths.map((w) => w.page)).size).toBeGreaterThan(1);
    expect(new Set(widths.map((w) => w.width)).size).toBe(1);
  });

  it('writes nothing for an empty paragraph and does not move down', async () => {
    const { doc, fonts, done } = newDoc();
    const writer = new TextWriter(doc as unknown as PdfDoc);
    const before = doc.y;
    writer.flow([], { x: LEFT, width: WIDTH, size: 11, lineGap: LINE_GAP });
    writer.flow([{ font: fonts.regular, text: '' }], { x: LEFT, width: WIDTH, size: 11, lineGap: LINE_GAP });
    expect(doc.y).toBe(before);
    doc.end();
    expect(pdfWords(await done)).toEqual([]);
  });
});
