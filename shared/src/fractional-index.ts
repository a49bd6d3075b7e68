// Order keys for cards, phases and prompts.
//
// Why not array positions: two people moving cards at the same time would both
// rewrite indices and one of them would silently lose their move. A fractional
// key is written once, on the moved item only, and any two keys have room
// between them, so concurrent moves both keep their intent. Equal keys (two
// people dropping into the same gap at once) are ordered by id as a tie-break.
//
// Keys are strings over a base-62 alphabet whose ASCII order equals its digit
// order, read as a fraction 0.d1d2d3…; a key never ends in the smallest digit,
// so there is always a shorter-or-equal key strictly between any two.

export const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ZERO = DIGITS[0] as string;
const KEY_PATTERN = /^[0-9A-Za-z]*[1-9A-Za-z]$/;
export const MAX_KEY_LENGTH = 64;

export function isOrderKey(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(value);
}

function digit(ch: string | undefined): number {
  return ch === undefined ? 0 : DIGITS.indexOf(ch);
}

// A key strictly between a and b, where a may be '' (the lower bound 0) and b
// may be null (the upper bound 1).
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let shared = 0;
    while (shared < b.length && (a[shared] ?? ZERO) === b[shared]) shared++;
    if (shared > 0) return b.slice(0, shared) + midpoint(a.slice(shared), b.slice(shared));
  }
  const low = digit(a[0]);
  const high = b === null ? DIGITS.length : digit(b[0]);
  if (high - low > 1) return DIGITS[Math.round((low + high) / 2)] as string;
  // Adjacent first digits: b's first digit alone sorts between them if b goes on.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return (DIGITS[low] as string) + midpoint(a.slice(1), null);
}

/** A key that sorts after `before` (or first) and before `after` (or last). */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && !isOrderKey(before)) throw new RangeError(`invalid order key: ${before}`);
  if (after !== null && !isOrderKey(after)) throw new RangeError(`invalid order key: ${after}`);
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`order keys out of order: ${before} >= ${after}`);
  }
  return midpoint(before ?? '', after);
}

/** `count` ascending keys for appending items in one go (templates, imports). */
export function keysAfter(last: string | null, count: number): string[] {
  const keys: string[] = [];
  let previous = last;
  for (let i = 0; i < count; i++) {
    previous = keyBetween(previous, null);
    keys.push(previous);
  }
  return keys;
}

/** Sort by order key, then id, so every replica shows the same order. Invalid keys sort first. */
export function compareByOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
