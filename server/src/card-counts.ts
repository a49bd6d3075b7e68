import * as Y from 'yjs';
import { readCards } from '@plenum/shared/board-doc';
import { ModelError } from '@plenum/shared/errors';
import { boardRoom, parseRoom, sessionRoom } from '@plenum/shared/protocol';
import { findPhase } from '@plenum/shared/session-doc';
import { namedDoc } from './named-doc.ts';
import type { Rooms } from './rooms.ts';
import type { Storage } from './storage.ts';

// How many cards each group of a phase has, for the moderator: on the group's
// board, and in its writers' private documents while private writing is on.
// Counts only, never a text: the moderator judges progress ("0 Karten" while
// twenty private cards exist said nothing), and nobody reads a private card
// before the reveal. The server counts because it holds every private
// document; a moderator's browser would have to open each writer's room.

export interface CardTally {
  cards: number;
  /** Cards per stored column id, also ids of columns since removed (the board shows those in its first column). */
  columns: Record<string, number>;
}

export interface GroupCounts {
  board: CardTally;
  /** `writers`: private documents holding at least one card. */
  private: CardTally & { writers: number };
}

function tally(doc: Y.Doc, into: CardTally): number {
  const cards = readCards(doc);
  for (const card of cards) into.columns[card.columnId] = (into.columns[card.columnId] ?? 0) + 1;
  into.cards += cards.length;
  return cards.length;
}

/**
 * The counts of every group of a phase, from the loaded room where there is
 * one (it may hold changes still being committed), else from storage. Opens
 * no room, so polling keeps nothing loaded.
 */
export function cardCounts(ctx: { storage: Storage; rooms: Rooms }, sessionId: string, phaseId: string): Record<string, GroupCounts> {
  const session = ctx.rooms.loaded(sessionRoom(sessionId))?.doc ?? stored(ctx.storage, sessionRoom(sessionId));
  const phase = session && findPhase(session, phaseId);
  if (!phase) throw new ModelError('not_found', 'no such phase', 'phaseId');
  const groups: Record<string, GroupCounts> = {};
  for (const group of phase.groups) {
    groups[group.id] = { board: { cards: 0, columns: {} }, private: { writers: 0, cards: 0, columns: {} } };
  }
  const read = (name: string, count: (doc: Y.Doc) => void) => {
    const loaded = ctx.rooms.loaded(name)?.doc;
    const doc = loaded ?? stored(ctx.storage, name);
    if (!doc) return;
    count(doc);
    if (!loaded) doc.destroy();
  };
  for (const group of phase.groups) read(boardRoom(sessionId, phaseId, group.id), (doc) => tally(doc, groups[group.id]!.board));
  // A private document is in storage once written to; a new one may so far be only loaded.
  const names = new Set([...ctx.storage.documentNames(sessionId), ...ctx.rooms.roomsOf(sessionId).map((room) => room.name)]);
  for (const name of names) {
    const address = parseRoom(name);
    if (address?.kind !== 'private' || address.phaseId !== phaseId) continue;
    const counts = groups[address.groupId]?.private;
    if (!counts) continue; // a group since removed from the phase
    read(name, (doc) => {
      if (tally(doc, counts) > 0) counts.writers++;
    });
  }
  if (!ctx.rooms.loaded(sessionRoom(sessionId))) session.destroy();
  return groups;
}

function stored(storage: Storage, name: string): Y.Doc | null {
  const doc = namedDoc(name);
  if (storage.applyStored(doc, name, null)) return doc;
  doc.destroy();
  return null;
}
