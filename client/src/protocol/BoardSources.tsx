import { useEffect } from 'react';
import type * as Y from 'yjs';
import { boardKey } from '@plenum/shared/protocol-draft/build';
import { boardRoom } from '@plenum/shared/protocol';
import type { Phase } from '@plenum/shared/session-doc';
import { hasBoards } from '../join/phase-routing.ts';
import { useSyncedDoc } from '../sync/hooks.ts';
import type { SessionRef } from '../moderator/moderator-api.ts';

// Opens every board of the workshop (read only) for the protocol preview and
// reports each document by its boardKey. A component per board, because a
// hook cannot be called in a loop.

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
        .filter((phase) => hasBoards(phase.kind) && phase.status !== 'planned')
        .flatMap((phase) =>
          phase.groups.map((group) => (
            <BoardSource key={boardKey(phase.id, group.id)} sessionRef={sessionRef} phaseId={phase.id} groupId={group.id} onDoc={onDoc} />
          )),
        )}
    </>
  );
}

function BoardSource({
  sessionRef,
  phaseId,
  groupId,
  onDoc,
}: {
  sessionRef: SessionRef;
  phaseId: string;
  groupId: string;
  onDoc(key: string, doc: Y.Doc | null): void;
}) {
  const sync = useSyncedDoc(boardRoom(sessionRef.sessionId, phaseId, groupId), sessionRef.token);
  const doc = sync?.doc ?? null;
  useEffect(() => {
    const key = boardKey(phaseId, groupId);
    onDoc(key, doc);
    return () => onDoc(key, null);
  }, [phaseId, groupId, doc, onDoc]);
  return null;
}
