import { useState } from 'react';
import type { Message } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { FieldError } from './FieldError.tsx';
import { deleteSession, type SessionRef } from './moderator-api.ts';

// Privacy by default: once the protocol is exported, the moderator deletes the
// session and every board with it; all links stop working at once.

export function DeleteSession({ sessionRef, title, onDeleted }: { sessionRef: SessionRef; title: string; onDeleted(): void }) {
  const t = useT();
  const [error, setError] = useState<Message | null>(null);
  const [confirm, dialog] = useConfirm();

  async function remove() {
    const ok = await confirm({
      title: t('moderator.deleteSession.confirmTitle', { title }),
      message: t('moderator.deleteSession.confirmMessage'),
      confirmLabel: t('moderator.deleteSession.button'),
    });
    if (!ok) return;
    try {
      await deleteSession(sessionRef);
      onDeleted();
    } catch (e) {
      setError({ cause: e });
    }
  }

  return (
    <section className="delete-session" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t('moderator.deleteSession.heading')}</h2>
      <p>{t('moderator.deleteSession.explain')}</p>
      <button type="button" className="danger" onClick={() => void remove()}>
        {t('moderator.deleteSession.button')}
      </button>
      <FieldError error={error} />
      {dialog}
    </section>
  );
}
