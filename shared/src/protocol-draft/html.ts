import type { Block, ProtocolTree, Run } from './tree.ts';

// A self-contained HTML page: inline CSS, no scripts, no external resources,
// so it can be mailed, archived or printed as it is. An A4 print stylesheet
// keeps headings with what follows them. All text is escaped.

/** Nothing to choose yet; there for the common `(tree, options) => string` signature. */
export type HtmlOptions = Record<string, never>;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .4em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
h4 { font-size: 1em; font-style: italic; font-weight: 600; margin: 1em 0 .2em; }
p { margin: .4em 0; }
ul { margin: .3em 0 .6em; padding-left: 1.4em; }
li { margin: .15em 0; }
@page { size: A4; margin: 20mm 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  li, p { break-inside: avoid; page-break-inside: avoid; }
}
`;

function runs(items: Run[]): string {
  return items
    .map((run) => {
      const text = run.text.split(/\r\n?|\n/).map(escapeHtml).join('<br>');
      if (run.emphasis === 'strong') return `<strong>${text}</strong>`;
      if (run.emphasis === 'em') return `<em>${text}</em>`;
      return text;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${runs(b.runs)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((item) => `<li>${runs(item)}</li>`).join('\n')}\n</ul>`;
  }
}

export function toHtml(tree: ProtocolTree, _options: HtmlOptions = {}): string {
  return [
    '<!doctype html>',
    `<html lang="${tree.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(tree.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...tree.blocks.map(block),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
