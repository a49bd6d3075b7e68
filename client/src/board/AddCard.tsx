import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '@plenum/shared/limits';
import { messageText, type Message } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import type { ActionResult } from './board-actions.ts';
import { CharsLeft } from './CharsLeft.tsx';
import { useDraft } from './useDraft.ts';
import { PlusIcon } from './Icons.tsx';

/** The input at the top of a column: Enter adds the card, Shift+Enter starts a new line. */
export function AddCard({ columnTitle, draftKey, onAdd }: { columnTitle: string; draftKey: string; onAdd(text: string): ActionResult }) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useDraft(draftKey);
  // The refusal, worded when shown (a language switch re-words it).
  const [error, setError] = useState<Message | null>(null);

  const submit = () => {
    if (!draft.trim()) return;
    const result = onAdd(draft);
    if (result.ok) {
      setDraft('');
      setError(null);
    } else {
      setError({ cause: result.error, label: 'field.text' });
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };

  return (
    <form className="add-card" onSubmit={onSubmit}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('card.newIn', { column: columnTitle })}
      </label>
      <div className="add-card-field">
        <textarea
          id={`${id}-text`}
          className="card-input"
          value={draft}
          rows={2}
          maxLength={LIMITS.cardTextLength}
          placeholder={t('card.placeholder')}
          aria-describedby={`${id}-hint ${id}-left`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="add-card-button" aria-label={t('card.addTo', { column: columnTitle })} title={t('card.add')}>
          <PlusIcon />
        </button>
      </div>
      <p id={`${id}-hint`} className="visually-hidden">
        {t('card.addHint')}
      </p>
      <CharsLeft id={`${id}-left`} length={draft.length} />
      {error && (
        <p role="alert" className="add-card-error">
          {messageText(t, error)}
        </p>
      )}
    </form>
  );
}
