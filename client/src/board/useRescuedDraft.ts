import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Card } from '@plenum/shared/board-doc';

// "Never lose a word": if someone else deletes the card this tab is editing,
// the editor closes with the card, but what was typed is offered back, to be
// kept as a new card in the same column (or discarded). The same offer is
// made for typed words that the card's text lost because someone replaced it
// whole (useBoundText.ts).

export interface RescuedDraft {
  text: string | null;
  columnId: string;
  /** Why it is offered: the card was deleted, or its text replaced whole. */
  reason: 'deleted' | 'replaced';
  dismiss(): void;
  offer(text: string, columnId: string): void;
}

export function useRescuedDraft(
  cards: Card[],
  editingId: string | null,
  draft: RefObject<{ cardId: string; text: string } | null>,
  closeEditor: () => void,
): RescuedDraft {
  const [rescued, setRescued] = useState<{ text: string; columnId: string; reason: RescuedDraft['reason'] } | null>(null);
  const lastColumn = useRef('');
  const editing = editingId ? cards.find((c) => c.id === editingId) : undefined;
  if (editing) lastColumn.current = editing.columnId;
  const gone = editingId !== null && editing === undefined;

  useEffect(() => {
    if (!gone) return;
    const typed = draft.current?.cardId === editingId ? draft.current.text : '';
    if (typed.trim()) setRescued({ text: typed, columnId: lastColumn.current, reason: 'deleted' });
    closeEditor();
  }, [gone, editingId, draft, closeEditor]);

  return {
    text: rescued?.text ?? null,
    columnId: rescued?.columnId ?? '',
    reason: rescued?.reason ?? 'deleted',
    dismiss: () => setRescued(null),
    offer: (text, columnId) => {
      if (text.trim()) setRescued({ text, columnId, reason: 'replaced' });
    },
  };
}
