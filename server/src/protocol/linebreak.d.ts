// The part of linebreak (UAX #14 line breaking, pdfkit's own; no types of its own) that pdf-text.ts uses.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity: text before `position` ends a word; `required` after a line break. */
    nextBreak(): { position: number; required: boolean } | null;
  }
}
