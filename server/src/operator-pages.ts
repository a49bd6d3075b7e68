import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

// The operator's pages (docs/deploy.md, "Operator pages"): privacy notice,
// accessibility statement, imprint. Plenum ships a default for each, which
// says truthfully what Plenum itself does and marks what only the operator
// can say as [[…]]; the operator replaces them with Markdown files in
// OPERATOR_PAGES_DIR. Files are read and checked once, at start, so a typo
// stops the start instead of showing a broken page to the public.

export const OPERATOR_PAGES = ['privacy', 'accessibility', 'imprint'] as const;
export type OperatorPageName = (typeof OPERATOR_PAGES)[number];
export const PAGE_LANGS = ['de', 'en'] as const;
export type PageLang = (typeof PAGE_LANGS)[number];

/** Large enough for any real privacy notice; a bigger file is a mistake (a PDF renamed, a log). */
export const MAX_PAGE_BYTES = 256 * 1024;

/** What the operator must fill in, in the shipped defaults; a configured file may not keep one. */
const PLACEHOLDER = /\[\[([^\]\n]*)\]\]/;
/** Facts of this server put into a text where it says {{name}}. */
const VARIABLE = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const VARIABLES = ['retention'] as const;

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_PAGES_DIR = path.resolve(here, '../operator-pages');

export class OperatorPagesError extends Error {}

/** The texts as read at start: per page and language, the operator's file or Plenum's default. */
export interface OperatorPageSources {
  readonly dir: string | null;
  get(page: OperatorPageName, lang: PageLang): { markdown: string; configured: boolean; lang: PageLang };
  /** Pages with no file of the operator's in any language (logged at start). */
  missing(): OperatorPageName[];
}

const key = (page: OperatorPageName, lang: PageLang) => `${page}.${lang}`;

function readText(file: string, shown: string): string {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_PAGE_BYTES) throw new OperatorPagesError(`${shown} is larger than ${MAX_PAGE_BYTES / 1024} KiB`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof OperatorPagesError) throw error;
    throw new OperatorPagesError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OperatorPagesError(`${shown} is not UTF-8 text`);
  }
  return text.replace(/^\uFEFF/, '');
}

function checkVariables(text: string, shown: string): void {
  for (const match of text.matchAll(VARIABLE)) {
    if (!(VARIABLES as readonly string[]).includes(match[1] as string)) {
      throw new OperatorPagesError(`${shown} uses {{${match[1]}}}; known: ${VARIABLES.map((v) => `{{${v}}}`).join(', ')}`);
    }
  }
}

/** Checks one of the operator's files: text, not empty, no placeholder left, only known variables. */
function checkConfigured(text: string, shown: string): void {
  if (text.trim() === '') throw new OperatorPagesError(`${shown} is empty`);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => PLACEHOLDER.test(l));
  if (line >= 0) {
    const placeholder = PLACEHOLDER.exec(lines[line] as string)?.[0];
    throw new OperatorPagesError(`${shown} line ${line + 1} still has the placeholder ${placeholder}; fill it in or remove it`);
  }
  checkVariables(text, shown);
}

/**
 * Reads the operator's pages from `dir` (undefined: the defaults only).
 * Throws OperatorPagesError, with a message naming the file, for a missing or
 * unreadable directory, an unknown Markdown file name (a typo would otherwise
 * leave the default in place unnoticed), or a file that is unreadable, empty,
 * too large, not UTF-8, still holds a [[placeholder]] or an unknown {{variable}}.
 */
export function loadOperatorPages(dir?: string): OperatorPageSources {
  const defaults = new Map<string, string>();
  for (const page of OPERATOR_PAGES) {
    for (const lang of PAGE_LANGS) {
      defaults.set(key(page, lang), readText(path.join(DEFAULT_PAGES_DIR, `${page}.${lang}.md`), `default ${page}.${lang}.md`));
    }
  }
  const configured = new Map<string, string>();
  if (dir !== undefined) {
    let names: string[];
    try {
      if (!fs.statSync(dir).isDirectory()) throw new OperatorPagesError(`${dir} is not a directory`);
      names = fs.readdirSync(dir);
    } catch (error) {
      if (error instanceof OperatorPagesError) throw error;
      throw new OperatorPagesError(`cannot read the directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const expected = OPERATOR_PAGES.flatMap((page) => PAGE_LANGS.map((lang) => `${key(page, lang)}.md`));
    for (const name of names.sort()) {
      if (!name.endsWith('.md')) continue; // a README.txt or an editor's backup is no page
      if (!expected.includes(name)) {
        throw new OperatorPagesError(`${path.join(dir, name)} is not a page Plenum knows; expected names: ${expected.join(', ')}`);
      }
      const shown = path.join(dir, name);
      const text = readText(shown, shown);
      checkConfigured(text, shown);
      configured.set(name.slice(0, -'.md'.length), text);
    }
  }
  return {
    dir: dir ?? null,
    get(page, lang) {
      const other = PAGE_LANGS.find((l) => l !== lang) as PageLang;
      // The operator's text in the other language beats Plenum's unfilled default in this one.
      for (const l of [lang, other]) {
        const text = configured.get(key(page, l));
        if (text !== undefined) return { markdown: text, configured: true, lang: l };
      }
      return { markdown: defaults.get(key(page, lang)) as string, configured: false, lang };
    },
    missing: () => OPERATOR_PAGES.filter((page) => PAGE_LANGS.every((lang) => !configured.has(key(page, lang)))),
  };
}

/** What the texts' {{variables}} say about this server. */
export interface ServerFacts {
  retentionDays?: number;
}

const RETENTION: Record<PageLang, (days: number | undefined) => string> = {
  de: (days) =>
    days === undefined
      ? 'Dieser Server löscht Workshops nicht nach einer festen Frist: Ein Workshop bleibt gespeichert, bis die Moderation ihn löscht.'
      : `Dieser Server löscht jeden Workshop ${days === 1 ? 'einen Tag' : `${days} Tage`} nach seiner Erstellung vollständig; die Moderation kann ihn jederzeit früher löschen.`,
  en: (days) =>
    days === undefined
      ? 'This server deletes workshops after no fixed period: a workshop is kept until its moderator deletes it.'
      : `This server deletes each workshop completely ${days === 1 ? 'one day' : `${days} days`} after it was created; its moderator can delete it earlier at any time.`,
};

// Markdown without raw HTML (escaped, never passed through) and without
// images (which would load from elsewhere; the CSP refuses them anyway).
// markdown-it's link validation drops javascript:, vbscript:, file: and data: links.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable('image');
// The page's title is the one top-level heading (the client shows it); the file's own start one level below.
markdown.core.ruler.push('plenum_heading_levels', (state) => {
  for (const token of state.tokens) {
    if ((token.type === 'heading_open' || token.type === 'heading_close') && token.tag === 'h1') token.tag = 'h2';
  }
});

export interface RenderedPage {
  page: OperatorPageName;
  /** The language of the text (another than asked for when the operator wrote only that one). */
  lang: PageLang;
  /** False: Plenum's default, which the operator has not filled in. */
  configured: boolean;
  html: string;
}

export function renderOperatorPage(sources: OperatorPageSources, page: OperatorPageName, lang: PageLang, facts: ServerFacts): RenderedPage {
  const source = sources.get(page, lang);
  const filled = source.markdown
    .replace(VARIABLE, (_, name: string) => (name === 'retention' ? RETENTION[source.lang](facts.retentionDays) : ''))
    // The defaults' gaps stand out, and a screen reader does not spell out "[[".
    .replace(new RegExp(PLACEHOLDER.source, 'g'), (_, text: string) => `**[${text}]**`);
  return { page, lang: source.lang, configured: source.configured, html: markdown.render(filled) };
}

export function isOperatorPage(name: string): name is OperatorPageName {
  return (OPERATOR_PAGES as readonly string[]).includes(name);
}

export function isPageLang(name: string): name is PageLang {
  return (PAGE_LANGS as readonly string[]).includes(name);
}
