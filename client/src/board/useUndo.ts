import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';

// Undo and redo of this tab's own changes to one board document. Only
// transactions whose origin is `origin` (board-actions.ts tags every local
// write with it) or `typingOrigin` (typing in a card, useBoundText.ts) are
// captured; what other people do is never undone here.
//
// Every action (add, move, delete, a colour) is its own step. Typing is live,
// one change per keystroke, so the keystrokes of one editing session are
// gathered into one step: the manager merges captured changes until told to
// stop (`separate`), which happens around every action and when an editor
// opens or closes. Undo after editing a card takes back the whole edit, not
// one letter.

export interface Undo {
  origin: object;
  /** The origin of typing in a card: gathered into one step per editing session. */
  typingOrigin: object;
  canUndo: boolean;
  canRedo: boolean;
  undo(): void;
  redo(): void;
  /** Ends the current step: what is captured next is a step of its own. */
  separate(): void;
}

export function useUndo(doc: Y.Doc): Undo {
  const origin = useMemo(() => ({ undoOriginFor: doc.guid }), [doc]);
  const typingOrigin = useMemo(() => ({ typingIn: doc.guid }), [doc]);
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [stacks, setStacks] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    // No time limit on gathering: `separate` alone ends a step.
    const created = new Y.UndoManager(doc.getMap('cards'), {
      trackedOrigins: new Set([origin, typingOrigin]),
      captureTimeout: Number.POSITIVE_INFINITY,
    });
    const refresh = () => setStacks({ canUndo: created.canUndo(), canRedo: created.canRedo() });
    // An action is a step of its own: separated before it and after it (this
    // listener runs after the manager's, which was registered first).
    const aroundActions = (transaction: Y.Transaction) => {
      if (transaction.origin === origin) created.stopCapturing();
    };
    doc.on('beforeTransaction', aroundActions);
    doc.on('afterTransaction', aroundActions);
    created.on('stack-item-added', refresh);
    created.on('stack-item-popped', refresh);
    created.on('stack-cleared', refresh);
    setManager(created);
    refresh();
    return () => {
      doc.off('beforeTransaction', aroundActions);
      doc.off('afterTransaction', aroundActions);
      created.destroy();
      setManager(null);
    };
  }, [doc, origin, typingOrigin]);
  return useMemo(
    () => ({
      origin,
      typingOrigin,
      canUndo: manager !== null && stacks.canUndo,
      canRedo: manager !== null && stacks.canRedo,
      undo: () => void manager?.undo(),
      redo: () => void manager?.redo(),
      separate: () => manager?.stopCapturing(),
    }),
    [origin, typingOrigin, stacks, manager],
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
