import * as Y from 'yjs';
import { ModelError } from './errors.ts';

// Every Plenum document carries `meta.schemaVersion`. Readers of an older
// document migrate it forward in one transaction (origin MIGRATION_ORIGIN), so
// the change is persisted and broadcast like any other; a document newer than
// this code is refused rather than guessed at.

export type DocKind = 'session' | 'board';
export const SCHEMA_VERSION: Record<DocKind, number> = { session: 1, board: 1 };
export const MIGRATION_ORIGIN = 'plenum:migration';

/** A step from version `from` to `from + 1`. */
export interface Migration {
  from: number;
  run(doc: Y.Doc): void;
}

// Version 0 is a document written before versions existed (or by a script that
// forgot the field): it only needs the field.
export const MIGRATIONS: Record<DocKind, Migration[]> = {
  session: [{ from: 0, run: () => {} }],
  board: [{ from: 0, run: () => {} }],
};

export function schemaVersionOf(doc: Y.Doc): number {
  const version = doc.getMap('meta').get('schemaVersion');
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
}

/**
 * Brings `doc` up to `target`. Returns the number of steps applied. An empty
 * document is left alone: it is initialised by its creator, not migrated.
 */
export function migrate(
  doc: Y.Doc,
  kind: DocKind,
  migrations: Migration[] = MIGRATIONS[kind],
  target: number = SCHEMA_VERSION[kind],
): number {
  const meta = doc.getMap('meta');
  if (meta.size === 0) return 0;
  const version = schemaVersionOf(doc);
  if (version > target) {
    throw new ModelError('schema_too_new', `${kind} document has schema ${version}, this server knows ${target}`);
  }
  if (version === target) return 0;
  let steps = 0;
  doc.transact(() => {
    for (let current = version; current < target; current++) {
      const step = migrations.find((m) => m.from === current);
      if (!step) throw new ModelError('invalid', `no migration for ${kind} schema ${current}`);
      step.run(doc);
      steps++;
    }
    meta.set('schemaVersion', target);
  }, MIGRATION_ORIGIN);
  return steps;
}
