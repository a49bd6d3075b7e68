import { parse as parseCsv } from 'csv-parse/sync';
import MarkdownIt, { type Token } from 'markdown-it';
import { parse as parseHtml, type DefaultTreeAdapterTypes } from 'parse5';
import * as Y from 'yjs';
import { addCard, initBoard } from '../src/board-doc.ts';
import { boardKey, buildProtocol, type ProtocolInput, type SummaryItem } from '../src/protocol-draft/build.ts';
import type { ProtocolTree } from '../src/protocol-draft/tree.ts';
import { initSession, readPhases, updateGroup, type Phase } from '../src/session-doc.ts';
import { initSessionFromTemplate } from '../src/templates.ts';
import {
  CONTACT,
  SECTION_1_NOTE,
  SECTION_2,
  SECTION_3_AG1,
  SECTION_3_AG2,
  SECTION_4_MUENDER,
  SECTION_4_RIETZ,
} from './reference-protocol.ts';

// Builds the reference workshop (shared/reference/) through the model, and
// reads the writers' output back with real parsers (markdown-it in CommonMark
// mode with raw HTML on, parse5, csv-parse), so tests compare what a reader
// of the file would see, not strings the writer happened to produce.

export const REFERENCE_META = {
  title: 'Sozialraumorientierung in der Kinder- und Jugendhilfe',
  subtitle: '„Wie war es und wo geht die Reise hin?“',
  place: 'Bezirksamt-Mitte / Digitale Konferenz via Zoom',
  date: '2021-09-06',
  startTime: '14:30',
  endTime: '17:30',
  contact: CONTACT,
};

/** Splits `items` into `parts` consecutive runs, so reading order survives a split over columns. */
export function chunks<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size));
}

export interface Workshop {
  session: Y.Doc;
  boards: Map<string, Y.Doc>;
  phases: Phase[];
  /** Card ids per board key, in the order they were added. */
  cardIds: Map<string, string[]>;
}

export function newBoard(boards: Map<string, Y.Doc>, phaseId: string, groupId: string): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { sessionId: 'reference', phaseId, groupId });
  boards.set(boardKey(phaseId, groupId), doc);
  return doc;
}

/**
 * The reference workshop from the "bilanz-zukunft" template: section 2's bullets
 * as cards split over both mixed groups, section 3's per group, section 4's per
 * speaker; each group's cards spread in order over the phase's columns.
 */
export function referenceWorkshop(): Workshop {
  const session = new Y.Doc();
  initSessionFromTemplate(session, 'bilanz-zukunft', REFERENCE_META);
  const [, , , closing] = readPhases(session);
  const [speaker1, speaker2] = closing!.groups;
  updateGroup(session, closing!.id, speaker1!.id, { name: 'Melanie Münder', composition: 'Vertretung Regionalleitung Region 3' });
  updateGroup(session, closing!.id, speaker2!.id, { name: 'Martin Rietz', composition: 'Fachamtsleiter Jugend- und Familienhilfe' });
  const phases = readPhases(session);
  const [, review, future, statements] = phases as [Phase, Phase, Phase, Phase];
  const boards = new Map<string, Y.Doc>();
  const cardIds = new Map<string, string[]>();
  const fill = (phase: Phase, groupIndex: number, bullets: readonly string[]) => {
    const group = phase.groups[groupIndex]!;
    const doc = newBoard(boards, phase.id, group.id);
    const ids: string[] = [];
    chunks(bullets, phase.prompts.length).forEach((part, column) => {
      for (const text of part) ids.push(addCard(doc, { columnId: phase.prompts[column]!.id, text }));
    });
    cardIds.set(boardKey(phase.id, group.id), ids);
  };
  const [review1, review2] = chunks(SECTION_2, 2);
  fill(review, 0, review1!);
  fill(review, 1, review2!);
  fill(future, 0, SECTION_3_AG1);
  fill(future, 1, SECTION_3_AG2);
  fill(statements, 0, SECTION_4_MUENDER);
  fill(statements, 1, SECTION_4_RIETZ);
  return { session, boards, phases, cardIds };
}

export function referenceInput(workshop: Workshop, extra: Partial<ProtocolInput> = {}): ProtocolInput {
  const first = workshop.phases[0]!;
  return { session: workshop.session, boards: workshop.boards, notes: { [first.id]: SECTION_1_NOTE }, ...extra };
}

/** Section 2 as its merged summary, as in the reference: one item per card, in board order. */
export function referenceSummary(workshop: Workshop): SummaryItem[] {
  const review = workshop.phases[1]!;
  let n = 0;
  return review.groups.flatMap((group) =>
    (workshop.cardIds.get(boardKey(review.id, group.id)) ?? []).map((cardId) => ({
      id: `item-${n}`,
      text: SECTION_2[n++]!,
      sources: [{ groupId: group.id, cardId }],
    })),
  );
}

// ---- hostile text -----------------------------------------------------------

/** Texts that would change a format's structure if a writer let them (protocol-escaping.test.ts). */
export const HOSTILE: readonly string[] = [
  '*bold*',
  '**strong**',
  '_x_',
  'snake_case_name',
  '# h',
  'Ende ##',
  '`code`',
  '```\nfence\n```',
  '~~~',
  '[a](b)',
  '![img](x.png)',
  '[ref]: /url',
  '<script>alert(1)</script>',
  '<b>x</b>',
  '<http://example.com>',
  '&amp; &#35; &copy;',
  '\\*escaped\\*',
  'back\\slash at end\\',
  '> quote',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '2) item',
  '-1',
  '+1',
  '=SUM(A1)',
  '@x',
  '=1+2\n=3',
  '---',
  '***',
  '===',
  'Zeile eins\nZeile zwei',
  'cr\r- item',
  'crlf\r\n# h',
  'a\n- b\n# c\n1. d\n> e\n<div>f</div>',
  '| a | b |\n| - | - |',
  '~~strike~~',
  'say "hi" and \'bye\'',
  'a, b; c',
  '"quoted", then; more',
  'tab\tinside',
  'Highlights & Tiefpunkte – „Zitat“ 🎉',
];

/**
 * A workshop with `text` in every place a text can reach: title, phase title,
 * description, question, a prompt, group name and composition, a card, the
 * contact block.
 */
export function hostileWorkshop(text: string): ProtocolTree {  const session = new Y.Doc();
  initSession(session, { title: text, contact: text }, [
    {
      title: text,
      kind: 'groupwork',
      description: text,
      question: text,
      prompts: [text, 'zweite Spalte'],
      groups: [{ name: text, composition: text }],
    },
  ]);
  const [phase] = readPhases(session);
  const boards = new Map<string, Y.Doc>();
  const board = newBoard(boards, phase!.id, phase!.groups[0]!.id);
  addCard(board, { columnId: phase!.prompts[0]!.id, text });
  return buildProtocol({ session, boards });
}


// ---- reading Markdown back --------------------------------------------------

const markdown = new MarkdownIt('commonmark');

/** Inline text as a reader sees it; anything but text and line breaks is listed in `marks`. */
function inlineText(token: Token): { text: string; marks: string[] } {
  let text = '';
  const marks: string[] = [];
  for (const child of token.children ?? []) {
    if (child.type === 'text') text += child.content;
    else if (child.type === 'hardbreak') text += '\n';
    else {
      marks.push(child.type);
      text += child.content;
    }
  }
  return { text, marks };
}

export interface MdEntry {
  kind: 'heading' | 'paragraph' | 'item';
  level: number;
  text: string;
  marks: string[];
  /** Texts of the headings above this entry, outermost first. */
  path: string[];
}

/** The parsed document as a flat list of headings, paragraphs and list items. */
export function markdownOutline(md: string): MdEntry[] {
  const tokens = markdown.parse(md, {});
  const entries: MdEntry[] = [];
  const path: { level: number; text: string }[] = [];
  let inItem = 0;
  tokens.forEach((token, i) => {
    if (token.type === 'list_item_open') inItem++;
    if (token.type === 'list_item_close') inItem--;
    if (token.type !== 'inline') return;
    const opener = tokens[i - 1]!;
    const { text, marks } = inlineText(token);
    if (opener.type === 'heading_open') {
      const level = Number(opener.tag.slice(1));
      while (path.length && path[path.length - 1]!.level >= level) path.pop();
      entries.push({ kind: 'heading', level, text, marks, path: path.map((p) => p.text) });
      path.push({ level, text });
    } else {
      entries.push({ kind: inItem ? 'item' : 'paragraph', level: 0, text, marks, path: path.map((p) => p.text) });
    }
  });
  return entries;
}

/** The block structure alone (token types and tags, no text), to compare two exports. */
export function markdownStructure(md: string): string[] {
  return markdown
    .parse(md, {})
    .filter((t) => t.type !== 'inline')
    .map((t) => `${t.type}:${t.tag}`);
}

/** List items whose nearest headings are exactly `path`. */
export function itemsUnder(outline: MdEntry[], ...path: string[]): string[] {
  return outline.filter((e) => e.kind === 'item' && e.path.join(' > ') === path.join(' > ')).map((e) => e.text);
}

export function paragraphsUnder(outline: MdEntry[], ...path: string[]): string[] {
  return outline.filter((e) => e.kind === 'paragraph' && e.path.join(' > ') === path.join(' > ')).map((e) => e.text);
}

// ---- reading HTML back ------------------------------------------------------

type HtmlNode = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;

export function parseHtmlDocument(html: string): DefaultTreeAdapterTypes.Document {
  return parseHtml(html);
}

export function htmlElements(node: HtmlNode): DefaultTreeAdapterTypes.Element[] {
  const out: DefaultTreeAdapterTypes.Element[] = [];
  const walk = (n: HtmlNode) => {
    if ('tagName' in n) out.push(n);
    if ('childNodes' in n) n.childNodes.forEach(walk);
    if (n.nodeName === 'template') walk((n as DefaultTreeAdapterTypes.Template).content as unknown as HtmlNode);
  };
  walk(node);
  return out;
}

/** Text as a reader sees it: text nodes, <br> as a line break. */
export function htmlText(node: HtmlNode): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if (node.nodeName === 'br') return '\n';
  return 'childNodes' in node ? node.childNodes.map(htmlText).join('') : '';
}

// ---- reading CSV back -------------------------------------------------------

/** Rows as a spreadsheet program reads them (the byte order mark removed). */
export function parseCsvRows(csv: string, delimiter = ';'): string[][] {
  return parseCsv(csv, { bom: true, delimiter, relax_column_count: false }) as string[][];
}

/** A cell's text with the neutralising apostrophe taken off again. */
export function csvText(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
