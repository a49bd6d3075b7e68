import { lazy, Suspense, useEffect, useState } from 'react';
import type { Role } from '@plenum/shared/protocol';
import { ParticipantView } from './board/ParticipantView.tsx';
import type { SessionLink } from './session-link.ts';
import { forgetRole, knownRole, rememberRole } from './state/known-role.ts';
import { useT } from './state/ui-store.ts';
import { api, ApiError, type WhoAmI } from './sync/api.ts';
import { clearLocalCopies } from './sync/local-copy.ts';
import { measureServerOffset } from './sync/server-clock.ts';
import { Page } from './ui/Page.tsx';

// Loaded only by the moderator's link: participants, most of the people on a
// big board, do not download the agenda editor, the run panel and the protocol
// view.
const ModeratorView = lazy(() => import('./moderator/ModeratorView.tsx').then((m) => ({ default: m.ModeratorView })));

// Finds out which role the link's token grants, then shows that role's view.
// A participant's link opens at once with the role it had last time
// (state/known-role.ts), while the server is asked: its documents start
// loading without waiting for that answer, and without the server the board
// shows this browser's local copy. A link the server refuses (revoked,
// session deleted) replaces the view with the error as soon as it answers.
export function SessionGate({ link }: { link: SessionLink }) {
  const t = useT();
  const { sessionId, token } = link;
  const [role, setRole] = useState<Role | null>(() => (token ? knownRole(sessionId, token) : null));
  // What went wrong, translated when shown (so a language switch translates it too).
  const [error, setError] = useState<'error.network' | 'link.invalid' | null>(null);

  useEffect(() => {
    if (!token) return;
    // A new link pasted into the same tab changes only the fragment: forget
    // the verdict on the previous token.
    setError(null);
    const remembered = knownRole(sessionId, token);
    if (remembered) setRole(remembered);
    void measureServerOffset();
    api<WhoAmI>(`/sessions/${sessionId}`, { token }).then(
      (who) => {
        rememberRole(sessionId, token, who.role);
        setRole(who.role);
      },
      (e: unknown) => {
        const offline = e instanceof ApiError && e.code === 'network';
        const remembered = offline ? knownRole(sessionId, token) : null;
        if (remembered) return setRole(remembered);
        // The session is gone, or this link (which worked here before) was revoked: drop what was kept of it.
        const gone = e instanceof ApiError && (e.code === 'not_found' || (e.code === 'unauthorized' && knownRole(sessionId, token)));
        if (gone) {
          forgetRole(sessionId);
          void clearLocalCopies(sessionId);
        }
        setError(offline ? 'error.network' : 'link.invalid');
      },
    );
  }, [sessionId, token]);

  if (!token) return <Page><p role="alert">{t('link.missingToken')}</p></Page>;
  if (error) return <Page><p role="alert">{t(error)}</p></Page>;
  if (!role) return <Page><p aria-busy="true">{t('loading')}</p></Page>;
  if (role === 'moderator') {
    return (
      <Suspense fallback={<Page><p aria-busy="true">{t('loading')}</p></Page>}>
        <ModeratorView link={{ ...link, token }} />
      </Suspense>
    );
  }
  return <ParticipantView link={{ ...link, token }} readOnly={role === 'viewer'} />;
}
