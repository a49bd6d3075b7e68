import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { PEER_LIMITS, type PeerLimits } from '@plenum/shared/limits';
import { CLOSE, MESSAGE, SYNC, type Role } from '@plenum/shared/protocol';
import { checkBoardWrite, takeBackDots } from '@plenum/shared/board-write-check';
import { findPhase } from '@plenum/shared/session-doc';
import { mayWrite } from './access.ts';
import type { Peer, Room, WriteCheck } from './room.ts';
import { sentVector, type SentState } from './stored-answer.ts';
import { TokenBucket } from './token-bucket.ts';
import type { PeerSocket } from './transport.ts';
import {
  emptyAwarenessMessage,
  emptySyncStep2,
  permissionDenied,
  readAwarenessEntries,
  savedMessage,
  syncStep1,
  writeAwarenessEntries,
} from './wire.ts';

// One peer in one room, speaking the standard y-websocket protocol. What the
// peer sends is checked here: a malformed message closes this connection only
// (CLOSE.malformed); a write the peer may not make is dropped and the peer is
// told with a y-protocols "permission denied" auth message.

/** How many awareness client ids one connection may speak for (viewers: one). */
const MAX_CLIENT_IDS = 4;
const MAX_AWARENESS_STATE = 4096;

export interface Grant {
  sessionId: string;
  role: Role;
  tokenHash: string;
}

export class MalformedMessage extends Error {}

/** What the server counts about a connection (metrics.ts); nothing about who or what. */
export interface ConnectionObserver {
  /** An update of this many bytes was applied. */
  applied(bytes: number): void;
  /** Something this peer sent was refused, and why. */
  rejected(reason: string): void;
}

const NO_OBSERVER: ConnectionObserver = { applied: () => {}, rejected: () => {} };

/** The close codes that refuse what a peer sent, as metric reasons. */
const REJECTIONS: Partial<Record<number, string>> = {
  [CLOSE.malformed]: 'malformed',
  [CLOSE.invalidWrite]: 'invalid_write',
  [CLOSE.tooManyMessages]: 'too_many_messages',
  [CLOSE.slowConsumer]: 'slow_consumer',
};

/** Whether a decoded update holds a struct or a deleted range of length 0 (Yjs writes neither). */
function hasLengthZero(update: ReturnType<typeof Y.decodeUpdate>): boolean {
  if (update.structs.some((struct) => struct.length === 0)) return true;
  for (const ranges of update.ds.clients.values()) if (ranges.some((range) => range.len === 0)) return true;
  return false;
}

export class Connection implements Peer {
  readonly clientIds = new Set<number>();
  private closed = false;
  private deniedNotified = false;
  droppedWrites = 0;
  /** The voter key this connection gives dots under, once it has given one (S11). */
  private voterKey: string | null = null;
  // S10: what this peer may cost. Buckets refill on the wall clock.
  private readonly messageBucket: TokenBucket;
  private readonly byteBucket: TokenBucket;
  /** When this peer was last sent the whole document in answer to a sync step 1. */
  private fullSyncAt: number | null = null;
  /** The stored document this peer was sent before the room loaded, until its first sync step 1 is answered. */
  private sent: SentState | null = null;
  /** Whether anything was sent since the last keepAlive. */
  private sentSinceKeepAlive = true;

  constructor(
    readonly room: Room,
    private readonly socket: PeerSocket,
    readonly grant: Grant,
    readonly wantsSaved: boolean,
    private readonly limits: PeerLimits = PEER_LIMITS,
    private readonly observer: ConnectionObserver = NO_OBSERVER,
  ) {
    this.messageBucket = new TokenBucket(limits.burstMessages, limits.messagesPerSecond, Date.now());
    this.byteBucket = new TokenBucket(limits.burstBytes, limits.bytesPerSecond, Date.now());
  }

  /**
   * Attaches to the room and starts the sync (the room is already loaded).
   * `sent` is the stored document this peer was sent before the room loaded
   * (stored-answer.ts), if it was.
   */
  open(sent: SentState | null = null): void {
    this.sent = sent;
    this.room.attach(this);
    this.send(syncStep1(this.room.doc));
    const awareness = this.room.awarenessForJoiner();
    if (awareness) this.send(awareness);
  }

  /** What was sent to this peer and not yet handed to the operating system. */
  get unsentBytes(): number {
    return this.socket.bufferedAmount;
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    // A peer that does not read would make the server hold everything for
    // it: past the bound it is too slow to be served, and is dropped.
    if (this.socket.bufferedAmount + message.length > this.limits.sendBufferBytes) {
      this.close(CLOSE.slowConsumer, 'too slow: send buffer full');
      return;
    }
    this.socket.send(message);
    this.sentSinceKeepAlive = true;
  }

  /**
   * Called every keep-alive interval (upgrade.ts): if nothing was sent since
   * the last call, sends an awareness update with no state, so that the
   * stock client, which closes a connection that received nothing for 30 s,
   * keeps this one in a quiet room (S12).
   */
  keepAlive(): void {
    if (!this.sentSinceKeepAlive) this.send(emptyAwarenessMessage());
    this.sentSinceKeepAlive = false;
  }

  receive(data: Uint8Array): void {
    if (this.closed) return;
    const now = Date.now();
    if (!this.messageBucket.take(1, now) || !this.byteBucket.take(data.length, now)) {
      this.close(CLOSE.tooManyMessages, 'too many messages');
      return;
    }
    try {
      this.handle(data);
    } catch (error) {
      const reason = error instanceof MalformedMessage ? error.message : 'malformed message';
      this.close(CLOSE.malformed, reason);
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    const rejected = REJECTIONS[code];
    if (rejected) this.observer.rejected(rejected);
    this.socket.close(code, reason);
    this.onClosed();
  }

  /** The transport reports the socket closed. */
  onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.detach(this);
  }

  private handle(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync:
        this.handleSync(decoder);
        break;
      case MESSAGE.awareness:
        this.handleAwareness(decoding.readVarUint8Array(decoder));
        break;
      case MESSAGE.queryAwareness:
        // Answered as a joiner is told (S12), with no state if there is none.
        this.send(this.room.awarenessForJoiner() ?? emptyAwarenessMessage());
        break;
      case MESSAGE.auth:
        break; // clients have nothing to say here; ignore as the reference server does
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === SYNC.step1) {
      // Since the last full answer this peer was sent every change as it was
      // committed, so a repeated request has nothing new: answer it with an
      // empty step 2 (a round trip still completes), and with the whole
      // document again only once per interval (S10).
      const now = Date.now();
      const repeated = this.fullSyncAt !== null && now - this.fullSyncAt < this.limits.repeatedSyncIntervalMs;
      if (!repeated) this.fullSyncAt = now;
      // A peer sent the stored document before the room loaded asks before
      // it has read it: answer with what it lacks beyond that (what the load
      // changed, and what was written since), not with the document again.
      const sent = this.sent;
      this.sent = null;
      const asked = sent ? sentVector(payload, sent, this.room.vectorIfLoadedFrom(sent.digest)) : payload;
      const answer = repeated ? emptySyncStep2() : this.room.syncAnswer(asked);
      // What the answer holds must be durable before it is sent (S3): it is
      // encoded now and sent after the commit of everything pending now,
      // after that commit's updates (so the empty answer is true too).
      this.room.whenDurable(() => this.send(answer));
      return;
    }
    if (step !== SYNC.step2 && step !== SYNC.update) throw new MalformedMessage(`unknown sync step ${step}`);
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      // Decode fully before touching the document: a truncated or garbage
      // update must never be half-applied.
      decoded = Y.decodeUpdate(payload);
    } catch {
      throw new MalformedMessage('malformed update');
    }
    // Yjs never writes a struct or a deleted range of length 0, and does not
    // expect one: an empty item in a card's text made every later deletion of
    // that card throw inside Yjs, at the clients too, and the log that held
    // it failed to load again (the update fuzz found it).
    if (hasLengthZero(decoded)) throw new MalformedMessage('malformed update: a struct of length 0');
    if (decoded.structs.length > 0 || decoded.ds.clients.size > 0) this.write(payload);
    if (step === SYNC.step2 && this.wantsSaved) {
      // A reconnect's step 2 may bring nothing new: the client's changes were
      // committed before and their 'saved' was lost with the old connection.
      // Acknowledge here, once what the document holds now is durable (S3).
      const saved = savedMessage(Y.encodeStateVector(this.room.doc));
      this.room.whenDurable(() => this.send(saved));
    }
  }

  private write(payload: Uint8Array): void {
    if (!mayWrite(this.grant.role, this.room.address, this.room.sessionRoom?.doc ?? null)) {
      // A reconnecting client's sync step 2 always carries its whole delete
      // set, even when it adds nothing: only what would change the document
      // is a refused write (otherwise every read-only reconnect is "denied").
      if (Y.snapshotContainsUpdate(Y.snapshot(this.room.doc), payload)) return;
      this.droppedWrites++;
      this.observer.rejected('permission');
      if (!this.deniedNotified) {
        this.deniedNotified = true;
        this.send(permissionDenied(this.grant.role === 'viewer' ? 'read-only: viewer' : 'read-only'));
      }
      return;
    }
    // Nothing of an update that fails half-way, or breaks the layout, stays
    // in the room (Room.applyFrom).
    const refusal = this.room.applyFrom(this, payload, this.writeCheck());
    if (refusal !== null) this.close(refusal.code, refusal.reason);
    else this.observer.applied(payload.length);
  }

  /**
   * S11: what this peer's write must keep to. Board and private documents
   * follow the board layout, with the phase's vote budget. One connection
   * gives dots under one voter key only: voter keys are made by the browser
   * (the links are anonymous), and a fresh key per dot would defeat the budget.
   */
  private writeCheck(): WriteCheck | null {
    const address = this.room.address;
    if (address.kind === 'session') return null;
    const rules = {
      votingBudget: () => {
        const phase = this.room.sessionRoom ? findPhase(this.room.sessionRoom.doc, address.phaseId) : null;
        return phase?.votingEnabled ? phase.votingBudget : null;
      },
    };
    return (transaction) => {
      const verdict = checkBoardWrite(transaction.doc, transaction, rules);
      if (verdict.problem !== null) return { problem: verdict.problem };
      for (const voter of verdict.voters) {
        if (this.voterKey !== null && voter !== this.voterKey) return { problem: `cards.votes.${voter}: one voter key per connection` };
        this.voterKey = voter;
      }
      const overruled = verdict.overruled;
      if (overruled.length === 0) return null;
      this.observer.rejected('dots_taken_back');
      return { correct: (doc) => takeBackDots(doc, overruled) };
    };
  }

  private handleAwareness(update: Uint8Array): void {
    let entries;
    try {
      entries = readAwarenessEntries(update);
    } catch {
      throw new MalformedMessage('malformed awareness update');
    }
    const limit = this.grant.role === 'viewer' ? 1 : MAX_CLIENT_IDS;
    const owners = new Map<number, Peer>();
    for (const conn of this.room.connections) for (const id of conn.clientIds) owners.set(id, conn);
    const accepted = entries.filter((entry) => {
      const owner = owners.get(entry.clientId);
      if (owner && owner !== this) return false; // never speak for someone else
      if (!owner && this.clientIds.size >= limit) return false;
      if (entry.state.length > MAX_AWARENESS_STATE) return false;
      try {
        JSON.parse(entry.state);
      } catch {
        throw new MalformedMessage('malformed awareness state');
      }
      this.clientIds.add(entry.clientId);
      return true;
    });
    if (accepted.length > 0) applyAwarenessUpdate(this.room.awareness, writeAwarenessEntries(accepted), this);
  }
}
