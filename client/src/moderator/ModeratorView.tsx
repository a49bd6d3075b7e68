import { sessionRoom } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import type { SessionLink } from '../session-link.ts';
import { useT } from '../state/ui-store.ts';
import { useDocView, useSyncedDoc, useSyncState } from '../sync/hooks.ts';
import { ClosedNotice, StatusIndicator } from '../ui/StatusIndicator.tsx';
import { Page } from '../ui/Page.tsx';

export function ModeratorView({ link }: { link: SessionLink & { token: string } }) {
  const t = useT();
  const sync = useSyncedDoc(sessionRoom(link.sessionId), link.token);
  const state = useSyncState(sync);
  const session = useDocView(sync?.doc, readSession);
  return (
    <Page status={<StatusIndicator state={state} />}>
      <ClosedNotice state={state} />
      {!session ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <>
          <h1 className="session-title">{session.meta.title}</h1>
          <ol className="agenda">
            {session.phases.map((p) => (
              <li key={p.id}>{p.title}</li>
            ))}
          </ol>
        </>
      )}
    </Page>
  );
}
