import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  Paragraph,
  TextRun,
  type IBaseParagraphStyleOptions,
} from 'docx';
import type { Block, ProtocolTree, Run } from '@plenum/shared/protocol-draft/tree';
import { LANGUAGE_TAGS } from './language.ts';

// The protocol draft as a Word document: the file people edit further, so it
// uses Word's own structure rather than its look: headings are the built-in
// "Heading 1".."Heading 4" styles (the navigation pane and a table of contents
// find them), bullets are list paragraphs of one bullet numbering (not "• "
// typed into the text), emphasis is run formatting. Arial 12 with 1.15 line
// spacing is what German public offices ask for. The document language
// (w:lang in the document defaults) follows the labels' language, so Word's
// spell checker and screen readers pick the right one; the title goes into the
// core properties. It renders the neutral tree only (docs/protocol-export.md).
// The docx package escapes every text for XML.

const FONT = 'Arial';
/** Half-points: 12 pt. */
const BODY_SIZE = 24;
/** 240ths of a line: 276 = 1.15. */
const LINE = 276;
const BULLETS = 'protocol-bullets';

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;

function headingStyle(sizePt: number, italics = false): IBaseParagraphStyleOptions {
  return {
    run: { font: FONT, size: sizePt * 2, bold: true, italics, color: '000000' },
    paragraph: { spacing: { before: 240, after: 120, line: LINE, lineRule: LineRuleType.AUTO }, keepNext: true },
  };
}

/** A run's text; each line break (\n, \r\n or \r) becomes a break inside the same paragraph. */
function textRuns(run: Run): TextRun[] {
  return run.text.split(/\r\n?|\n/).map(
    (line, i) =>
      new TextRun({
        text: line,
        break: i > 0 ? 1 : undefined,
        bold: run.emphasis === 'strong' ? true : undefined,
        italics: run.emphasis === 'em' ? true : undefined,
      }),
  );
}

function paragraphs(block: Block): Paragraph[] {
  switch (block.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: [new TextRun(block.text)] })];
    case 'paragraph':
      return [new Paragraph({ children: block.runs.flatMap(textRuns) })];
    case 'list':
      return block.items.map(
        (item) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: item.flatMap(textRuns) }),
      );
  }
}

export async function toDocx(tree: ProtocolTree): Promise<Buffer> {
  const doc = new Document({
    title: tree.title,
    creator: 'Plenum',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_SIZE, language: { value: LANGUAGE_TAGS[tree.lang] } },
          paragraph: { spacing: { after: 120, line: LINE, lineRule: LineRuleType.AUTO } },
        },
        heading1: headingStyle(18),
        heading2: headingStyle(15),
        heading3: headingStyle(13),
        heading4: headingStyle(12, true),
      },
    },
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '\u2022',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 720, hanging: 360 } }, run: { font: FONT } },
            },
          ],
        },
      ],
    },
    sections: [{ children: tree.blocks.flatMap(paragraphs) }],
  });
  return Packer.toBuffer(doc);
}
