import { generateKeyBetween, generateNKeysBetween } from 'jittered-fractional-indexing';
import { ModelError } from './errors.ts';

// Order keys for cards, phases, prompts and groups.
//
// Why not array positions: two people moving cards at the same time would both
// rewrite indices and one of them would silently lose their move. An order key
// is written once, on the moved item only, and there is always room for a key
// between any two, so concurrent moves both keep their intent.
//
// Why a library: the hand-written keys of schema 1 grew by one character about
// every five appends, so after some 320 moves to the end of a column a key
// passed MAX_KEY_LENGTH, readers took it for invalid and the card jumped to the
// top (issue 7). The keys are now those of `fractional-indexing` (rocicorp, as
// excalidraw uses it): an integer part whose first letter says its length
// ('a0', 'a1', … 'az', 'b00', …) and an optional base-62 fraction. Appending
// increments the integer part and drops the fraction, so 2,000 appends stay
// within three characters plus the jitter below.
//
// Why jitter (`jittered-fractional-indexing`, a thin CC0 wrapper over that
// library, the idea tldraw uses through a sibling package): in a workshop,
// several people add cards to the same column at once, and with plain keys
// they all compute the same key after the same last card. Ties were broken by
// id, which keeps every replica in the same order, but a card dropped between
// two tied cards could only land after both. With JITTER_BITS random bits each
// key lands somewhere random inside its gap, so two people at the same spot get
// different keys (equal only with odds of about 1 in a million per pair; ties
// are still ordered by id). The price: a key is three to four characters
// longer (appended keys average 7 characters instead of 3), and a key inserted
// at the same spot again and again reaches the limit after about 290 such
// inserts instead of 370 (moves to the end or the start never grow keys).
// Lists written in one go by one writer (a new agenda, a template, the schema
// 2 migration) get plain keys: nobody inserts concurrently there.

export const MAX_KEY_LENGTH = 64;
/** Random bits per generated key (the library's default is 30; see above). */
export const JITTER_BITS = 20;
const BASE_62 = /^[0-9A-Za-z]+$/;

/** A key this code can sort and insert next to: the library's format, base 62, at most MAX_KEY_LENGTH characters. */
export function isOrderKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_KEY_LENGTH || !BASE_62.test(value)) return false;
  try {
    // The library checks a bound's format (integer part, no trailing zero) before using it.
    generateKeyBetween(value, null, { jitterBits: 0 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A new key that sorts after `before` (or first) and before `after` (or last),
 * with random jitter. Throws RangeError for invalid or out-of-order bounds and
 * a ModelError when the gap is too narrow for a key within MAX_KEY_LENGTH.
 */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && !isOrderKey(before)) throw new RangeError(`invalid order key: ${before}`);
  if (after !== null && !isOrderKey(after)) throw new RangeError(`invalid order key: ${after}`);
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`order keys out of order: ${before} >= ${after}`);
  }
  const jittered = generateKeyBetween(before, after, { jitterBits: JITTER_BITS });
  if (jittered.length <= MAX_KEY_LENGTH) return jittered;
  // The jitter costs a few characters; the plain midpoint may still fit.
  const plain = generateKeyBetween(before, after, { jitterBits: 0 });
  if (plain.length <= MAX_KEY_LENGTH) return plain;
  throw new ModelError('too_long', 'no room left between these two items; move one of them first', 'order', MAX_KEY_LENGTH);
}

/** `count` ascending keys after `last` (or from the start), without jitter: for lists written in one go. */
export function keysAfter(last: string | null, count: number): string[] {
  if (last !== null && !isOrderKey(last)) throw new RangeError(`invalid order key: ${last}`);
  return generateNKeysBetween(last, null, count, { jitterBits: 0 });
}

/**
 * The key for an item placed at `index` among `items` (sorted by
 * compareByOrder, without the item itself). Items with an invalid key (read as
 * '') sort first and are never used as a bound; equal keys (two people who
 * dropped into one gap at once) are skipped to find a real gap.
 */
export function keyForIndex(items: readonly { order: string }[], index: number): string {
  const at = Math.max(0, Math.min(items.length, Math.trunc(index)));
  const before = items[at - 1]?.order || null;
  const after = items.slice(at).find((item) => item.order && (before === null || item.order > before))?.order ?? null;
  return keyBetween(before, after);
}

/** Sort by order key, then id, so every replica shows the same order. Readers map invalid keys to '', which sorts first. */
export function compareByOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
