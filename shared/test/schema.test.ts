import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../src/board-doc.ts';
import { migrate, MIGRATION_ORIGIN, SCHEMA_VERSION, schemaVersionOf } from '../src/schema.ts';

describe('schema versions', () => {
  it('stamps new documents with the current version', () => {
    const doc = new Y.Doc();
    initBoard(doc, { sessionId: 's', phaseId: 'p', groupId: 'g' });
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION.board);
    expect(migrate(doc, 'board')).toBe(0);
  });

  it('migrates an old document forward in one transaction, step by step', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('kind', 'board');
    doc.getMap('cards').set('c1', new Y.Map());
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const steps = [
      { from: 0, run: (d: Y.Doc) => d.getMap('meta').set('renamed', true) },
      { from: 1, run: (d: Y.Doc) => d.getMap('cards').delete('c1') },
    ];
    expect(migrate(doc, 'board', steps, 2)).toBe(2);
    expect(schemaVersionOf(doc)).toBe(2);
    expect(doc.getMap('meta').get('renamed')).toBe(true);
    expect(doc.getMap('cards').size).toBe(0);
    expect(origins).toEqual([MIGRATION_ORIGIN]);
  });

  it('refuses a document newer than this code', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION.session + 1);
    expect(() => migrate(doc, 'session')).toThrow(expect.objectContaining({ code: 'schema_too_new' }));
  });
});
