import type { Card } from '@plenum/shared/board-doc';
import type { Prompt } from '@plenum/shared/session-doc';
import { messageText, type KeyMessage } from '../i18n/message.ts';
import type { Translate } from '../state/ui-store.ts';
import { cardExcerpt } from './card-label.ts';
import type { MoveTarget } from './MoveMenu.tsx';

// Where a card is during a drag, and where it may go without one: the pure
// part of BoardColumns.tsx and MoveMenu.tsx, so it is tested without a browser.

/** Card ids per column id, in board order. */
export type Items = Record<string, string[]>;

/**
 * The drag's order, corrected for cards others added or deleted meanwhile:
 * a card deleted elsewhere leaves the drag, a card added elsewhere appears at
 * the end of its column, and a card is never shown twice. The dragged card
 * stays even if it was deleted, until the drop.
 */
export function reconcile(dragged: Items, base: Items, activeId: string): Items {
  const exists = new Set(Object.values(base).flat());
  const placed = new Set<string>();
  const out: Items = {};
  for (const columnId of Object.keys(base)) {
    out[columnId] = (dragged[columnId] ?? []).filter((id) => (exists.has(id) || id === activeId) && !placed.has(id));
    for (const id of out[columnId]) placed.add(id);
  }
  for (const [columnId, ids] of Object.entries(base)) {
    for (const id of ids) if (!placed.has(id)) out[columnId]?.push(id);
  }
  return out;
}

// A target's words depend only on its key (up, down, a column's start or
// end), the columns' names and the language: worded once for all the cards of
// a board, not six times per card on every first render.
const worded = new WeakMap<Prompt[], WeakMap<Translate, Map<string, string>>>();

function labels(prompts: Prompt[], t: Translate): Map<string, string> {
  let byLanguage = worded.get(prompts);
  if (!byLanguage) worded.set(prompts, (byLanguage = new WeakMap()));
  let words = byLanguage.get(t);
  if (!words) byLanguage.set(t, (words = new Map()));
  return words;
}

/**
 * The moves offered for a card without dragging: one up or down in its
 * column, and to the start or end of every column; no move that would leave
 * it where it is.
 */
export function moveTargets(card: Card, base: Items, prompts: Prompt[], t: Translate): MoveTarget[] {
  const own = base[card.columnId] ?? [];
  const at = own.indexOf(card.id);
  const targets: MoveTarget[] = [];
  const words = labels(prompts, t);
  const target = (key: string, message: KeyMessage, columnId: string, index: number | null): MoveTarget => {
    let label = words.get(key);
    if (label === undefined) words.set(key, (label = messageText(t, message)));
    return { key, label, message, columnId, index };
  };
  if (at > 0) targets.push(target('up', { key: 'move.up' }, card.columnId, at - 1));
  if (at >= 0 && at < own.length - 1) targets.push(target('down', { key: 'move.down' }, card.columnId, at + 1));
  for (const prompt of prompts) {
    // Whole names, never cut mid-word: the move menu wraps them (issue 9).
    const column = cardExcerpt(prompt.text, Infinity);
    const isOwn = prompt.id === card.columnId;
    if (!isOwn || at > 0) targets.push(target(`${prompt.id}:start`, { key: 'move.toStart', params: { column } }, prompt.id, 0));
    if (!isOwn || at < own.length - 1) {
      targets.push(target(`${prompt.id}:end`, { key: 'move.toEnd', params: { column } }, prompt.id, null));
    }
  }
  return targets;
}
