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
  groupsPerPhase: 30,
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
  // A phase's protocol note (phase-notes.ts): a few paragraphs.
  protocolNoteLength: 10000,
} as const;

/**
 * Byte limit of one websocket message; larger frames close the connection
 * (1009). It must fit the largest legal board in one message, because a client
 * that wrote it offline sends it as one sync step 2 when it reconnects:
 * 2,000 cards × 1,000 characters of up to 3 UTF-8 bytes each encode to about
 * 6.5 MB (server/test/backlog.test.ts); 16 MiB leaves room for votes and
 * history. Memory stays bounded by PEER_LIMITS.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

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
export const PEER_LIMITS: PeerLimits = {
  sendBufferBytes: 2 * MAX_MESSAGE_BYTES,
  burstMessages: 1000,
  messagesPerSecond: 200,
  burstBytes: 2 * MAX_MESSAGE_BYTES,
  bytesPerSecond: 4 * 1024 * 1024,
  repeatedSyncIntervalMs: 10_000,
};

export interface PeerLimits {
  sendBufferBytes: number;
  burstMessages: number;
  messagesPerSecond: number;
  burstBytes: number;
  bytesPerSecond: number;
  repeatedSyncIntervalMs: number;
}

export function clip(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  return value.length > max ? value.slice(0, max) : value;
}
