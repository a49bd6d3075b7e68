import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// `npm run backup -- <file>`: a consistent copy of the database while the
// server runs (docs/deploy.md, "Backup and restore"). It uses SQLite's online
// backup API from a connection of its own; the server keeps writing. The copy
// holds every workshop as it was at one moment, committed transactions only.

const target = process.argv[2];
if (!target) {
  console.error('usage: npm run backup -- <file>   (DATA_DIR as for the server, default ./data)');
  process.exit(2);
}
const source = path.join(path.resolve(process.env.DATA_DIR ?? './data'), 'plenum.sqlite');
if (!fs.existsSync(source)) {
  console.error(`plenum backup: no database at ${source} (set DATA_DIR)`);
  process.exit(2);
}
const destination = path.resolve(target);
if (fs.existsSync(destination)) {
  console.error(`plenum backup: ${destination} exists; choose a new file name`);
  process.exit(2);
}

const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
try {
  // The backup restarts whenever another connection (the server) writes
  // between two of its steps; copying everything left in one step after the
  // first makes it finish however busy the server is. The copy is a page
  // image, so it holds no WAL: it opens on its own.
  await db.backup(destination, { progress: () => Number.MAX_SAFE_INTEGER });
} finally {
  db.close();
}
const copy = new Database(destination, { readonly: true });
const [check] = copy.pragma('integrity_check') as { integrity_check: string }[];
const sessions = (copy.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
copy.close();
if (check?.integrity_check !== 'ok') {
  console.error(`plenum backup: the copy failed its integrity check: ${check?.integrity_check}`);
  process.exit(1);
}
console.log(`plenum backup: ${destination} (${sessions} workshops, integrity ok)`);
