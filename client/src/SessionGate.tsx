import { useEffect, useState } from 'react';
import type { Role } from '@plenum/shared/protocol';
import { ParticipantView } from './board/ParticipantView.tsx';
import { ModeratorView } from './moderator/ModeratorView.tsx';
import type { SessionLink } from './session-link.ts';
import { useT } from './state/ui-store.ts';
import { api, ApiError, type WhoAmI } from './sync/api.ts';
import { measureServerOffset } from './sync/server-clock.ts';
import { Page } from './ui/Page.tsx';

// Finds out which role the link's token grants, then shows that role's view.
export function SessionGate({ link }: { link: SessionLink }) {
  const t = useT();
  const [role, setRole] = useState<Role | null>(null);
  // What went wrong, translated when shown (so a language switch translates it too).
  const [error, setError] = useState<'error.network' | 'link.invalid' | null>(null);
  const { sessionId, token } = link;

  useEffect(() => {
    if (!token) return;
    // A new link pasted into the same tab changes only the fragment: forget
    // the verdict on the previous token.
    setError(null);
    void measureServerOffset();
    api<WhoAmI>(`/sessions/${sessionId}`, { token }).then(
      (who) => setRole(who.role),
      (e: unknown) => setError(e instanceof ApiError && e.code === 'network' ? 'error.network' : 'link.invalid'),
    );
  }, [sessionId, token]);

  if (!token) return <Page><p role="alert">{t('link.missingToken')}</p></Page>;
  if (error) return <Page><p role="alert">{t(error)}</p></Page>;
  if (!role) return <Page><p aria-busy="true">{t('loading')}</p></Page>;
  if (role === 'moderator') return <ModeratorView link={{ ...link, token }} />;
  return <ParticipantView link={{ ...link, token }} readOnly={role === 'viewer'} />;
}
