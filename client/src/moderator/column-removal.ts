import type { Phase, Prompt } from '@plenum/shared/session-doc';
import type { Message } from '../i18n/message.ts';
import { fetchCardCounts, type CardTally, type SessionRef } from './moderator-api.ts';

// What removing a column does to cards, in words for the moderator's question
// and notice. A removed column's cards keep its id; boards show them at the
// end of the first remaining column (groupCardsByColumn in board-doc.ts), and
// return to it once it is restored with its id.

/** What the question and the notice say about a removal. */
export interface Removal {
  prompt: Prompt;
  /** Cards shown in the column, on the boards and in private writing; null when the server could not be asked. */
  cards: number | null;
  /** The first remaining column, where the cards go; null when none is left. */
  target: string | null;
}

/** The cards a board shows in `prompt`'s column: its own, and in the first column those whose column is gone. */
export function cardsShownIn(columns: CardTally['columns'], prompt: Prompt, prompts: Prompt[]): number {
  const ids = new Set(prompts.map((p) => p.id));
  const first = prompts[0]?.id === prompt.id;
  return Object.entries(columns).reduce((sum, [id, n]) => sum + (id === prompt.id || (first && !ids.has(id)) ? n : 0), 0);
}

export async function countCards(sessionRef: SessionRef, phase: Phase, prompt: Prompt): Promise<number | null> {
  try {
    const { groups } = await fetchCardCounts(sessionRef, phase.id);
    return Object.values(groups).reduce(
      (sum, g) => sum + cardsShownIn(g.board.columns, prompt, phase.prompts) + cardsShownIn(g.private.columns, prompt, phase.prompts),
      0,
    );
  } catch {
    return null;
  }
}

export function removalText(removal: Removal): Message {
  const column = removal.prompt.text;
  if (removal.target === null) return { key: 'moderator.prompts.removeLast', params: { column } };
  if (removal.cards === null) return { key: 'moderator.prompts.removeUnknown', params: { column, target: removal.target } };
  if (removal.cards === 0) return { key: 'moderator.prompts.removeEmpty', params: { column } };
  return { key: 'moderator.prompts.removeCards', params: { column, count: removal.cards, target: removal.target } };
}
