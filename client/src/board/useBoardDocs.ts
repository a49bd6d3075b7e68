import { useMemo } from 'react';
import { boardRoom, privateRoom, writerIdFor } from '@plenum/shared/protocol';
import type { BoardRef } from '../state/participant-prefs.ts';
import type { SyncedDoc } from '../sync/connection.ts';
import { useSyncedDoc } from '../sync/hooks.ts';

export interface BoardDocs {
  /** The group's board: presence always lives here. */
  board: SyncedDoc | null;
  /** The document whose cards are shown: the board, or this writer's private one. */
  cards: SyncedDoc | null;
  privateMode: boolean;
}

/**
 * Opens the group's board and, while private writing is on and not yet
 * revealed, this browser's private document beside it. The private room is
 * named by the hash of `writerSecret`; the server lets in only whoever sends
 * the secret itself. At the reveal the server moves the private cards onto
 * the board and sets `privateRevealed`, and this switches to the board.
 * The documents are keyed by their room names only, so a board opened from
 * what was remembered (ParticipantView) stays open, not opened twice, when
 * the session document then names the same board.
 */
export function useBoardDocs(sessionId: string, token: string, target: BoardRef | null, writerSecret: string, readOnly: boolean): BoardDocs {
  // Participants keep a local copy (sync/local-copy.ts); viewers write nothing worth keeping.
  const board = useSyncedDoc(target ? boardRoom(sessionId, target.phaseId, target.groupId) : null, token, undefined, !readOnly);
  const privateMode = !readOnly && target !== null && target.privateWriting;
  const writerId = useMemo(() => writerIdFor(writerSecret), [writerSecret]);
  const privateName = privateMode ? privateRoom(sessionId, target.phaseId, target.groupId, writerId) : null;
  const mine = useSyncedDoc(privateName, token, privateName ? { writer: writerSecret } : undefined, true);
  return { board, cards: privateMode ? mine : board, privateMode };
}
