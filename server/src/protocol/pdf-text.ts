import { breakLines, type Piece, type Span as FontSpan } from './pdf-line-breaks.ts';

// Flowing text for the PDF writer (pdf.ts): lays out spans of text in the
// document's embedded fonts into lines and writes them as text operators,
// inside whatever marked content pdfkit's structure element has open.
//
// It replaces pdfkit's `text()`, which for every line measured each word, laid
// the whole line out again, encoded it glyph by glyph, and wrote it as a text
// object of its own in a graphics state of its own, each operator as a string
// copied byte by byte: about 70 % of a 2,000-card protocol's time
// (docs/benchmarks.md). Here a word is laid out and encoded once per document,
// a paragraph is one text object per page, and its operators reach the page as
// one buffer.
//
// The lines break as pdfkit's LineWrapper breaks them (pdf-line-breaks.ts),
// and a new page is started, through pdfkit, when the next line would run
// past the bottom margin: pdfkit then closes the open marked content on the
// old page and reopens it on the new one, so the structure tree is unchanged.
// Glyphs are written as pdfkit writes them (glyph ids of the font's subset,
// kerning as TJ adjustments, marks moved by their offsets), so text
// extraction and the ToUnicode map see the same thing.

/** pdfkit's embedded font (its `_font`; not in @types/pdfkit). */
export interface PdfFont {
  id: string;
  /** The fontkit font it embeds (shared by the documents of a thread). */
  font: object;
  ascender: number;
  /** Glyph ids as 4-digit hex of the document's subset, and their positions in 1/1000 em; registers the glyphs' widths and code points. */
  encode(text: string): [string[], GlyphPosition[]];
  /** The width of the text in points at `size`. */
  widthOfString(text: string, size: number): number;
  lineHeight(size: number, includeGap?: boolean): number;
  ref(): unknown;
}

interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

/** The parts of pdfkit's document the writer uses (not in @types/pdfkit). */
export interface PdfDoc {
  y: number;
  page: { height: number; fonts: Record<string, unknown>; write(chunk: Uint8Array): void; maxY(): number };
  continueOnNewPage(): void;
}

/** Text in one of the document's fonts, already drawable by it (pdf.ts replaces what it has no glyph for). */
export type Span = FontSpan<PdfFont>;

type Line = Piece<PdfFont>[];

export interface FlowOptions {
  /** The left edge of every line, in points from the page's left. */
  x: number;
  /** The width lines break at, in points. */
  width: number;
  /** The font size, in points. */
  size: number;
  /** Extra space below each line, in points. */
  lineGap: number;
}

/** A word as a glyph sequence: pieces of hex glyph ids, each ending where pdfkit would end a TJ string. */
interface Encoded {
  /**
   * The glyphs up to the first kerned one, and that glyph's TJ adjustment
   * (null if none is kerned): they close the TJ string the line has open.
   */
  head: { hex: string; adjust: string } | null;
  /** The TJ strings after the head that end in a kerned glyph, written out ("<hex> adjustment "). */
  body: string;
  /** The glyphs after the last kerned one: the TJ string left open for what follows. */
  tail: string;
  /** How far the word moves the pen, in 1/1000 em. */
  advance: number;
  /** Set when a glyph is moved off the baseline or sideways (combining marks): written glyph by glyph. */
  glyphs?: { hex: string; position: GlyphPosition }[];
}

/** Rounds as pdfkit's `number` does, so the operators read the same. */
function num(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Word widths in 1/1000 em, by font file: they depend on the font and the
 * word only, so the documents a thread writes share them (as pdf.ts shares
 * pdfkit's word layouts). Emptied when it grows past this many words.
 */
const MAX_SHARED_WIDTHS = 50_000;
const WIDTHS = new WeakMap<object, Map<string, number>>();

export class TextWriter {
  /** Each font's encoded words in this document (glyph ids are the document's subset's). */
  private readonly encoded = new Map<PdfFont, Map<string, Encoded>>();

  constructor(private readonly doc: PdfDoc) {}

  /** Draws the spans as one paragraph from `doc.y` down, and leaves `doc.y` below its last line. */
  flow(spans: readonly Span[], options: FlowOptions): void {
    if (spans.length === 0) return;
    const lines = breakLines(spans, options.width, (font, text) => this.width(font, text, options.size));
    // The fonts of a paragraph may differ in their metrics: its lines are as high as the highest.
    let lineHeight = 0;
    let ascender = 0;
    for (const span of spans) {
      lineHeight = Math.max(lineHeight, span.font.lineHeight(options.size, true));
      ascender = Math.max(ascender, span.font.ascender);
    }
    this.writeLines(lines, { ...options, lineHeight, ascender });
  }

  /** The text's width in points at `size`, computed as pdfkit's `widthOfString` does. */
  private width(font: PdfFont, text: string, size: number): number {
    let known = WIDTHS.get(font.font);
    if (!known || known.size > MAX_SHARED_WIDTHS) WIDTHS.set(font.font, (known = new Map()));
    let width = known.get(text);
    if (width === undefined) known.set(text, (width = font.widthOfString(text, 1000)));
    return width * (size / 1000);
  }

  /** A word's glyphs, numbered as this document's font subset numbers them: encoded the first time the document draws it. */
  private encode(font: PdfFont, text: string): Encoded {
    let known = this.encoded.get(font);
    if (!known) this.encoded.set(font, (known = new Map()));
    let encoded = known.get(text);
    if (encoded) return encoded;
    const [hexes, positions] = font.encode(text);
    encoded = { head: null, body: '', tail: '', advance: 0 };
    let hex = '';
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i]!;
      hex += hexes[i];
      encoded.advance += position.xAdvance;
      const adjust = position.xAdvance - position.advanceWidth;
      if (adjust === 0) continue;
      // pdfkit writes the adjustment after a kerned glyph as the negated difference.
      if (encoded.head) encoded.body += `<${hex}> ${num(-adjust)} `;
      else encoded.head = { hex, adjust: String(num(-adjust)) };
      hex = '';
    }
    encoded.tail = hex;
    if (positions.some((p) => p.xOffset || p.yOffset)) {
      encoded.glyphs = positions.map((position, i) => ({ hex: hexes[i] as string, position }));
    }
    known.set(text, encoded);
    return encoded;
  }

  /** Writes the lines from `doc.y` down, one text object per page, starting a page where the next line would not fit. */
  private writeLines(lines: Line[], options: FlowOptions & { lineHeight: number; ascender: number }): void {
    const doc = this.doc;
    const { size, x, lineHeight, ascender } = options;
    let ops = '';
    let current: PdfFont | null = null;
    for (const line of lines) {
      if (doc.y + lineHeight > doc.page.maxY()) {
        if (ops) doc.page.write(Buffer.from(`${ops}ET\nQ\n`, 'latin1'));
        ops = '';
        current = null;
        doc.continueOnNewPage();
      }
      // A line of only a line break has no pieces: it only moves down.
      if (line.length > 0) {
        // pdfkit's pages are drawn with y downwards; text is written in the PDF's own coordinates.
        if (!ops) ops = `q\n1 0 0 -1 0 ${num(doc.page.height)} cm\nBT\n`;
        const baseline = doc.page.height - doc.y - (ascender / 1000) * size;
        ops += this.line(line, x, baseline, size, current);
        current = line[line.length - 1]!.font;
        for (const piece of line) if (doc.page.fonts[piece.font.id] == null) doc.page.fonts[piece.font.id] = piece.font.ref();
      }
      doc.y += lineHeight + options.lineGap;
    }
    if (ops) doc.page.write(Buffer.from(`${ops}ET\nQ\n`, 'latin1'));
  }

  /**
   * One line's operators: its position, then each font's glyphs as TJ
   * strings with their kerning. Glyphs are laid out a space-ended word at a
   * time, as pdfkit lays out a line (so a hyphen kerns with what follows it,
   * though the line may break after it).
   */
  private line(line: Line, x: number, y: number, size: number, current: PdfFont | null): string {
    const out: LineOps = { ops: `1 0 0 1 ${num(x)} ${num(y)} Tm\n`, tj: '', open: '', cursor: x, y, size };
    let font = current;
    let text = '';
    for (const piece of line) {
      if (piece.font !== font) {
        if (font && text) this.show(out, font, text);
        endText(out);
        text = '';
        font = piece.font;
        out.ops += `/${font.id} ${num(size)} Tf\n`;
      }
      text += piece.text;
    }
    if (font && text) this.show(out, font, text);
    endText(out);
    return out.ops;
  }

  /** Adds the text's glyphs to the line, a word (up to and with its space or tab) at a time. */
  private show(out: LineOps, font: PdfFont, text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 32 && ch !== 9 && i < text.length - 1) continue;
      const encoded = this.encode(font, text.slice(start, i + 1));
      start = i + 1;
      if (encoded.glyphs) {
        // Marks placed by offsets: each such glyph at its own position, then back on the line (as pdfkit does).
        const scale = out.size / 1000;
        for (const { hex, position } of encoded.glyphs) {
          if (position.xOffset || position.yOffset) {
            endText(out);
            out.ops += `1 0 0 1 ${num(out.cursor + position.xOffset * scale)} ${num(out.y + position.yOffset * scale)} Tm\n[<${hex}> 0] TJ\n`;
            out.ops += `1 0 0 1 ${num(out.cursor + position.xAdvance * scale)} ${num(out.y)} Tm\n`;
          } else {
            out.open += hex;
            const adjust = position.xAdvance - position.advanceWidth;
            if (adjust !== 0) {
              out.tj += `<${out.open}> ${num(-adjust)} `;
              out.open = '';
            }
          }
          out.cursor += position.xAdvance * scale;
        }
        continue;
      }
      if (encoded.head) {
        out.tj += `<${out.open}${encoded.head.hex}> ${encoded.head.adjust} ${encoded.body}`;
        out.open = encoded.tail;
      } else {
        out.open += encoded.tail;
      }
      out.cursor += encoded.advance * (out.size / 1000);
    }
  }
}

/** A line's operators as they are written: those done, the TJ array being built, and where the next glyph goes. */
interface LineOps {
  ops: string;
  /** The TJ array's finished strings, each with its adjustment. */
  tj: string;
  /** The glyphs of the string still open. */
  open: string;
  /** Where the next glyph goes, in points from the page's left. */
  cursor: number;
  /** The baseline, in points from the page's bottom. */
  y: number;
  size: number;
}

/** Ends the TJ array being built: its operator joins the line's (nothing if it is empty). */
function endText(out: LineOps): void {
  const items = out.open ? `${out.tj}<${out.open}> 0` : out.tj.slice(0, -1);
  if (items) out.ops += `[${items}] TJ\n`;
  out.tj = out.open = '';
}
