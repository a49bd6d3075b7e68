// Documented limits (docs/data-model.md#limits). Accessors enforce them when
// writing; readers clip what a misbehaving peer may still have written.

export const LIMITS = {
  titleLength: 200,
  subtitleLength: 300,
  placeLength: 200,
  contactLength: 2000,
  phaseTitleLength: 200,
  descriptionLength: 4000,
  questionLength: 500,
  promptLength: 300,
  groupNameLength: 120,
  compositionLength: 300,
  cardTextLength: 1000,
  authorNameLength: 60,
  phasesPerSession: 30,
  promptsPerPhase: 8,
  groupsPerPhase: 12,
  votingBudgetMax: 20,
  cardsPerBoard: 2000,
  timerMaxMs: 4 * 60 * 60 * 1000,
  // The plenum summary (summary-doc.ts). An item's text is at most a card's;
  // a heading is at most a column's (prompt) text, which it usually is.
  summaryTextLength: 1000,
  summaryHeadingLength: 300,
  summaryItemsPerPhase: 500,
  sourcesPerItem: 50,
  dismissedPairsPerPhase: 5000,
} as const;

/** Byte limit of one websocket message; larger frames close the connection (1009). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export function clip(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  return value.length > max ? value.slice(0, max) : value;
}
