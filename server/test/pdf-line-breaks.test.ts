import { describe, expect, it } from 'vitest';
import { breakLines, type Piece, type Span } from '../src/protocol/pdf-line-breaks.ts';

// The PDF's line breaking on its own, with a made-up measure: every character
// is one unit wide in the font "r" and two in "b", so the widths are easy to
// follow. pdf-text.test.ts checks the same rules against pdfkit with real fonts.

type Font = 'r' | 'b';
const measure = (font: Font, text: string) => Array.from(text).length * (font === 'b' ? 2 : 1);

/** The lines as text, one font's pieces in brackets when the font is bold. */
function shown(lines: Piece<Font>[][]): string[] {
  return lines.map((line) => line.map((p) => (p.font === 'b' ? `[${p.text}]` : p.text)).join(''));
}

const regular = (text: string): Span<Font> => ({ font: 'r', text });
const bold = (text: string): Span<Font> => ({ font: 'b', text });

describe('PDF line breaks (pdf-line-breaks.ts)', () => {
  it('puts a word on the line when its width with its trailing space fits what is left', () => {
    // "aaa " is 4 wide: two fit in 8 exactly, the third starts the next line.
    expect(shown(breakLines([regular('aaa aaa aaa')], 8, measure))).toEqual(['aaa aaa ', 'aaa']);
    // In 7 the second does not fit after the first; the last word has no trailing space and fits the 3 left.
    expect(shown(breakLines([regular('aaa aaa aaa')], 7, measure))).toEqual(['aaa ', 'aaa aaa']);
  });

  it('breaks after hyphens and slashes, and where a line break was typed (an empty line for two)', () => {
    expect(shown(breakLines([regular('Kinder-Jugend und/oder')], 10, measure))).toEqual(['Kinder-', 'Jugend ', 'und/oder']);
    expect(shown(breakLines([regular('eins\nzwei\n\ndrei')], 40, measure))).toEqual(['eins', 'zwei', '', 'drei']);
  });

  it('measures a word in each of its fonts and keeps the pieces in order', () => {
    const lines = breakLines([regular('Wo: '), bold('Rathaus'), regular(' Saal')], 16, measure);
    expect(shown(lines)).toEqual(['Wo: ', '[Rathaus] ', 'Saal']);
    expect(lines[1]!.map((p) => p.width)).toEqual([14, 1]);
    // No space between the fonts: one word in two pieces, which moves as a whole.
    expect(shown(breakLines([regular('ab cd'), bold('ef')], 7, measure))).toEqual(['ab ', 'cd[ef]']);
  });

  it('cuts a word longer than a line: the rest of this line, then whole lines, at least one character each', () => {
    expect(shown(breakLines([regular('ab xxxxxxxxxx')], 4, measure))).toEqual(['ab x', 'xxxx', 'xxxx', 'x']);
    // Not even one character fits a line: one per line all the same, so the text ends.
    expect(shown(breakLines([bold('xyz')], 1, measure))).toEqual(['[x]', '[y]', '[z]']);
    // A character outside the Basic Multilingual Plane is not cut in two (mathematical letters: no break between them).
    expect(shown(breakLines([regular('\u{1D400}\u{1D401}\u{1D402}\u{1D403}')], 3, measure))).toEqual(['\u{1D400}\u{1D401}\u{1D402}', '\u{1D403}']);
  });

  it('cuts a long word by measuring pieces about a line long, not the rest of the word (a 10,000-character word stays cheap)', () => {
    const measured: string[] = [];
    const counting = (font: Font, text: string) => {
      measured.push(text);
      return measure(font, text);
    };
    const lines = breakLines([regular('x'.repeat(10_000))], 100, counting);
    expect(lines).toHaveLength(100);
    expect(lines.every((line) => line.length === 1 && line[0]!.text.length === 100)).toBe(true);
    // The whole word once; each character once (plus the one that ends each line), which the PDF writer keeps;
    // and a few pieces per line, none longer than a line and a character (a font shapes what it measures).
    expect(measured.filter((text) => text.length === 10_000)).toHaveLength(1);
    expect(measured.filter((text) => text.length === 1).length).toBeLessThanOrEqual(10_000 + 100);
    const pieces = measured.filter((text) => text.length > 1 && text.length < 10_000);
    expect(pieces.length).toBeLessThanOrEqual(100 * 3);
    expect(Math.max(...pieces.map((text) => text.length))).toBeLessThanOrEqual(101);
  });

  it('shows a soft hyphen that ends a line as a hyphen, and counts the hyphen when the word is placed', () => {
    const soft = 'Jugend\u00ADhilfe\u00ADplanung';
    // The soft hyphen inside the line stays as typed; the one ending it is drawn as a hyphen.
    expect(shown(breakLines([regular(soft)], 14, measure))).toEqual(['Jugend\u00ADhilfe-', 'planung']);
    // "Jugend\u00AD" is 7 wide and needs 8 with its hyphen: the 7 left after "ab " are too few.
    expect(shown(breakLines([regular(`ab ${soft}`)], 10, measure))).toEqual(['ab ', 'Jugend-', 'hilfe-', 'planung']);
    // In the middle of a line it stays as typed.
    expect(shown(breakLines([regular(soft)], 40, measure))).toEqual([soft]);
  });

  it('gives no lines for no text', () => {
    expect(breakLines([], 10, measure)).toEqual([]);
    expect(breakLines([regular('')], 10, measure)).toEqual([]);
  });
});
