import { useState } from 'react';
import { useT } from '../state/ui-store.ts';

// The moderator link is the only key to the workshop: there are no accounts.
// Say so until the moderator confirms they have kept it.

const storageKey = (sessionId: string) => `plenum.keyNoticeSeen.${sessionId}`;

function seen(sessionId: string): boolean {
  try {
    return localStorage.getItem(storageKey(sessionId)) === '1';
  } catch {
    return false;
  }
}

/** Called when the moderator link is renewed: the new key must be kept too. */
export function forgetKeyNoticeSeen(sessionId: string): void {
  try {
    localStorage.removeItem(storageKey(sessionId));
  } catch {
    // not fatal
  }
}

export function KeyNotice({ sessionId, onShowLinks }: { sessionId: string; onShowLinks(): void }) {
  const t = useT();
  const [hidden, setHidden] = useState(() => seen(sessionId));
  if (hidden) return null;
  const dismiss = () => {
    try {
      localStorage.setItem(storageKey(sessionId), '1');
    } catch {
      // not fatal: the notice comes back next time
    }
    setHidden(true);
  };
  return (
    <div className="notice notice-key" role="note" data-testid="key-notice">
      <p>
        <strong>{t('moderator.keyNoticeTitle')}</strong> {t('moderator.keyNotice')}
      </p>
      <div className="button-row">
        <button type="button" className="secondary" onClick={onShowLinks}>
          {t('moderator.keyNoticeLinks')}
        </button>
        <button type="button" className="secondary" onClick={dismiss}>
          {t('moderator.keyNoticeDismiss')}
        </button>
      </div>
    </div>
  );
}
