import { useEffect, useMemo, useRef, useState } from 'react';
import { readCards, type Card } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import type { Phase } from '@plenum/shared/session-doc';
import { openSyncedDoc, type SyncedDoc } from '../sync/connection.ts';
import { sameItems } from '../sync/hooks.ts';

export interface PhaseBoards {
  /** groupId → the group's board document, once opened. */
  docs: ReadonlyMap<string, SyncedDoc>;
  /** groupId → its cards (readCards), only for boards that have synced. */
  cards: ReadonlyMap<string, readonly Card[]>;
  /** Every board of the phase has synced once. */
  synced: boolean;
}

/**
 * `next`, with each board's list replaced by the one in `last` where they hold
 * the same card objects (readCards reuses unchanged cards): the plenum view
 * memoises each board, so a card written on one board renders that board
 * again, not the phase's other boards.
 */
export function keepUnchangedBoards(
  last: ReadonlyMap<string, readonly Card[]>,
  next: ReadonlyMap<string, readonly Card[]>,
): Map<string, readonly Card[]> {
  const out = new Map<string, readonly Card[]>();
  for (const [groupId, cards] of next) {
    const before = last.get(groupId);
    out.set(groupId, before && sameItems(before, cards) ? before : cards);
  }
  return out;
}

/**
 * Opens every group's board of a phase at once (the plenum view shows them
 * side by side and the summary reads all of them). One effect for the whole
 * list, since the number of groups varies and hooks cannot be called in a loop.
 */
export function usePhaseBoards(sessionId: string, token: string, phase: Pick<Phase, 'id' | 'groups'>): PhaseBoards {
  const groupKey = phase.groups.map((g) => g.id).join(',');
  const [docs, setDocs] = useState<ReadonlyMap<string, SyncedDoc>>(new Map());
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const opened = new Map<string, SyncedDoc>();
    const bump = () => setVersion((v) => v + 1);
    const unsubscribe: (() => void)[] = [];
    for (const groupId of groupKey ? groupKey.split(',') : []) {
      const synced = openSyncedDoc(boardRoom(sessionId, phase.id, groupId), token);
      synced.doc.on('update', bump);
      unsubscribe.push(synced.subscribe(bump));
      opened.set(groupId, synced);
    }
    setDocs(opened);
    return () => {
      for (const off of unsubscribe) off();
      for (const synced of opened.values()) synced.destroy();
      setDocs(new Map());
    };
  }, [sessionId, token, phase.id, groupKey]);

  const lastRead = useRef<ReadonlyMap<string, readonly Card[]>>(new Map());
  return useMemo(() => {
    void version; // recomputed whenever a board changed or synced
    const read = new Map<string, readonly Card[]>();
    let synced = docs.size === phase.groups.length;
    for (const [groupId, doc] of docs) {
      if (doc.getState().synced) read.set(groupId, readCards(doc.doc));
      else synced = false;
    }
    const cards = keepUnchangedBoards(lastRead.current, read);
    lastRead.current = cards;
    return { docs, cards, synced };
  }, [docs, version, phase.groups.length]);
}
