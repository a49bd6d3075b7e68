import fs from 'node:fs';
import path from 'node:path';

/** The files in `dir` whose raw bytes contain `text` (UTF-8, as Yjs stores strings): what a copy of the disk would reveal. */
export function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return fs
    .readdirSync(dir)
    .filter((name) => fs.readFileSync(path.join(dir, name)).includes(needle))
    .sort();
}
