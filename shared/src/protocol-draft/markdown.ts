import type { Block, ProtocolTree, Run } from './tree.ts';

// CommonMark writer. Every text is what people typed, so it is escaped until no
// character can change the structure: `*`, `_`, `#`, backticks, `[`, `<`, a
// leading `-`, `+`, `=` or "1." stay literal (shared/test/protocol-escaping.test.ts
// parses the output with markdown-it to prove it). Escaping is by backslash,
// which CommonMark allows before any ASCII punctuation.

/** Nothing to choose yet; there for the common `(tree, options) => string` signature. */
export type MarkdownOptions = Record<string, never>;

// Anywhere in a line: emphasis, code, links, raw HTML and autolinks,
// blockquotes, headings and heading closers, GFM tables and strikethrough.
const INLINE_SPECIAL = /[\\`*_[\]<>#|~]/g;
// '&' only where it would start an entity reference ("&amp;", "&#35;").
const ENTITY = /&(?=#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;
// At the start of a line: list markers, thematic breaks, setext underlines.
const LINE_START = /^([-+=])|^(\d{1,9})([.)])/;

function escapeLine(line: string, atBlockStart: boolean): string {
  let out = line.replace(INLINE_SPECIAL, '\\$&').replace(ENTITY, '\\&');
  if (atBlockStart) {
    // Leading blanks would make indented code in a list item; Markdown drops them anyway.
    out = out.replace(/^[ \t]+/, '').replace(LINE_START, (_m, sign, digits, dot) => (sign ? `\\${sign}` : `${digits}\\${dot}`));
  }
  return out;
}

/**
 * Literal text as Markdown; '\n' becomes a hard line break, continued at
 * `indent`. `atBlockStart`: whether the text opens its block (then its first
 * line could start a list or a heading, like every later line can).
 */
export function escapeMarkdown(text: string, indent = '', atBlockStart = true): string {
  return text
    .split(/\r\n?|\n/)
    .map((line, i) => escapeLine(line, i > 0 || atBlockStart))
    .join(`\\\n${indent}`);
}

function runs(items: Run[], indent: string): string {
  return items
    .map((run, i) => {
      if (!run.emphasis) return escapeMarkdown(run.text, indent, i === 0);
      // Delimiters must touch the text: blanks go outside them.
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text) as RegExpExecArray;
      const blank = (s: string | undefined) => (s ? ' ' : '');
      if (!m[2]) return blank(m[1]);
      const mark = run.emphasis === 'strong' ? '**' : '*';
      return `${blank(m[1])}${mark}${escapeMarkdown(m[2], indent)}${mark}${blank(m[3])}`;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeLine(b.text, false)}`;
    case 'paragraph':
      return runs(b.runs, '');
    case 'list':
      return b.items.map((item) => `- ${runs(item, '  ')}`).join('\n');
  }
}

export function toMarkdown(tree: ProtocolTree, _options: MarkdownOptions = {}): string {
  return `${tree.blocks.map(block).join('\n\n')}\n`;
}
