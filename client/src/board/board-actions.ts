import type * as Y from 'yjs';
import {
  addCard,
  deleteCard,
  moveCard,
  setCardColor,
  vote,
  type CardColor,
} from '@plenum/shared/board-doc';
import { ModelError } from '@plenum/shared/errors';

// Every write this tab makes to a board goes through here, wrapped in a
// transaction tagged with this tab's origin. The undo manager tracks exactly
// that origin (useUndo.ts), so remote changes never enter the undo stack.
// Votes use a second origin: they have their own "take back" button, and
// undoing one could push a voter over the budget. Typing in a card is not
// here: it is written keystroke by keystroke by useBoundText.ts, on the undo
// manager's typing origin.

export type ActionResult = { ok: true } | { ok: false; error: ModelError };

export interface BoardActions {
  add(columnId: string, text: string, author: string, color: CardColor): ActionResult;
  recolor(cardId: string, color: CardColor): ActionResult;
  move(cardId: string, columnId: string, index: number): ActionResult;
  remove(cardId: string): ActionResult;
  vote(cardId: string, voterKey: string, delta: 1 | -1, budget: number): boolean;
}

export function createBoardActions(doc: Y.Doc, undoableOrigin: object, voteOrigin: object): BoardActions {
  const run = (write: () => void, origin: object = undoableOrigin): ActionResult => {
    try {
      doc.transact(write, origin);
      return { ok: true };
    } catch (error) {
      if (error instanceof ModelError) return { ok: false, error };
      throw error;
    }
  };
  return {
    add: (columnId, text, author, color) => run(() => void addCard(doc, { columnId, text, author: author || null, color })),
    recolor: (cardId, color) => run(() => setCardColor(doc, cardId, color)),
    move: (cardId, columnId, index) => run(() => moveCard(doc, cardId, columnId, index)),
    remove: (cardId) => run(() => deleteCard(doc, cardId)),
    vote(cardId, voterKey, delta, budget) {
      let accepted = false;
      doc.transact(() => {
        accepted = vote(doc, cardId, voterKey, delta, budget);
      }, voteOrigin);
      return accepted;
    },
  };
}
