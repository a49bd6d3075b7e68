// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useDocView } from './hooks.ts';

// useDocView's store counts the document's changes. Yjs encodes every
// transaction as an update while the document has an 'update' listener, so a
// store listening there made a participant's board encode its whole local
// copy as it loaded (local-copy.ts detaches everything else for that load).

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const readItems = (doc: Y.Doc) => doc.getArray<string>('items').toArray();

let container: HTMLElement;
let root: Root;
let renders: string[][];

function View({ doc }: { doc: Y.Doc }) {
  const items = useDocView(doc, readItems);
  renders.push(items ?? []);
  return createElement('p', null, (items ?? []).join(','));
}

beforeEach(() => {
  renders = [];
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('useDocView', () => {
  it('shows every change, deletions too, and nothing re-renders for a transaction that changed nothing', () => {
    const doc = new Y.Doc();
    act(() => root.render(createElement(View, { doc })));
    act(() => doc.getArray<string>('items').push(['a', 'b']));
    expect(container.textContent).toBe('a,b');
    act(() => doc.getArray<string>('items').delete(0, 1));
    expect(container.textContent).toBe('b');
    // A peer's update that only deletes: no clock moves, only the delete set.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(peer);
    peer.getArray<string>('items').delete(0, 1);
    act(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, before)));
    expect(container.textContent).toBe('');
    const count = renders.length;
    act(() => doc.transact(() => {}));
    expect(renders.length).toBe(count);
  });

  it('does not make Yjs encode the transactions of a document it shows', () => {
    const doc = new Y.Doc();
    act(() => root.render(createElement(View, { doc })));
    // lib0's Observable keeps its listeners by event name; Yjs encodes a transaction only if 'update' has any.
    const observers = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers;
    expect(observers.get('update')?.size ?? 0).toBe(0);
    act(() => doc.getArray<string>('items').push(['a']));
    expect(container.textContent).toBe('a');
  });
});
