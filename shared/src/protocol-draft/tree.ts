// The neutral document tree of a protocol draft. `build.ts` is the only place
// that decides what goes into a protocol and in which order; the writers
// (markdown.ts, html.ts, csv.ts, and later DOCX/PDF on the server) only render
// this tree, so no format re-derives the structure on its own
// (docs/protocol-export.md).

export type Lang = 'de' | 'en';

/**
 * A piece of inline text. `text` is literal: writers escape it for their
 * format, never interpret it. A line break inside `text` ('\n') is a hard line
 * break (card texts and the contact block may have several lines).
 */
export interface Run {
  text: string;
  emphasis?: 'em' | 'strong';
}

export interface Heading {
  type: 'heading';
  /** 1 title, 2 agenda item, 3 group or speaker, 4 column. */
  level: 1 | 2 | 3 | 4;
  /** One line: build.ts folds line breaks into spaces. */
  text: string;
}

export interface Paragraph {
  type: 'paragraph';
  runs: Run[];
}

/** A bullet list; each item is one paragraph of runs. */
export interface BulletList {
  type: 'list';
  items: Run[][];
}

export type Block = Heading | Paragraph | BulletList;

/**
 * One row per card for spreadsheet formats. The column names are already in
 * the draft's language; every cell is literal text.
 */
export interface CardTable {
  columns: string[];
  rows: string[][];
}

export interface ProtocolTree {
  lang: Lang;
  /** The document title (HTML <title>, file names). */
  title: string;
  blocks: Block[];
  cards: CardTable;
}

export function heading(level: Heading['level'], text: string): Heading {
  return { type: 'heading', level, text: oneLine(text) };
}

export function paragraph(...runs: (Run | string)[]): Paragraph {
  return { type: 'paragraph', runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)) };
}

export function bulletList(items: Run[][]): BulletList {
  return { type: 'list', items };
}

export function em(text: string): Run {
  return { text, emphasis: 'em' };
}

export function strong(text: string): Run {
  return { text, emphasis: 'strong' };
}

/** Line breaks as '\n' only, so writers handle one kind. */
export function normaliseBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
