import { useEffect } from 'react';
import { sessionRoom } from '@plenum/shared/protocol';
import { hasBoards, readSession } from '@plenum/shared/session-doc';
import { PhaseInfo } from '../join/PhaseInfo.tsx';
import { currentPhase, resolveGroup } from '../join/phase-routing.ts';
import { JoinStep } from '../join/JoinStep.tsx';
import { WaitingForPhase } from '../join/WaitingForPhase.tsx';
import { FollowPresentation } from '../plenum/FollowPresentation.tsx';
import type { SessionLink } from '../session-link.ts';
import { useParticipantPrefs, type BoardRef } from '../state/participant-prefs.ts';
import { useT, useUi } from '../state/ui-store.ts';
import { useDocView, useSyncedDoc, useSyncState } from '../sync/hooks.ts';
import { measureServerOffset } from '../sync/server-clock.ts';
import { Page } from '../ui/Page.tsx';
import { ClosedNotice, StatusIndicator } from '../ui/StatusIndicator.tsx';
import { BoardView } from './BoardView.tsx';
import { GroupPicker } from './GroupPicker.tsx';
import { presenceColor } from './usePresence.ts';
import { useBoardDocs } from './useBoardDocs.ts';

const sameBoard = (a: BoardRef | null, b: BoardRef | null) =>
  a === b || (a !== null && b !== null && a.phaseId === b.phaseId && a.groupId === b.groupId && a.privateWriting === b.privateWriting);

// Participants and viewers: join, then follow the moderator's current phase.
// Everything shown is derived from the session document and this browser's
// remembered choices, so a phase switch or a reload lands on the right screen.
export function ParticipantView({ link, readOnly }: { link: SessionLink & { token: string }; readOnly: boolean }) {
  const t = useT();
  // A participant keeps the session document too, so a reload while the
  // server is away can still find the phase and the board (sync/local-copy.ts).
  const sessionSync = useSyncedDoc(sessionRoom(link.sessionId), link.token, undefined, !readOnly);
  const sessionState = useSyncState(sessionSync);
  const session = useDocView(sessionSync?.doc, readSession);
  const [prefs, updatePrefs] = useParticipantPrefs(link.sessionId);
  // "Sie" or "du", as the moderator chose for this workshop: every text of this page follows it, live.
  const address = session?.meta.address ?? 'formal';
  const setAddress = useUi((s) => s.setAddress);
  useEffect(() => setAddress(address), [address, setAddress]);

  const phase = session ? currentPhase(session) : null;
  const boardPhase = phase && hasBoards(phase.kind) && phase.groups.length > 0 ? phase : null;
  // A viewer's own pick in the group select wins over the link's group; a participant's link group is fixed.
  const resolution = !boardPhase
    ? null
    : readOnly
      ? resolveGroup(boardPhase, null, prefs.groups[boardPhase.id] ?? link.groupId ?? undefined)
      : resolveGroup(boardPhase, link.groupId, prefs.groups[boardPhase.id]);
  // Viewers are never asked: they start on the first group and switch with a select.
  const group = resolution?.group ?? (readOnly && boardPhase ? (boardPhase.groups[0] ?? null) : null);
  const sessionKnown = session !== null && (sessionState.synced || sessionState.restored);
  const shown: BoardRef | null =
    boardPhase && group
      ? { phaseId: boardPhase.id, groupId: group.id, privateWriting: boardPhase.privateWriting && !boardPhase.privateRevealed }
      : null;
  // Until the session document has said which board is current, the board
  // shown last is opened already (its local copy and its connection load
  // beside the session's); it is shown only once the session agrees, and
  // replaced if it does not.
  const docs = useBoardDocs(link.sessionId, link.token, sessionKnown ? shown : prefs.lastBoard, prefs.writerSecret, readOnly);
  const cardsState = useSyncState(docs.cards);
  const lastBoardChanged = sessionKnown && !sameBoard(shown, prefs.lastBoard);
  useEffect(() => {
    if (lastBoardChanged) updatePrefs({ lastBoard: shown });
  });

  // Opened while the server was away (sync/local-copy.ts), the clock offset
  // could not be measured: measure it once the connection is there.
  useEffect(() => {
    if (sessionState.status === 'online') void measureServerOffset();
  }, [sessionState.status]);

  const sessionTitle = session?.meta.title ?? '';
  const appName = t('app.name');
  useEffect(() => {
    document.title = sessionTitle ? `${sessionTitle} – ${appName}` : appName;
  }, [sessionTitle, appName]);

  // Offline with changes the server does not have yet: leaving now would lose
  // them (they live only in this tab), so the browser asks first. Online the
  // gap is milliseconds and no prompt is shown.
  const unsafeToLeave = docs.cards !== null && !cardsState.saved && cardsState.status !== 'online';
  useEffect(() => {
    if (!unsafeToLeave) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // older browsers only ask when this is set
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsafeToLeave]);

  const chooseGroup = (groupId: string | null) => {
    if (boardPhase && groupId) updatePrefs({ groups: { ...prefs.groups, [boardPhase.id]: groupId } });
  };

  let content;
  if (!session || !(sessionState.synced || sessionState.restored)) {
    content = <p aria-busy="true">{t('loading')}</p>;
  } else if (!readOnly && !prefs.joined) {
    content = (
      <JoinStep
        sessionTitle={sessionTitle}
        askName
        initialName={prefs.name}
        groups={resolution?.choosable ? (boardPhase?.groups ?? null) : null}
        speakers={boardPhase?.kind === 'statements'}
        initialGroupId={resolution?.group?.id ?? null}
        onJoin={(name, groupId) => {
          const groups = boardPhase && groupId ? { ...prefs.groups, [boardPhase.id]: groupId } : prefs.groups;
          updatePrefs({ joined: true, name, groups });
        }}
      />
    );
  } else if (!phase) {
    content = <WaitingForPhase sessionTitle={sessionTitle} />;
  } else if (!boardPhase) {
    content = <PhaseInfo sessionTitle={sessionTitle} phase={phase} />;
  } else if (!group) {
    content = (
      <JoinStep
        sessionTitle={sessionTitle}
        askName={false}
        initialName={prefs.name}
        groups={boardPhase.groups}
        speakers={boardPhase.kind === 'statements'}
        initialGroupId={null}
        onJoin={(_name, groupId) => chooseGroup(groupId)}
      />
    );
  } else if (!docs.cards || !(cardsState.synced || cardsState.restored)) {
    content = <p aria-busy="true">{t('loading')}</p>;
  } else {
    const groupControl = readOnly ? (
      <GroupPicker groups={boardPhase.groups} value={group.id} onChange={chooseGroup} />
    ) : (
      <button type="button" className="secondary change-join" onClick={() => updatePrefs({ joined: false })}>
        {resolution?.choosable ? t('join.changeNameOrGroup') : t('join.changeName')}
      </button>
    );
    content = (
      <>
        {readOnly && boardPhase.privateWriting && !boardPhase.privateRevealed && (
          <p className="notice">{t('private.viewerNotice')}</p>
        )}
        <BoardView
          key={`${boardPhase.id}/${group.id}`}
          phase={boardPhase}
          groupName={group.name}
          boardKey={`${boardPhase.id}/${group.id}`}
          doc={docs.cards.doc}
          awareness={docs.board?.provider.awareness ?? null}
          readOnly={readOnly || boardPhase.status === 'closed'}
          privateMode={docs.privateMode}
          identity={{
            name: prefs.name,
            voterKey: prefs.voterKey,
            color: prefs.color,
            presenceColor: presenceColor(prefs.voterKey),
          }}
          groupControl={groupControl}
          onColorChange={(color) => updatePrefs({ color })}
        />
      </>
    );
  }

  const statusState = docs.cards ? cardsState : sessionState;
  return (
    <Page status={<StatusIndicator state={statusState} readOnly={readOnly} />}>
      <ClosedNotice state={sessionState.closed ? sessionState : cardsState} />
      {!readOnly && cardsState.denied && (
        <p role="alert" className="notice notice-error">
          {t('status.denied')}
        </p>
      )}
      <FollowPresentation
        sessionId={link.sessionId}
        token={link.token}
        sessionDoc={sessionSync?.doc ?? null}
        phases={session?.phases ?? []}
        readOnly={readOnly}
        active={session !== null && (sessionState.synced || sessionState.restored) && (readOnly || prefs.joined)}
      >
        {content}
      </FollowPresentation>
    </Page>
  );
}
