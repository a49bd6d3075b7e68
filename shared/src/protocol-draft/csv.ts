import type { ProtocolTree } from './tree.ts';

// The cards as a table: one row per card (phase, group, column, text, dots,
// summary item). Written for German spreadsheet programs: UTF-8 with a byte
// order mark (without it Excel reads the file as Windows-1252) and ';' as the
// separator. Every cell is quoted (RFC 4180), and a cell that a spreadsheet
// would run as a formula (starting with =, +, -, @, tab or carriage return)
// gets a leading apostrophe, the mark spreadsheets themselves use for
// "this is text".

export interface CsvOptions {
  /** Default ';' (German spreadsheet programs); ',' for others. */
  delimiter?: ';' | ',';
  /** Default true. */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(tree: ProtocolTree, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  const lines = [tree.cards.columns, ...tree.cards.rows].map((row) => row.map(csvCell).join(delimiter));
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}
