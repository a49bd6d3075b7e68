import * as Y from 'yjs';
import { appendCards, clearCards, readCards } from '@plenum/shared/board-doc';
import { ModelError } from '@plenum/shared/errors';
import { boardRoom, parseRoom, sessionRoom } from '@plenum/shared/protocol';
import { findPhase, hasBoard, readPhases, setPhaseFlag, setTimer, type Phase } from '@plenum/shared/session-doc';
import { applyTimerAction, idleTimer, TIMER_ACTIONS, type TimerAction, type TimerState } from '@plenum/shared/timer';
import { LIMITS } from '@plenum/shared/limits';
import { SERVER_ORIGIN, type Room } from './room.ts';
import type { Rooms } from './rooms.ts';
import type { Storage } from './storage.ts';

// What the server does to documents on a moderator's behalf: things that need
// the server's clock (timers) or documents no single client may read
// (everyone's private cards at the reveal).

function phaseOf(room: Room, phaseId: string): Phase {
  const phase = findPhase(room.doc, phaseId);
  if (!phase) throw new ModelError('not_found', 'no such phase', 'phaseId');
  return phase;
}

/** Runs `fn` with the session room loaded, letting it go idle again afterwards. */
function withRoom<T>(rooms: Rooms, name: string, fn: (room: Room) => T): T {
  const room = rooms.open(name);
  room.acquire();
  try {
    return fn(room);
  } finally {
    room.release();
  }
}

export function timerAction(rooms: Rooms, sessionId: string, phaseId: string, action: unknown, minutes: unknown): TimerState {
  if (typeof action !== 'string' || !(TIMER_ACTIONS as readonly string[]).includes(action)) {
    throw new ModelError('invalid', `action must be one of ${TIMER_ACTIONS.join(', ')}`, 'action');
  }
  if (minutes !== undefined && (typeof minutes !== 'number' || !(minutes >= 0) || minutes * 60_000 > LIMITS.timerMaxMs)) {
    throw new ModelError('invalid', 'minutes out of range', 'minutes', LIMITS.timerMaxMs / 60_000);
  }
  return withRoom(rooms, sessionRoom(sessionId), (room) => {
    const phase = phaseOf(room, phaseId);
    // A closed board does not count down (its timer stopped at the closure).
    if (action === 'start' && phase.status === 'closed') throw new ModelError('read_only', 'the phase is closed', 'action');
    const next =
      action === 'reset' && typeof minutes === 'number'
        ? idleTimer(minutes * 60_000)
        : applyTimerAction(phase.timer, action as TimerAction, Date.now());
    room.doc.transact(() => setTimer(room.doc, phaseId, next), SERVER_ORIGIN);
    return next;
  });
}

/**
 * A closed phase's timer stops, on the server's clock: what was left is kept
 * and `endsAt` cleared, whoever closed it (the moderator's "Phase schließen",
 * or starting another phase, which closes the current one).
 */
export function stopTimerOfClosedPhase(room: Room, phaseId: string): void {
  const phase = findPhase(room.doc, phaseId);
  if (phase?.status !== 'closed' || phase.timer.endsAt === null) return;
  room.doc.transact(() => setTimer(room.doc, phaseId, applyTimerAction(phase.timer, 'pause', Date.now())), SERVER_ORIGIN);
}

/**
 * Moves every writer's private cards of a phase onto their group's board and
 * marks the phase revealed. Returns how many cards were moved.
 */
export function revealPrivateCards(rooms: Rooms, storage: Storage, sessionId: string, phaseId: string): number {
  rooms.commits.flush();
  return withRoom(rooms, sessionRoom(sessionId), (session) => {
    phaseOf(session, phaseId);
    const prefix = `${sessionId}/private/${phaseId}/`;
    const writersOf = new Map<string, string[]>();
    for (const name of storage.documentNames(sessionId)) {
      const address = name.startsWith(prefix) ? parseRoom(name) : null;
      // A group deleted from the phase has no board to reveal into.
      if (address?.kind !== 'private' || !hasBoard(session.doc, phaseId, address.groupId)) continue;
      const writers = writersOf.get(address.groupId);
      if (writers) writers.push(name);
      else writersOf.set(address.groupId, [name]);
    }
    let moved = 0;
    for (const [groupId, writers] of writersOf) moved += revealOntoBoard(rooms, boardRoom(sessionId, phaseId, groupId), writers);
    session.doc.transact(() => setPhaseFlag(session.doc, phaseId, 'privateRevealed', true), SERVER_ORIGIN);
    rooms.commits.flush();
    return moved;
  });
}

/**
 * One group's reveal: all its writers' cards onto the board in one
 * transaction, then each writer's document emptied. One update per board, not
 * one per writer: the board is read once and its people get the cards at
 * once (docs/benchmarks.md, "Private writing at 300 writers"). Anything that
 * fails (storage) fails the reveal before this board is written: no card is
 * skipped silently.
 */
function revealOntoBoard(rooms: Rooms, board: string, writers: string[]): number {
  const opened: Room[] = [];
  try {
    for (const name of writers) {
      const room = rooms.open(name);
      room.acquire();
      opened.push(room);
    }
    const holding = opened.map((room) => ({ room, cards: readCards(room.doc) })).filter((writer) => writer.cards.length > 0);
    const cards = holding.flatMap((writer) => writer.cards);
    if (cards.length === 0) return 0;
    const moved = withRoom(rooms, board, (room) => {
      let added = 0;
      room.doc.transact(() => {
        added = appendCards(room.doc, cards);
      }, SERVER_ORIGIN);
      return added;
    });
    for (const { room } of holding) room.doc.transact(() => clearCards(room.doc), SERVER_ORIGIN);
    return moved;
  } finally {
    for (const room of opened) room.release();
  }
}

/**
 * Calls `onClosed` once each time a phase of this session room turns
 * 'closed', whoever closed it, after the change is committed.
 */
export function watchPhaseClosures(room: Room, onClosed: (phase: Phase) => void): void {
  const statuses = new Map(readPhases(room.doc).map((p) => [p.id, p.status]));
  room.observe(() => {
    for (const phase of readPhases(room.doc)) {
      const before = statuses.get(phase.id);
      statuses.set(phase.id, phase.status);
      if (phase.status === 'closed' && before !== 'closed') setImmediate(() => onClosed(phase));
    }
  });
}

/**
 * The current state of every document of a session, by room name: from the
 * loaded room where there is one (it may hold changes still being committed),
 * else from storage. Opens no room and no connection.
 */
export function sessionStates(ctx: { storage: Storage; rooms: Rooms }, sessionId: string): Map<string, Uint8Array> {
  ctx.rooms.commits.flush();
  const states = new Map<string, Uint8Array>();
  for (const name of ctx.storage.documentNames(sessionId)) {
    const loaded = ctx.rooms.loaded(name);
    const state = loaded ? Y.encodeStateAsUpdate(loaded.doc) : ctx.storage.loadDocument(name);
    if (state) states.set(name, state);
  }
  return states;
}

/** Saves the current state of every document of a session under one label. */
export function snapshotSession(ctx: { storage: Storage; rooms: Rooms }, sessionId: string, label: string) {
  return ctx.storage.saveSnapshot(sessionId, label, sessionStates(ctx, sessionId));
}
