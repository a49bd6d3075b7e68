import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { create as parseFont, type Font as FontkitFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Block, Heading, ProtocolTree, Run } from '@plenum/shared/protocol-draft/tree';
import { LANGUAGE_TAGS } from './language.ts';
import { type PdfDoc, type PdfFont, type Span, TextWriter } from './pdf-text.ts';

// The protocol draft as an accessible PDF (PDF/UA-1, as German public bodies
// must publish under BITV 2.0): a tagged structure tree in reading order
// (Document > H1..H4, P, L > LI > Lbl + LBody), the document language and the
// title (shown in the window title, not the file name), bookmarks for the
// headings, and only embedded fonts. pdfkit writes the document, its tagging
// and its fonts; the lines of text are laid out and drawn by pdf-text.ts, as
// glyph ids of pdfkit's fonts with a ToUnicode map, so nothing people typed
// can reach the PDF syntax. There are no page decorations (headers, footers,
// page numbers), so nothing needs to be marked as an artifact. Renders the
// neutral tree only.

// DejaVu Sans (Bitstream Vera licence, server/assets/fonts/LICENSE-DejaVu.txt)
// ships with the server: PDF/UA requires embedded fonts, and the PDF must look
// the same on every host, so no system font and no download at run time.
const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/fonts');
export const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
};
/** The names fonts are registered and selected by. */
const FONT = { regular: 'regular', bold: 'bold', italic: 'italic' } as const;

/**
 * The font files, parsed once per thread and shared by every PDF it writes.
 * fontkit decodes a font's tables (cmap, GSUB, GPOS, glyph data) when first
 * asked, and doing that anew for each document cost about 150 ms even for a
 * one-page protocol. pdfkit takes a parsed font in place of a file and only
 * reads it: each document keeps its own subset, widths and layout cache.
 */
let parsedFonts: Record<keyof typeof FONTS, FontkitFont> | null = null;

function fonts(): Record<keyof typeof FONTS, FontkitFont> {
  return (parsedFonts ??= {
    regular: parseFont(fs.readFileSync(FONTS.regular)),
    bold: parseFont(fs.readFileSync(FONTS.bold)),
    italic: parseFont(fs.readFileSync(FONTS.italic)),
  });
}

const BODY_SIZE = 11;
const HEADING_SIZE: Record<Heading['level'], number> = { 1: 18, 2: 14, 3: 12, 4: 11 };
/** Extra space between lines: with DejaVu's line height, about 1.3 times the font size. */
const LINE_GAP = 2;
const MARGIN = 56; // 2 cm
const BULLET_INDENT = 16;
/** Headings down to this level become bookmarks (columns, level 4, would crowd the list). */
const OUTLINE_DEPTH = 3;

type Doc = PDFKit.PDFDocument;
type Outline = PDFKit.PDFOutline;

/** pdfkit's current font (not in @types/pdfkit): its fontkit font and its layouts of words. */
interface CurrentFont {
  _font: { font: FontkitFont; layoutCache?: WordLayouts };
}

/** pdfkit's layout of each word it has measured in a font, by the word's text (with its trailing space). */
type WordLayouts = Record<string, unknown>;

/**
 * pdfkit shapes each word once per document and keeps the result (its
 * `fontLayoutCache`); shaping is a fifth of a long protocol's time. The
 * layouts depend on the font and the word only, and pdfkit never changes one
 * it has kept, so the documents of this thread share them. Emptied when it
 * grows past this many words (about 1 KB each).
 */
const MAX_SHARED_WORDS = 20_000;
const WORD_LAYOUTS = new Map<string, WordLayouts>();

function sharedWordLayouts(name: string): WordLayouts {
  let layouts = WORD_LAYOUTS.get(name);
  if (!layouts || Object.keys(layouts).length > MAX_SHARED_WORDS) WORD_LAYOUTS.set(name, (layouts = Object.create(null) as WordLayouts));
  return layouts;
}

/** Zero-width joiner and the text/emoji variation selectors. */
const JOINERS = new Set(['\u200D', '\uFE0E', '\uFE0F']);

/**
 * Which code points each font has a glyph for. fontkit answers through its
 * cmap on every call, and every character of a 2,000-card protocol is asked
 * about four times (the text and its ActualText check in three fonts): this
 * was a fifth of the PDF's time. The answer never changes for a font file,
 * so it is kept: in a table for the Basic Multilingual Plane (64 KiB per
 * font, a lookup as cheap as an array's), in a map beyond it.
 */
class Coverage {
  /** 0 not yet asked, 1 yes, 2 no. */
  private readonly bmp = new Uint8Array(0x10000);
  private readonly astral = new Map<number, boolean>();

  constructor(private readonly has: (codePoint: number) => boolean) {}

  covers(codePoint: number): boolean {
    if (codePoint > 0xffff) {
      let has = this.astral.get(codePoint);
      if (has === undefined) this.astral.set(codePoint, (has = this.has(codePoint)));
      return has;
    }
    let known = this.bmp[codePoint];
    if (known === 0) this.bmp[codePoint] = known = this.has(codePoint) ? 1 : 2;
    return known === 1;
  }
}

const COVERAGE = new WeakMap<FontkitFont, Coverage>();

function coverageOf(font: FontkitFont): Coverage {
  let coverage = COVERAGE.get(font);
  if (!coverage) COVERAGE.set(font, (coverage = new Coverage((cp) => font.hasGlyphForCodePoint(cp))));
  return coverage;
}

/** Whether the font draws every character of the text (a line break is no glyph). */
function covers(font: FontkitFont, text: string): boolean {
  const coverage = coverageOf(font);
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (cp !== 10 && !coverage.covers(cp)) return false;
  }
  return true;
}

/**
 * The text as the font can draw it: a character it has no glyph for
 * (emoji, some scripts) becomes one U+FFFD per run of them, instead of an
 * invisible .notdef glyph that text extraction would drop or misplace.
 * Callers give the structure element the original text as ActualText, so
 * screen readers still get what people typed.
 */
function drawable(font: FontkitFont, text: string): string {
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // Nearly every text is drawn as it is; only the rest is rebuilt character by character.
  if (covers(font, lines)) return lines;
  let out = '';
  for (const ch of lines) {
    const cp = ch.codePointAt(0) as number;
    // A joiner or variation selector belongs to the emoji sequence it continues.
    if (JOINERS.has(ch) && out.endsWith('\uFFFD')) continue;
    if (ch === '\n' || coverageOf(font).covers(cp)) out += ch;
    else if (/\s/u.test(ch)) out += ' ';
    else if (!out.endsWith('\uFFFD')) out += '\uFFFD';
  }
  return out;
}

/** Code points every one of the three fonts has a glyph for (actualText asks for each element's text). */
let IN_EVERY_FONT: Coverage | null = null;

function inEveryFont(text: string): boolean {
  const every = (IN_EVERY_FONT ??= new Coverage((cp) => Object.values(fonts()).every((font) => coverageOf(font).covers(cp))));
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (cp !== 10 && !every.covers(cp)) return false;
  }
  return true;
}

/** ActualText for a structure element whose text could not be drawn as it is. */
function actualText(runs: Run[]): { actual?: string } {
  const text = runs.map((run) => run.text.replace(/\r\n?/g, '\n')).join('');
  // Nearly every text is drawn as it is in every font: one pass over it.
  if (inEveryFont(text)) return {};
  return Object.values(fonts()).every((font) => drawable(font, text) === text) ? {} : { actual: text };
}

function fontOf(run: Run): keyof typeof FONTS {
  return run.emphasis === 'strong' ? FONT.bold : run.emphasis === 'em' ? FONT.italic : FONT.regular;
}

/** The text in one of the document's fonts, as that font can draw it. */
function span(ctx: Context, font: keyof typeof FONTS, text: string): Span {
  return { font: ctx.fonts[font], text: drawable(fonts()[font], text) };
}

/** One paragraph of runs, emphasis switching fonts within the flowing text. */
function writeRuns(ctx: Context, runs: Run[], x: number, width: number): void {
  const spans = runs.filter((run) => run.text.length > 0).map((run) => span(ctx, fontOf(run), run.text));
  // What follows moves down by lines of body text (pdfkit measures them in its current font and size).
  ctx.doc.font(FONT.regular).fontSize(BODY_SIZE);
  ctx.text.flow(spans, { x, width, size: BODY_SIZE, lineGap: LINE_GAP });
}

/** Starts a new page when less than `lines` lines are left, so a heading or bullet is not cut from what follows. */
function keepLines(doc: Doc, lines: number): void {
  const needed = lines * (doc.currentLineHeight(true) + LINE_GAP);
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

interface Context {
  doc: Doc;
  /** The document's embedded fonts, by name. */
  fonts: Record<keyof typeof FONTS, PdfFont>;
  text: TextWriter;
  root: PDFKit.PDFStructureElement;
  left: number;
  width: number;
  /** The open bookmark of each level, for nesting. */
  outline: (Outline | undefined)[];
}

function writeHeading(ctx: Context, block: Heading): void {
  const { doc } = ctx;
  doc.font(FONT.bold).fontSize(HEADING_SIZE[block.level]);
  doc.moveDown(block.level === 1 ? 0 : 0.6);
  keepLines(doc, 3);
  const top = doc.y;
  ctx.root.add(
    doc.struct(`H${block.level}`, actualText([{ text: block.text }]), () => {
      ctx.text.flow([span(ctx, FONT.bold, block.text)], { x: ctx.left, width: ctx.width, size: HEADING_SIZE[block.level], lineGap: LINE_GAP });
    }),
  );
  doc.moveDown(0.3);
  if (block.level > OUTLINE_DEPTH) return;
  const parent = ctx.outline.slice(0, block.level).reverse().find(Boolean) ?? doc.outline;
  // pdfkit's `top` is measured from the top of the page (not in @types/pdfkit).
  const item = parent.addItem(block.text, { top } as { expanded?: boolean });
  ctx.outline.length = block.level;
  ctx.outline[block.level] = item;
}

function writeList(ctx: Context, items: Run[][]): void {
  const { doc } = ctx;
  const list = doc.struct('L');
  ctx.root.add(list);
  for (const runs of items) {
    doc.font(FONT.regular).fontSize(BODY_SIZE);
    keepLines(doc, 1);
    const item = doc.struct('LI');
    list.add(item);
    const top = doc.y;
    item.add(
      doc.struct('Lbl', {}, () => {
        ctx.text.flow([span(ctx, FONT.regular, '\u2022')], { x: ctx.left, width: BULLET_INDENT, size: BODY_SIZE, lineGap: LINE_GAP });
      }),
    );
    doc.y = top;
    item.add(doc.struct('LBody', actualText(runs), () => writeRuns(ctx, runs, ctx.left + BULLET_INDENT, ctx.width - BULLET_INDENT)));
    item.end();
    doc.moveDown(0.2);
  }
  list.end();
  doc.moveDown(0.4);
}

function writeBlock(ctx: Context, block: Block): void {
  switch (block.type) {
    case 'heading':
      return writeHeading(ctx, block);
    case 'paragraph':
      if (!block.runs.some((run) => run.text.length > 0)) return;
      ctx.root.add(ctx.doc.struct('P', actualText(block.runs), () => writeRuns(ctx, block.runs, ctx.left, ctx.width)));
      ctx.doc.moveDown(0.5);
      return;
    case 'list':
      return writeList(ctx, block.items);
  }
}

/** How pdfkit writes its file (not in @types/pdfkit). */
interface PdfOutput {
  _write(data: string | Uint8Array): void;
  /** The file's length so far: the cross-reference table is built from it. */
  _offset: number;
}

/**
 * Collects the file's pieces in `chunks`. pdfkit writes each object in
 * about five pieces, turns each string into bytes in a JavaScript loop and
 * pushes each piece through its readable stream: about a tenth of a
 * 2,000-card protocol's time (docs/benchmarks.md). Node's latin1 encoding
 * keeps the low byte of each character, as pdfkit's loop does. What the
 * stream holds already (the header, written as the document was made) is
 * taken first; the stream still ends the file: it flows, so that its 'end'
 * comes.
 */
function collectOutput(doc: PdfOutput & Readable, chunks: Uint8Array[]): void {
  const written = doc.read() as Buffer | null;
  if (written) chunks.push(written);
  doc.resume();
  doc._write = (data) => {
    const bytes = typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : data;
    chunks.push(bytes);
    doc._offset += bytes.length;
  };
}

export function toPdf(tree: ProtocolTree): Promise<Buffer> {
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    // 'PDF/UA' is in pdfkit 0.20 but not yet in @types/pdfkit's list of subsets.
    subset: 'PDF/UA' as unknown as PDFKit.PDFDocumentOptions['subset'],
    tagged: true,
    lang: LANGUAGE_TAGS[tree.lang],
    displayTitle: true,
    info: { Title: tree.title, Creator: 'Plenum' },
    size: 'A4',
    margin: MARGIN,
    // No default font: pdfkit would open one before ours are registered.
    font: null as unknown as undefined,
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  collectOutput(doc as unknown as PdfOutput & Readable, chunks);
  // pdfkit takes a parsed fontkit font where it takes a file (not in @types/pdfkit).
  const parsed = fonts() as unknown as Record<keyof typeof FONTS, Uint8Array>;
  // Registered and selected by one name each: pdfkit caches a font under the
  // key it was first selected by, and a second name for the same font would
  // make it set the font up again on every switch (25 ms per bullet).
  // Each is set up (and numbered F1..F3) in the order the first heading used them before.
  const embedded = {} as Record<keyof typeof FONTS, PdfFont>;
  for (const name of [FONT.regular, FONT.bold, FONT.italic]) {
    doc.registerFont(name, parsed[name]).font(name);
    const font = (doc as unknown as CurrentFont)._font;
    font.layoutCache = sharedWordLayouts(name);
    embedded[name] = font as unknown as PdfFont;
  }
  doc.font(FONT.regular);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const text = new TextWriter(doc as unknown as PdfDoc);
  const ctx: Context = { doc, fonts: embedded, text, root, left: MARGIN, width: doc.page.width - 2 * MARGIN, outline: [] };
  for (const block of tree.blocks) writeBlock(ctx, block);
  root.end();
  doc.end();
  return done;
}
