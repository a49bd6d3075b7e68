import * as Y from 'yjs';

/** An empty board document as an older Plenum stored it: only its meta, at `schemaVersion`. */
export function boardAtVersion(schemaVersion: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', schemaVersion);
    meta.set('kind', 'board');
    meta.set('sessionId', 's1');
    meta.set('phaseId', 'p1');
    meta.set('groupId', 'g1');
  });
  return doc;
}
