import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { createSummaryOrigin, createSummaryUndo, type SummaryOrigin } from '@plenum/shared/summary-doc';

// Undo and redo of this moderator's own summary steps (merge, split, move,
// edit, delete) in this tab. The manager tracks only this tab's origin
// (summary-actions.ts tags every write with it), so another moderator's
// steps and the groups' cards are never undone here.

export interface SummaryUndo {
  origin: SummaryOrigin;
  canUndo: boolean;
  canRedo: boolean;
  undo(): void;
  redo(): void;
}

export function useSummaryUndo(doc: Y.Doc): SummaryUndo {
  const origin = useMemo(() => createSummaryOrigin(doc.guid), [doc]);
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [stacks, setStacks] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const created = createSummaryUndo(doc, origin);
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
