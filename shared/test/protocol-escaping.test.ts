import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/protocol-draft/csv.ts';
import { toHtml } from '../src/protocol-draft/html.ts';
import { toMarkdown } from '../src/protocol-draft/markdown.ts';
import { normaliseBreaks, oneLine } from '../src/protocol-draft/tree.ts';
import {
  csvText,
  HOSTILE,
  hostileWorkshop as workshop,
  htmlElements,
  htmlText,
  markdownOutline,
  markdownStructure,
  parseCsvRows,
  parseHtmlDocument,
} from './protocol-support.ts';

// Whatever people type must come out as the same literal text in every format,
// and never change the document's structure. Each hostile text (HOSTILE in
// protocol-support.ts) goes into every place a text can reach; the output is
// read back with a real parser and compared, position by position, with a
// benign workshop. server/test/protocol-formats.test.ts does the same for
// DOCX and PDF.

const BENIGN = workshop('Mehr Zeit');

describe('protocol draft: hostile text stays literal', () => {
  it.each(HOSTILE)('Markdown: %j', (typed) => {
    const md = toMarkdown(workshop(typed));
    const text = normaliseBreaks(typed);
    expect(markdownStructure(md)).toEqual(markdownStructure(toMarkdown(BENIGN)));
    const line = oneLine(typed);
    const outline = markdownOutline(md);
    expect(outline.map((e) => [e.kind, e.text])).toEqual([
      ['heading', line],
      ['heading', `1. ${line}`],
      ['paragraph', text],
      ['paragraph', `Die Arbeit erfolgte in einer Gruppe: ${text} (${text}), zu der Frage:`],
      ['paragraph', text],
      ['item', text],
      ['item', 'zweite Spalte'],
      ['heading', `Ergebnisse der Arbeitsgruppe 1 „${line}“ (${line})`],
      ['heading', line],
      ['item', text],
      ['heading', 'Kontakt'],
      ['paragraph', text],
    ]);
    // Only the writer's own emphasis, where the benign export has it: no code, links, images or raw HTML.
    expect(outline.map((e) => e.marks)).toEqual(markdownOutline(toMarkdown(BENIGN)).map((e) => e.marks));
  });

  it.each(HOSTILE)('HTML: %j', (typed) => {
    const doc = parseHtmlDocument(toHtml(workshop(typed)));
    const text = normaliseBreaks(typed);
    const benign = htmlElements(parseHtmlDocument(toHtml(BENIGN))).map((e) => e.tagName);
    // Line breaks are <br>, the only element a text may add: in the description, the note (name and
    // composition), the question, the prompt, the card and the contact block.
    const elements = htmlElements(doc);
    expect(elements.map((e) => e.tagName).filter((tag) => tag !== 'br')).toEqual(benign);
    expect(elements.filter((e) => e.tagName === 'br')).toHaveLength((text.match(/\n/g)?.length ?? 0) * 7);
    const line = oneLine(text);
    const body = elements.filter((e) => ['h1', 'h2', 'h3', 'h4', 'p', 'li'].includes(e.tagName));
    expect(body.map((e) => [e.tagName, htmlText(e)])).toEqual([
      ['h1', line],
      ['h2', `1. ${line}`],
      ['p', text],
      ['p', `Die Arbeit erfolgte in einer Gruppe: ${text} (${text}), zu der Frage:`],
      ['p', text],
      ['li', text],
      ['li', 'zweite Spalte'],
      ['h3', `Ergebnisse der Arbeitsgruppe 1 „${line}“ (${line})`],
      ['h4', line],
      ['li', text],
      ['h2', 'Kontakt'],
      ['p', text],
    ]);
    expect(htmlText(elements.find((e) => e.tagName === 'title')!)).toBe(line);
  });

  it.each(HOSTILE)('CSV: %j', (typed) => {
    const csv = toCsv(workshop(typed));
    const text = normaliseBreaks(typed);
    expect(csv.startsWith('\uFEFF"')).toBe(true);
    const rows = parseCsvRows(csv);
    expect(rows).toHaveLength(2);
    const [header, row] = rows as [string[], string[]];
    expect(header).toEqual(['Phase', 'Gruppe', 'Spalte', 'Text', 'Punkte', 'Zusammenfassung']);
    expect(row.map(csvText)).toEqual([`1. ${oneLine(text)}`, text, text, text, '0', '']);
    // A spreadsheet never sees a formula: such cells start with the apostrophe.
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    if (/^[=+\-@]/.test(text)) expect(row[3]).toBe(`'${text}`);
    else expect(row[3]).toBe(text);
  });
});

describe('protocol draft: blank lines inside a card', () => {
  // Descriptions and the contact block take blank lines as paragraph breaks;
  // a card (and a prompt) stays one bullet whatever lines it has.
  it('stay inside the bullet in Markdown and HTML', () => {
    const tree = workshop('a\n\n\n- b\n   \n=c');
    const startsWithA = (texts: string[]) => texts.filter((t) => t.startsWith('a'));
    const items = markdownOutline(toMarkdown(tree)).filter((e) => e.kind === 'item');
    // Markdown drops the blanks of a blank line; the line itself stays.
    expect(startsWithA(items.map((e) => e.text))).toEqual(['a\n\n\n- b\n\n=c', 'a\n\n\n- b\n\n=c']);
    const li = htmlElements(parseHtmlDocument(toHtml(tree))).filter((e) => e.tagName === 'li');
    expect(startsWithA(li.map(htmlText))).toEqual(['a\n\n\n- b\n   \n=c', 'a\n\n\n- b\n   \n=c']);
  });
});

describe('protocol draft: CSV for other spreadsheet settings', () => {
  it('writes commas and no byte order mark on request', () => {
    const csv = toCsv(workshop('a, b; "c"\n=d'), { delimiter: ',', bom: false });
    expect(csv.charCodeAt(0)).toBe('"'.charCodeAt(0));
    const rows = parseCsvRows(csv, ',');
    expect(rows[1]?.[3]).toBe('a, b; "c"\n=d');
    // Rows end in CRLF; the line break inside the cell stays a bare "\n".
    expect(csv.split('\r\n')).toHaveLength(3);
  });
});
