import crypto from 'node:crypto';
import * as Y from 'yjs';
import { syncUpdate, wholeSyncStep2 } from './wire.ts';

// The first client of a room that is not loaded yet is sent what is on disk
// before the room loads (docs/sync-spec.md, S1): loading a 2,000-card board
// takes a fresh server process well over 100 ms, and the client can apply
// the same bytes meanwhile. Stored bytes are durable (S3) and are all the
// room will start from, so nothing is sent that a loaded room would not.

export interface StoredAnswer {
  /** In this order: the log merged into one update (if there is a log after the first part), then a sync step 2 with the first part. */
  messages: Uint8Array[];
  /** What the peer holds once it has read the messages, to answer its own sync step 1 with what it lacks (sentVector). */
  sent: SentState;
}

export interface SentState {
  /** digestOf the stored parts sent: the room that loaded exactly these knows their state vector (Room.vectorIfLoadedFrom). */
  digest: string;
  /** The first part (the snapshot), whose state vector Yjs can read if the room was loaded from something else. */
  base: Uint8Array;
}

/** Identifies a document's stored parts, fed one by one in order: a SHA-256 over each part and its length (about a millisecond for a 2,000-card board). */
export class PartsDigest {
  private readonly hash = crypto.createHash('sha256');
  private readonly length = Buffer.alloc(4);

  add(part: Uint8Array): void {
    this.length.writeUInt32BE(part.length);
    this.hash.update(this.length).update(part);
  }

  value(): string {
    return this.hash.digest('base64');
  }
}

export function digestOf(parts: Uint8Array[]): string {
  const digest = new PartsDigest();
  for (const part of parts) digest.add(part);
  return digest.value();
}

/**
 * The messages that give a client the stored parts of a document (snapshot
 * first, then the log in order; Storage.storedParts). The log goes first, as
 * a plain update: the client keeps its structs pending until the snapshot
 * they build on arrives in the step 2, so when the stock client reports
 * "synced" (on the step 2) it holds all of it. The other order would report
 * it synced one message early, without the last writes.
 */
export function storedAnswer(parts: Uint8Array[]): StoredAnswer {
  const [base, ...log] = parts;
  if (base === undefined) throw new Error('storedAnswer: nothing stored');
  const messages = log.length > 0 ? [syncUpdate(Y.mergeUpdates(log)), wholeSyncStep2(base)] : [wholeSyncStep2(base)];
  return { messages, sent: { digest: digestOf(parts), base } };
}

/**
 * The state vector to answer a sync step 1 (`asked`) from a peer that was
 * sent stored parts before with, for each writer, the larger of the two:
 * the peer reads those parts before the answer. `loaded` is their vector if
 * the room was loaded from exactly them (Room.vectorIfLoadedFrom), which is
 * the usual case; if not (another peer's connection loaded the room first,
 * from parts written since), the base's vector is read from its bytes:
 * tens of milliseconds for a big board, and short of the log sent with it,
 * which is then sent twice. Yjs counts a writer in the vector of an update
 * only if the update holds that writer's changes from the start, so it
 * never claims more than the peer has.
 */
export function sentVector(asked: Uint8Array, sent: SentState, loaded: Uint8Array | null): Uint8Array {
  const held = Y.decodeStateVector(asked);
  for (const [client, clock] of Y.decodeStateVector(loaded ?? Y.encodeStateVectorFromUpdate(sent.base))) {
    if ((held.get(client) ?? 0) < clock) held.set(client, clock);
  }
  return Y.encodeStateVector(held);
}
