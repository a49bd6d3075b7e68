import type * as Y from 'yjs';
import { ModelError } from '@plenum/shared/errors';
import type { Suggestion } from '@plenum/shared/similarity';
import {
  addCardToItem,
  addItemFromCard,
  deleteItem,
  dismissPair,
  moveItem,
  removeSource,
  setItemHeading,
  setItemHighlight,
  setItemText,
  setLayout,
  sourceKey,
  splitItem,
  type SourceCard,
  type SummaryItem,
  type SummaryLayout,
  type SummaryOrigin,
} from '@plenum/shared/summary-doc';

// Every write the moderator's plenum view makes to the summary goes through
// here, in a transaction tagged with this tab's summary origin, so the undo
// manager (createSummaryUndo) takes back exactly this moderator's steps and
// never another moderator's. A refused write comes back as a ModelError for
// the notice; anything else is a bug and is thrown.

export type SummaryResult = { ok: true; id?: string } | { ok: false; error: ModelError };

export interface SummaryActions {
  /** A new item from a card, at the end (or at `index`). */
  newItem(card: SourceCard, heading: string, index?: number): SummaryResult;
  join(itemId: string, card: SourceCard): SummaryResult;
  setText(itemId: string, text: string): SummaryResult;
  setHeading(itemId: string, heading: string): SummaryResult;
  setHighlight(itemId: string, highlight: boolean): SummaryResult;
  move(itemId: string, index: number): SummaryResult;
  removeSource(itemId: string, key: string): SummaryResult;
  split(itemId: string, key: string): SummaryResult;
  remove(itemId: string): SummaryResult;
  setLayout(layout: SummaryLayout): SummaryResult;
  /** Merges a suggested pair: into the item that already holds one of them, else into a new item. */
  mergePair(suggestion: Suggestion, items: readonly SummaryItem[], heading: string): SummaryResult;
  dismiss(suggestion: Suggestion): SummaryResult;
}

export function createSummaryActions(doc: Y.Doc, phaseId: string, origin: SummaryOrigin): SummaryActions {
  const run = (write: () => string | void): SummaryResult => {
    try {
      let id: string | undefined;
      doc.transact(() => {
        id = write() ?? undefined;
      }, origin);
      return id === undefined ? { ok: true } : { ok: true, id };
    } catch (error) {
      if (error instanceof ModelError) return { ok: false, error };
      throw error;
    }
  };
  return {
    newItem: (card, heading, index) => run(() => addItemFromCard(doc, phaseId, card, { heading, index })),
    join: (itemId, card) => run(() => addCardToItem(doc, phaseId, itemId, card)),
    setText: (itemId, text) => run(() => setItemText(doc, phaseId, itemId, text)),
    setHeading: (itemId, heading) => run(() => setItemHeading(doc, phaseId, itemId, heading)),
    setHighlight: (itemId, highlight) => run(() => setItemHighlight(doc, phaseId, itemId, highlight)),
    move: (itemId, index) => run(() => moveItem(doc, phaseId, itemId, index)),
    removeSource: (itemId, key) => run(() => removeSource(doc, phaseId, itemId, key)),
    split: (itemId, key) => run(() => splitItem(doc, phaseId, itemId, key)),
    remove: (itemId) => run(() => deleteItem(doc, phaseId, itemId)),
    setLayout: (layout) => run(() => setLayout(doc, phaseId, layout)),
    mergePair: (suggestion, items, heading) =>
      // One transaction, so one undo step takes the whole merge back.
      run(() => {
        const keyA = sourceKey(suggestion.a.groupId, suggestion.a.cardId);
        const keyB = sourceKey(suggestion.b.groupId, suggestion.b.cardId);
        const holder = items.find((item) => item.sources.some((s) => s.key === keyA || s.key === keyB));
        if (holder) {
          addCardToItem(doc, phaseId, holder.id, suggestion.a);
          addCardToItem(doc, phaseId, holder.id, suggestion.b);
          return holder.id;
        }
        const id = addItemFromCard(doc, phaseId, suggestion.a, { heading });
        addCardToItem(doc, phaseId, id, suggestion.b);
        return id;
      }),
    dismiss: (suggestion) =>
      run(() =>
        dismissPair(doc, phaseId, sourceKey(suggestion.a.groupId, suggestion.a.cardId), sourceKey(suggestion.b.groupId, suggestion.b.cardId)),
      ),
  };
}
