import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';

// Undo and redo of this tab's own changes to one board document. Only
// transactions whose origin is `origin` are captured (board-actions.ts tags
// every local write with it); what other people do is never undone here.

export interface Undo {
  origin: object;
  canUndo: boolean;
  canRedo: boolean;
  undo(): void;
  redo(): void;
}

export function useUndo(doc: Y.Doc): Undo {
  const origin = useMemo(() => ({ undoOriginFor: doc.guid }), [doc]);
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [stacks, setStacks] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    // captureTimeout 0: every action (add, edit, move, delete) is its own step.
    const created = new Y.UndoManager(doc.getMap('cards'), { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    const refresh = () => setStacks({ canUndo: created.canUndo(), canRedo: created.canRedo() });
    created.on('stack-item-added', refresh);
    created.on('stack-item-popped', refresh);
    created.on('stack-cleared', refresh);
    setManager(created);
    refresh();
    return () => {
      created.destroy();
      setManager(null);
    };
  }, [doc, origin]);
  return useMemo(
    () => ({
      origin,
      canUndo: manager !== null && stacks.canUndo,
      canRedo: manager !== null && stacks.canRedo,
      undo: () => void manager?.undo(),
      redo: () => void manager?.redo(),
    }),
    [origin, stacks, manager],
  );
}

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));

/**
 * Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (Cmd on macOS). Inside a text
 * field the browser's own text undo applies instead.
 */
export function useUndoShortcuts(undo: Undo, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') undo.redo();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [undo, enabled]);
}
