import type * as Y from 'yjs';

// Turning "the text is now X" into the smallest Yjs change. A card's text is a
// Y.Text (board schema 3): writing it whole would delete and re-insert every
// character, and a concurrent edit by someone else inside the card would then
// land in deleted text and vanish. Deleting and inserting only the changed
// middle keeps the other person's words (Yjs merges them character by
// character).

export interface TextChange {
  /** Where the change starts, in UTF-16 code units (Y.Text's unit). */
  index: number;
  /** How many code units of the old text go. */
  remove: number;
  /** What comes in their place. */
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The common prefix and suffix of `before` and `after` stay; what lies
 * between is the change. One typed character, a paste or a deleted selection
 * is exactly one such change. A surrogate pair (an emoji) is never cut in two:
 * a half would be a broken character for anyone whose edit lands beside it.
 */
export function textChange(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/** Makes `text` read `next` with the smallest change (call inside a transaction to choose its origin). */
export function applyTextChange(text: Y.Text, next: string): TextChange {
  const change = textChange(text.toString(), next);
  if (change.remove === 0 && change.insert === '') return change;
  const apply = () => {
    if (change.remove > 0) text.delete(change.index, change.remove);
    if (change.insert) text.insert(change.index, change.insert);
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
  return change;
}

/** One step of a Y.Text change as Yjs reports it (`YTextEvent.delta`). */
export interface DeltaStep {
  insert?: unknown;
  delete?: number;
  retain?: number;
}

/**
 * Where a position in a text is after a change (a caret, when someone else
 * typed): moved by what was inserted before it, and by what was deleted before
 * it. Text inserted exactly at the position does not move it: the other
 * person's words land after this person's caret, not in front of their next
 * keystroke.
 */
export function mapThroughDelta(delta: readonly DeltaStep[], position: number): number {
  let old = 0; // position in the text before the change
  let mapped = position;
  for (const step of delta) {
    if (old >= position) break;
    if (step.retain !== undefined) old += step.retain;
    else if (step.delete !== undefined) {
      mapped -= Math.min(step.delete, position - old);
      old += step.delete;
    } else if (step.insert !== undefined) {
      mapped += typeof step.insert === 'string' ? step.insert.length : 1;
    }
  }
  return mapped;
}
