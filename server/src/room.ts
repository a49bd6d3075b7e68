import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { initBoard } from '@plenum/shared/board-doc';
import { CLOSE, type RoomName } from '@plenum/shared/protocol';
import { migrate } from '@plenum/shared/schema';
import { AwarenessRelay } from './awareness-relay.ts';
import type { CommitQueue, Committable } from './commit-queue.ts';
import type { Logger } from './logger.ts';
import { namedDoc } from './named-doc.ts';
import type { Storage } from './storage.ts';
import { PartsDigest } from './stored-answer.ts';
import { awarenessMessage, savedMessage, syncStep2, syncUpdate, wholeSyncStep2 } from './wire.ts';

// One loaded document and the connections on it. A room is loaded completely
// from storage before any connection is attached, so no client is ever synced
// against an empty stand-in for a stored document (docs/sync-spec.md, S1).
// (Its first clients may have been sent its stored bytes before: upgrade.ts.)

/**
 * A connection as the room sees it. `Connection` implements it; the room
 * needs nothing else of it, so room.ts does not import connection.ts.
 */
export interface Peer {
  /** The peer asked for MESSAGE.saved after each commit of its updates. */
  readonly wantsSaved: boolean;
  /** Awareness client ids this peer speaks for (removed when it leaves). */
  readonly clientIds: ReadonlySet<number>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/**
 * The transaction origin of every change to a room's document: a peer's
 * update (forwarded to everyone else, acknowledged to the peer), the server's
 * own change (phase actions), or the load from storage (neither stored nor sent).
 */
export type ChangeOrigin = { kind: 'peer'; peer: Peer } | { kind: 'server' } | { kind: 'load' };

export const SERVER_ORIGIN: ChangeOrigin = { kind: 'server' };
const LOAD_ORIGIN: ChangeOrigin = { kind: 'load' };

function peerOf(origin: unknown): Peer | null {
  const tagged = origin as ChangeOrigin | null;
  return tagged?.kind === 'peer' ? tagged.peer : null;
}

/**
 * What a peer's applied transaction must keep to (S11): returns null if it
 * stands as it is; a problem (what it breaks of the documented layout), which
 * refuses it whole; or a correction the server writes right after it, in a
 * transaction of its own (dots the phase does not allow at this moment).
 */
export type WriteCheck = (transaction: Y.Transaction) => WriteVerdict;

export type WriteVerdict = null | { problem: string } | { correct(doc: Y.Doc): void };

/** Why a peer's update was not applied: the close code for its sender and a reason. */
export interface Refusal {
  code: number;
  reason: string;
}

export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactEvery: number;
  logger: Logger;
}

interface Pending {
  update: Uint8Array;
  origin: unknown;
  /** The peer that sent it, or null for the server's own changes. */
  sender: Peer | null;
}

/** A Yjs state vector with no clients: the peer's document is empty. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

export class Room implements Committable {
  private current: Y.Doc;
  readonly awareness: Awareness;
  private readonly awarenessRelay: AwarenessRelay;
  readonly connections = new Set<Peer>();
  /** The session room a board room reads its permissions from. */
  sessionRoom: Room | null = null;
  private pending: Pending[] = [];
  /** Handed to the commit thread, not yet answered (docs/sync-spec.md, S3). */
  private committing: Pending[] = [];
  /** The state vector once `committing` is written, if a sender asked to hear it (S3a). */
  private savedVector: Uint8Array | null = null;
  /** Waiting for the commit of what is pending now, and of what is committing now (whenDurable). */
  private waitingForPending: (() => void)[] = [];
  private waitingForCommit: (() => void)[] = [];
  private updatesInLog = 0;
  /** Compact once the log holds this many updates (moves on after a refused compaction). */
  private compactAt: number;
  private holders = 0;
  private destroyed = false;
  /**
   * The answer to a sync step 1 from an empty document — everyone who opens
   * the board for the first time — kept until the document changes: when a
   * group phase starts, its ten people are sent one encoding of the board,
   * not ten (a 2,000-card board takes tens of milliseconds to encode).
   */
  private wholeAnswer: Uint8Array | null = null;
  /** How often the whole document was encoded for such an answer (tests read it). */
  wholeAnswerEncodes = 0;
  /**
   * The document is exactly its stored snapshot: loaded from it alone and
   * unchanged since (a layout or migration at load counts as a change). Its
   * bytes are then a whole encoding of the document, read when the first
   * joiner asks rather than kept: on a 2,000-card board that saves an
   * encoding of tens of milliseconds on every cold load, and holds nothing
   * in memory while nobody asks.
   */
  private isStoredSnapshot = false;
  /** What the room was loaded from (digestOf its stored parts), and its state vector then, before any layout or migration. */
  private loadedFrom: { digest: string; vector: Uint8Array } | null = null;

  constructor(
    readonly name: string,
    readonly address: RoomName,
    private readonly storage: Storage,
    private readonly commits: CommitQueue,
    private readonly options: RoomOptions,
    private readonly onUnused: (room: Room) => void,
    private readonly onFailed: (room: Room) => void,
  ) {
    this.current = namedDoc(name);
    this.awareness = new Awareness(this.current);
    this.awarenessRelay = new AwarenessRelay(this.awareness);
    this.compactAt = options.compactEvery;
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get sessionId(): string {
    return this.address.sessionId;
  }

  /** Loads the stored state; throws if storage cannot be read (the caller refuses the connection). */
  load(): void {
    // Identified as it is applied, for a first client that was sent the same
    // parts; only what it can have been sent (Rooms.storedState: a log
    // shorter than compactEvery), so a long log is not hashed whole.
    const digest = new PartsDigest();
    let parts = 0;
    const found = this.storage.applyStored(this.doc, this.name, LOAD_ORIGIN, (part) => {
      if (++parts <= this.options.compactEvery) digest.add(part);
    });
    if (found && parts <= this.options.compactEvery) this.loadedFrom = { digest: digest.value(), vector: Y.encodeStateVector(this.doc) };
    this.updatesInLog = this.storage.countUpdates(this.name);
    this.isStoredSnapshot = found && this.updatesInLog === 0;
    this.doc.on('update', this.onDocUpdate);
    // Board and private documents share one layout (a private one holds a
    // single writer's cards until the reveal moves them onto the board).
    if (this.address.kind !== 'session' && this.doc.getMap('meta').size === 0) {
      const { sessionId, phaseId, groupId } = this.address;
      initBoard(this.doc, { sessionId, phaseId, groupId });
    }
    migrate(this.doc, this.address.kind === 'session' ? 'session' : 'board');
    // A new board's layout or a migration is committed before any connection
    // is attached, so it is part of every sync answer and never broadcast as
    // news. A document that needed neither does not wait for the thread.
    this.flush();
  }

  /** The document; replaced (never mutated back) when a peer's update fails half-way (applyFrom). */
  get doc(): Y.Doc {
    return this.current;
  }

  /**
   * Calls `listener` after every change to the document, whoever made it
   * (also across a reload of the document, which `doc.on` would miss).
   */
  observe(listener: () => void): void {
    this.observers.push(listener);
  }

  private readonly observers: (() => void)[] = [];

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.wholeAnswer = null;
    this.isStoredSnapshot = false;
    if (origin === LOAD_ORIGIN || this.destroyed) return;
    this.pending.push({ update, origin, sender: peerOf(origin) });
    this.commits.schedule(this);
    for (const listener of this.observers) listener();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const encode = (ids: number[]) => awarenessMessage(encodeAwarenessUpdate(this.awareness, ids));
    const told = this.awarenessRelay.toOthers(changed);
    if (told.length === changed.length) {
      const message = encode(changed);
      for (const conn of this.connections) conn.send(message);
      return;
    }
    // Some of it is nobody else's (S12): the others hear what they are told,
    // the sender all of its own change (a peer that left hears nothing).
    const sender = this.connections.has(origin as Peer) ? (origin as Peer) : null;
    const toOthers = told.length > 0 ? encode(told) : null;
    const toSender = sender ? encode(changed) : null;
    for (const conn of this.connections) {
      const message = conn === sender ? toSender : toOthers;
      if (message) conn.send(message);
    }
  };

  /** The awareness message a joining peer is sent (S12), or null if there is nothing to tell it. */
  awarenessForJoiner(): Uint8Array | null {
    const ids = this.awarenessRelay.forJoiner();
    return ids.length > 0 ? awarenessMessage(encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  takePending(): Uint8Array[] | null {
    if (this.pending.length === 0) return null;
    const taken = this.pending;
    // Appended, not replaced: an afterCommit that compacts flushes again
    // before its batch's other rooms have broadcast theirs.
    this.committing.push(...taken);
    this.pending = [];
    // Exactly the state that is on disk once this batch is: later updates
    // wait for the next one. Encoded only when someone will read it.
    if (taken.some((p) => p.sender?.wantsSaved)) this.savedVector = Y.encodeStateVector(this.doc);
    this.waitingForCommit.push(...this.waitingForPending);
    this.waitingForPending = [];
    return taken.map((p) => p.update);
  }

  afterCommit(): void {
    const committed = this.committing;
    this.committing = [];
    const waiting = this.waitingForCommit;
    this.waitingForCommit = [];
    if (committed.length > 0) this.broadcast(committed);
    for (const callback of waiting) callback();
  }

  private broadcast(committed: Pending[]): void {
    const acknowledge = new Set<Peer>();
    for (const { update, sender } of committed) {
      const message = syncUpdate(update);
      for (const conn of this.connections) if (conn !== sender) conn.send(message);
      if (sender?.wantsSaved && this.connections.has(sender)) acknowledge.add(sender);
    }
    const vector = this.savedVector;
    this.savedVector = null;
    if (vector && acknowledge.size > 0) {
      const saved = savedMessage(vector);
      for (const conn of acknowledge) conn.send(saved);
    }
    this.updatesInLog += committed.length;
    if (this.updatesInLog >= this.compactAt && !this.compact()) {
      // The log is intact, so nothing is lost; but a full disk will refuse the
      // next writes too. Tell clients (they reconnect and resend), and try to
      // fold again after another compactEvery updates or at unload.
      this.compactAt = this.updatesInLog + this.options.compactEvery;
      this.closeAll(CLOSE.storageError, 'could not save, please reconnect');
    }
  }

  /**
   * The state vector of what the room was loaded from, if that was exactly
   * the stored parts with this digest (a peer was sent them before the room
   * loaded: stored-answer.ts); null if it was not, or the room loaded nothing.
   */
  vectorIfLoadedFrom(digest: string): Uint8Array | null {
    return this.loadedFrom?.digest === digest ? this.loadedFrom.vector : null;
  }

  /** The sync step 2 that answers a peer's step 1 with `stateVector`: what the peer lacks of the document now. */
  syncAnswer(stateVector: Uint8Array): Uint8Array {
    if (!isEmptyStateVector(stateVector)) return syncStep2(this.doc, stateVector);
    if (this.wholeAnswer === null) {
      const stored = this.isStoredSnapshot ? this.storage.loadDocument(this.name) : null;
      if (stored) this.wholeAnswer = wholeSyncStep2(stored);
      else {
        this.wholeAnswer = syncStep2(this.doc, stateVector);
        this.wholeAnswerEncodes++;
      }
    }
    return this.wholeAnswer;
  }

  /**
   * Calls `callback` once everything in the document now is on disk: at
   * once if nothing is pending, else after the commit that takes it. For
   * answers encoded now and sent later (a sync step 2, a "saved"), so the
   * hot path never waits for a commit on the main thread (S3). Not called
   * if the commit fails: the room's connections are closed then.
   */
  whenDurable(callback: () => void): void {
    if (this.pending.length > 0) this.waitingForPending.push(callback);
    else if (this.committing.length > 0) this.waitingForCommit.push(callback);
    else callback();
  }

  commitFailed(error: unknown): void {
    this.options.logger.error({ err: error, kind: this.address.kind }, 'could not save a document');
    // What is in memory was never stored: drop the room, and let clients (who
    // still hold their changes) send them again once they reconnect.
    this.pending = [];
    this.committing = [];
    this.waitingForPending = [];
    this.waitingForCommit = [];
    this.closeAll(CLOSE.storageError, 'could not save, please reconnect');
    this.onFailed(this);
  }

  /** Commits this room's pending updates now. */
  flush(): void {
    if (this.pending.length > 0 || this.committing.length > 0) this.commits.flush();
  }

  /**
   * Commits what is pending and folds the log into one snapshot (S4). Returns
   * false if storage refused: the log is then left as it was (the compaction
   * is one transaction), so every committed update still loads.
   */
  compact(): boolean {
    this.flush();
    if (this.destroyed) return false; // the flush failed and dropped the room
    if (this.updatesInLog === 0) return true;
    try {
      this.storage.compact(this.name, this.sessionId, Y.encodeStateAsUpdate(this.doc));
    } catch (error) {
      this.options.logger.error({ err: error, kind: this.address.kind }, 'could not compact a document');
      return false;
    }
    this.updatesInLog = 0;
    this.compactAt = this.options.compactEvery;
    return true;
  }

  /**
   * Applies a peer's update (decoded and permitted already), all or nothing
   * (docs/sync-spec.md, S7 and S11). `check` sees the applied transaction and
   * names what breaks the documented layout, or returns null. Returns null
   * when the update was applied; otherwise why not (the update left nothing
   * behind), as the close code for its sender and a reason.
   *
   * Yjs integrates an update struct by struct and, even when a later struct
   * throws, emits what it had integrated. Checking every update on a scratch
   * copy would cost a copy of the document per keystroke; instead a failure
   * throws away what the update left behind: its emitted part is dropped from
   * the pending list, and the document is rebuilt from storage plus the
   * others' pending updates. Peers were sent nothing of it (forwarding waits
   * for the commit), so they stay.
   */
  applyFrom(peer: Peer, update: Uint8Array, check: WriteCheck | null = null): Refusal | null {
    const origin: ChangeOrigin = { kind: 'peer', peer };
    let refusal: Refusal | null = null;
    const corrections: ((doc: Y.Doc) => void)[] = [];
    // Runs while Yjs still holds the transaction (before its 'update' event).
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.origin !== origin || check === null || refusal !== null) return;
      const verdict = check(transaction);
      if (verdict === null) return;
      if ('problem' in verdict) refusal = { code: CLOSE.invalidWrite, reason: verdict.problem };
      else corrections.push(verdict.correct);
    };
    this.current.on('afterTransaction', onTransaction);
    try {
      Y.applyUpdate(this.current, update, origin);
    } catch {
      refusal = { code: CLOSE.malformed, reason: 'update could not be applied' };
    } finally {
      this.current.off('afterTransaction', onTransaction);
    }
    if (refusal !== null) {
      this.discard(origin);
      return refusal;
    }
    // The server's own change, stored and sent to everyone (the sender too)
    // in the same commit as the update it corrects.
    if (corrections.length > 0) this.current.transact((transaction) => corrections.forEach((correct) => correct(transaction.doc)), SERVER_ORIGIN);
    return null;
  }

  /** Throws away everything `origin` changed that is not committed yet. */
  private discard(origin: ChangeOrigin): void {
    this.pending = this.pending.filter((p) => p.origin !== origin);
    if (this.pending.length === 0) {
      // Nothing of theirs is left to commit: do not keep them waiting for a write that may never come.
      const waiting = this.waitingForPending;
      this.waitingForPending = [];
      for (const callback of waiting) this.whenDurable(callback);
    }
    try {
      this.rebuild();
    } catch (error) {
      // Storage could not be read: the room cannot be trusted any more.
      this.options.logger.error({ err: error, kind: this.address.kind }, 'could not reload a document');
      this.pending = [];
      this.closeAll(CLOSE.storageError, 'could not load, please reconnect');
      this.onFailed(this);
    }
  }

  private rebuild(): void {
    const fresh = namedDoc(this.name);
    this.storage.applyStored(fresh, this.name, LOAD_ORIGIN);
    // The batch on its way to disk may or may not be in what was read:
    // applying an update twice changes nothing.
    for (const { update } of [...this.committing, ...this.pending]) Y.applyUpdate(fresh, update, LOAD_ORIGIN);
    this.current.off('update', this.onDocUpdate);
    this.wholeAnswer = null;
    this.isStoredSnapshot = false;
    // Not destroyed: the awareness (whose states do not depend on it) keeps it.
    this.current = fresh;
    fresh.on('update', this.onDocUpdate);
    for (const listener of this.observers) listener();
  }

  attach(conn: Peer): void {
    this.connections.add(conn);
    this.acquire();
  }

  detach(conn: Peer): void {
    if (!this.connections.delete(conn)) return;
    if (conn.clientIds.size > 0) removeAwarenessStates(this.awareness, [...conn.clientIds], conn);
    this.release();
  }

  acquire(): void {
    this.holders++;
  }

  release(): void {
    this.holders--;
    if (this.holders === 0) this.onUnused(this);
  }

  get inUse(): boolean {
    return this.holders > 0;
  }

  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections]) conn.close(code, reason);
  }

  /**
   * Flushes (unless the room failed), compacts and frees memory. A refused
   * compaction does not stop it: the log keeps every committed update.
   */
  destroy(save = true): void {
    if (this.destroyed) return;
    if (save) this.compact();
    this.destroyed = true;
    this.commits.forget(this);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.current.destroy();
  }
}
