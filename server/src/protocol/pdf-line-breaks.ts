import LineBreaker from 'linebreak';

// Where the PDF's lines break (pdf-text.ts draws them), by the rules of
// pdfkit's LineWrapper, which drew them before, so a protocol's pages look as
// they did:
// - a line may break at the break opportunities of the Unicode line breaking
//   algorithm (UAX #14, through the `linebreak` package pdfkit itself uses):
//   after spaces, after hyphens and slashes, and must break at a line break;
// - a word (the text up to a break opportunity, with its trailing spaces)
//   goes on the line if its width fits what is left of it, else it starts
//   the next line;
// - a word longer than a whole line is cut: as much as fits on the line it
//   starts on (at least one character on an empty line), the rest on the
//   lines after;
// - a word ending in a soft hyphen fits only with the hyphen it is drawn with
//   if it ends the line, and is drawn with it there.
// Knows nothing of PDF: widths come from the caller's `measure`.

/** Text in one font. */
export interface Span<F> {
  font: F;
  text: string;
}

/** A piece of a line: text in one font (never empty), with its width. */
export interface Piece<F> extends Span<F> {
  width: number;
}

/** The width of text in a font (in whatever unit the line width is in). */
export type Measure<F> = (font: F, text: string) => number;

const SOFT_HYPHEN = '\u00AD';
const HYPHEN = '-';

/**
 * The lines the spans fill at `lineWidth`, each as its pieces in order. A
 * word may change font within (a card's text and its italic note, when no
 * space is between): it is measured as one piece per font. Line breaks are
 * not drawn: a line of only a line break is an empty line (no pieces), and
 * no piece is empty.
 */
export function breakLines<F>(spans: readonly Span<F>[], lineWidth: number, measure: Measure<F>): Piece<F>[][] {
  const lines: Piece<F>[][] = [];
  if (spans.length === 0) return lines;
  let text = spans[0]!.text;
  for (let i = 1; i < spans.length; i++) text += spans[i]!.text;
  let line: Piece<F>[] = [];
  let spaceLeft = lineWidth;
  const endLine = () => {
    lines.push(line);
    line = [];
    spaceLeft = lineWidth;
  };
  const word: Piece<F>[] = [];
  const breaker = new LineBreaker(text);
  let last = 0;
  let span = 0;
  let spanEnd = spans[0]!.text.length;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    word.length = 0;
    let width = 0;
    for (let start = last; start < bk.position; ) {
      while (spanEnd <= start) spanEnd += spans[++span]!.text.length;
      const stop = Math.min(bk.position, spanEnd);
      let piece = text.slice(start, stop);
      if (piece.includes('\n')) piece = piece.replace(/\n/g, '');
      if (piece.length > 0) {
        const font = spans[span]!.font;
        const w = measure(font, piece);
        word.push({ font, text: piece, width: w });
        width += w;
      }
      start = stop;
    }
    last = bk.position;
    const end = word[word.length - 1];
    const needed = end?.text.endsWith(SOFT_HYPHEN) ? width + measure(end.font, HYPHEN) : width;
    if (needed <= spaceLeft || (line.length === 0 && width <= lineWidth)) {
      for (const piece of word) line.push(piece);
      spaceLeft -= width;
    } else if (width <= lineWidth) {
      endLine();
      for (const piece of word) line.push(piece);
      spaceLeft -= width;
    } else {
      for (const piece of word) {
        let rest = Array.from(piece.text);
        while (rest.length > 0) {
          const fits = fitting(rest, spaceLeft, line.length === 0, (part) => measure(piece.font, part));
          if (fits > 0) {
            const part = rest.slice(0, fits).join('');
            const w = measure(piece.font, part);
            line.push({ font: piece.font, text: part, width: w });
            spaceLeft -= w;
            rest = rest.slice(fits);
          }
          if (fits === 0 || rest.length > 0) endLine();
        }
      }
    }
    if (bk.required) endLine();
  }
  if (line.length > 0) lines.push(line);
  for (let i = 0; i < lines.length - 1; i++) {
    const end = lines[i]![lines[i]!.length - 1];
    if (end?.text.endsWith(SOFT_HYPHEN)) end.text = end.text.slice(0, -1) + HYPHEN;
  }
  return lines;
}

/**
 * How many of the characters fit in `space` (at least one if `mustTake`).
 * Estimated by adding up the characters' own widths, then corrected by
 * measuring the piece itself (shaping, such as kerning, changes it a
 * little): so only pieces about a line long are measured, never the rest of
 * a long word, which a font would shape whole (seconds for 10,000
 * characters, and each measured piece is kept).
 */
function fitting(chars: string[], space: number, mustTake: boolean, measure: (text: string) => number): number {
  let count = 0;
  let estimate = 0;
  while (count < chars.length) {
    const width = measure(chars[count]!);
    if (estimate + width > space) break;
    estimate += width;
    count++;
  }
  const fits = (n: number) => measure(chars.slice(0, n).join('')) <= space;
  while (count > 0 && !fits(count)) count--;
  while (count < chars.length && fits(count + 1)) count++;
  return count === 0 && mustTake ? 1 : count;
}
