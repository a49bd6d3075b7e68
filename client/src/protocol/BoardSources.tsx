import { useEffect } from 'react';
import type * as Y from 'yjs';
import { boardKey } from '@plenum/shared/protocol-draft/build';
import { boardRoom } from '@plenum/shared/protocol';
import { hasBoards, type Phase } from '@plenum/shared/session-doc';
import { useDocReadOnce, useSyncedDoc } from '../sync/hooks.ts';
import type { SessionRef } from '../moderator/moderator-api.ts';

// Opens every board of the workshop (read only) for the protocol preview and
// reports each document by its boardKey. A component per board, because a
// hook cannot be called in a loop. The boards of the open phase stay live,
// as its groups may still be writing; those of closed phases, and of phases
// nobody writes in (information, plenum), are read once and their sockets
// closed: ten phases of 30 groups would otherwise hold 300 sockets, past the
// about 255 Chromium allows a page, and the last boards would never load.

export function BoardSources({
  sessionRef,
  phases,
  onDoc,
}: {
  sessionRef: SessionRef;
  phases: readonly Phase[];
  onDoc(key: string, doc: Y.Doc | null): void;
}) {
  return (
    <>
      {phases
        // A phase without boards may still have the groups, and the cards, it had as group work (the draft lists them).
        .filter((phase) => phase.status !== 'planned')
        .flatMap((phase) =>
          phase.groups.map((group) => (
            <BoardSource
              key={boardKey(phase.id, group.id)}
              sessionRef={sessionRef}
              phaseId={phase.id}
              groupId={group.id}
              live={hasBoards(phase.kind) && phase.status !== 'closed'}
              onDoc={onDoc}
            />
          )),
        )}
    </>
  );
}

function BoardSource({
  sessionRef,
  phaseId,
  groupId,
  live,
  onDoc,
}: {
  sessionRef: SessionRef;
  phaseId: string;
  groupId: string;
  /** Kept in sync; otherwise read once (a closed phase, or one without boards; live again once it is open group work). */
  live: boolean;
  onDoc(key: string, doc: Y.Doc | null): void;
}) {
  const room = boardRoom(sessionRef.sessionId, phaseId, groupId);
  const sync = useSyncedDoc(live ? room : null, sessionRef.token);
  const read = useDocReadOnce(live ? null : room, sessionRef.token);
  const doc = live ? (sync?.doc ?? null) : read;
  useEffect(() => {
    const key = boardKey(phaseId, groupId);
    onDoc(key, doc);
    return () => onDoc(key, null);
  }, [phaseId, groupId, doc, onDoc]);
  return null;
}
