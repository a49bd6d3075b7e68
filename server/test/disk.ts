import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The files in `dir` whose raw bytes contain `text` (UTF-8, as Yjs stores strings): what a copy of the disk would reveal. */
export function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return fs
    .readdirSync(dir)
    .filter((name) => fs.readFileSync(path.join(dir, name)).includes(needle))
    .sort();
}

/**
 * Another connection that holds a read transaction on the database, as
 * `npm run backup` does while it copies the whole file: SQLite cannot cut the
 * write-ahead log meanwhile. Returns what ends it.
 */
export function readingLikeABackup(file: string): () => void {
  const reader = new Database(file, { readonly: true });
  reader.exec('BEGIN');
  reader.prepare('SELECT COUNT(*) FROM sessions').get();
  return () => {
    reader.exec('COMMIT');
    reader.close();
  };
}
