import { boardRoom, sessionRoom } from '@plenum/shared/protocol';
import { readSession, type Phase } from '@plenum/shared/session-doc';
import type { SessionLink } from '../session-link.ts';
import { useT } from '../state/ui-store.ts';
import { useDocView, useSyncedDoc, useSyncState } from '../sync/hooks.ts';
import { ClosedNotice, StatusIndicator } from '../ui/StatusIndicator.tsx';
import { Page } from '../ui/Page.tsx';
import { BoardView } from './BoardView.tsx';

/** The phase participants work in: the current one, else the first with groups. */
export function activePhase(phases: Phase[], currentPhaseId: string | null): Phase | null {
  return phases.find((p) => p.id === currentPhaseId) ?? phases.find((p) => p.groups.length > 0) ?? null;
}

export function ParticipantView({ link, readOnly }: { link: SessionLink & { token: string }; readOnly: boolean }) {
  const t = useT();
  const sessionSync = useSyncedDoc(sessionRoom(link.sessionId), link.token);
  const sessionState = useSyncState(sessionSync);
  const session = useDocView(sessionSync?.doc, readSession);
  const phase = session ? activePhase(session.phases, session.meta.currentPhaseId) : null;
  const group = phase ? (phase.groups.find((g) => g.id === link.groupId) ?? phase.groups[0] ?? null) : null;
  const room = phase && group ? boardRoom(link.sessionId, phase.id, group.id) : null;
  const boardSync = useSyncedDoc(room, link.token);
  const boardState = useSyncState(boardSync);

  return (
    <Page status={<StatusIndicator state={boardSync ? boardState : sessionState} readOnly={readOnly} />}>
      <ClosedNotice state={sessionState} />
      {!session || !sessionState.synced ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <>
          <h1 className="session-title">{session.meta.title}</h1>
          {phase && group && boardSync ? (
            <BoardView phase={phase} groupName={group.name} doc={boardSync.doc} readOnly={readOnly || phase.status === 'closed'} />
          ) : (
            <p>{t('loading')}</p>
          )}
        </>
      )}
    </Page>
  );
}
