import { useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { readPresentation } from '@plenum/shared/presentation';
import type { Phase } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import { useDocView } from '../sync/hooks.ts';
import { followsPresentation } from './presentation-label.ts';
import { PresentedView } from './PresentedView.tsx';

// Participant and viewer pages follow the moderator's presentation: while one
// runs they show it instead of their own screen. Whoever looks elsewhere
// ("Zu meinem Board") gets "Zurück zur Präsentation" until the moderator
// presents something new, which everyone follows again.

export function FollowPresentation({
  sessionId,
  token,
  sessionDoc,
  phases,
  readOnly,
  active,
  children,
}: {
  sessionId: string;
  token: string;
  sessionDoc: Y.Doc | null;
  phases: readonly Phase[];
  readOnly: boolean;
  /** False while the page is loading or asking for a name: nothing to follow yet. */
  active: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const presentation = useDocView(sessionDoc, readPresentation);
  const [leftSince, setLeftSince] = useState<number | null>(null);
  if (!active || !sessionDoc || presentation === null) return <>{children}</>;
  if (followsPresentation(presentation, leftSince)) {
    return (
      <>
        <div className="follow-bar">
          <button type="button" className="secondary" onClick={() => setLeftSince(presentation.since)}>
            {t(readOnly ? 'presented.leave.viewer' : 'presented.leave')}
          </button>
        </div>
        <PresentedView
          sessionId={sessionId}
          token={token}
          sessionDoc={sessionDoc}
          phases={phases}
          presentation={presentation}
          large={readOnly}
        />
      </>
    );
  }
  return (
    <>
      <div className="follow-bar" role="status">
        <span>{t('presented.running')}</span>
        <button type="button" className="follow-back" onClick={() => setLeftSince(null)}>
          {t('presented.back')}
        </button>
      </div>
      {children}
    </>
  );
}
