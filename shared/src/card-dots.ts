import { LIMITS } from './limits.ts';

// Where a card keeps its dots (board schema 4, docs/data-model.md): one key of
// the card's map per voter, `vote:<voterKey>` → the voter's dots on that card.
// Keys of the card itself, not a Y.Map per card: such a map cost every loaded
// board about 0.46 KiB per card, dots or not (issue 12), and each voter still
// writes only their own entry, so two people dotting a card at once never
// touch the same one.

const VOTE_KEY_PREFIX = 'vote:';

/** The card key of this voter's dots. */
export function voteKey(voterKey: string): string {
  return VOTE_KEY_PREFIX + voterKey;
}

/** The voter a card key holds dots of, or null if it is no vote key. (The id may still be invalid.) */
export function voterOfKey(key: string): string | null {
  return key.startsWith(VOTE_KEY_PREFIX) ? key.slice(VOTE_KEY_PREFIX.length) : null;
}

/** A valid number of dots from one voter on one card. */
export function isDotCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= LIMITS.votingBudgetMax;
}

/** The dots a vote key's value counts for: 0 for none, or for a value readers ignore. */
export function dotsOf(value: unknown): number {
  return isDotCount(value) ? value : 0;
}
