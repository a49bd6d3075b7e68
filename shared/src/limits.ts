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
} as const;

/** Byte limit of one websocket message; larger frames close the connection (1009). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * What one websocket connection may cost the server (docs/sync-spec.md, S10;
 * docs/api.md#flow-control). Sending: a peer whose unsent data passes
 * `sendBufferBytes` is too slow to keep up and is closed (4503, it
 * reconnects). Receiving: two token buckets per connection, for messages and
 * for bytes; a peer that empties either is closed (4429, it stops). A
 * repeated sync step 1 is answered with the whole document at most once per
 * `repeatedSyncIntervalMs`; in between with an empty step 2 (the peer has
 * been sent every change since).
 */
export const PEER_LIMITS = {
  sendBufferBytes: 4 * MAX_MESSAGE_BYTES,
  burstMessages: 1000,
  messagesPerSecond: 200,
  burstBytes: 2 * MAX_MESSAGE_BYTES,
  bytesPerSecond: MAX_MESSAGE_BYTES,
  repeatedSyncIntervalMs: 10_000,
} as const;

export function clip(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  return value.length > max ? value.slice(0, max) : value;
}
