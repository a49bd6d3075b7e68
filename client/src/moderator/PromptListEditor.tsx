import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { LIMITS } from '@plenum/shared/limits';
import { addPrompt, deletePrompt, movePrompt, updatePrompt, type Phase } from '@plenum/shared/session-doc';
import { tryWrite } from '../i18n/errors.ts';
import { useT } from '../state/ui-store.ts';
import { CommitField } from './CommitField.tsx';

// The prompts of a phase: each becomes a column on every group's board.
// Entries are edited one by one by id, so cards stay in their column when
// another column is removed or moved.

export function PromptListEditor({ doc, phase }: { doc: Y.Doc; phase: Phase }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const legend = t('moderator.prompts.legend');

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, phase.prompts]);

  const move = (id: string, index: number, dir: 'up' | 'down') => {
    setError(tryWrite(t, () => movePrompt(doc, phase.id, id, index)));
    const target = index === 0 ? 'down' : index === phase.prompts.length - 1 ? 'up' : dir;
    setFocusId(`prompt-${target}-${id}`);
  };

  return (
    <fieldset className="list-editor">
      <legend>{legend}</legend>
      <p className="field-hint">{t('moderator.prompts.hint')}</p>
      {phase.prompts.length === 0 && <p className="field-hint">{t('moderator.prompts.empty')}</p>}
      <ol className="list-editor-items">
        {phase.prompts.map((prompt, i) => {
          const label = t('moderator.prompts.item', { n: i + 1 });
          return (
            <li key={prompt.id} className="list-editor-item">
              <CommitField
                inputId={`prompt-text-${prompt.id}`}
                label={label}
                value={prompt.text}
                required
                commit={(text) => updatePrompt(doc, phase.id, prompt.id, text)}
              />
              <div className="item-actions">
                <button
                  type="button"
                  className="icon-button secondary"
                  id={`prompt-up-${prompt.id}`}
                  disabled={i === 0}
                  aria-label={t('moderator.moveUpLabel', { item: label })}
                  onClick={() => move(prompt.id, i - 1, 'up')}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="icon-button secondary"
                  id={`prompt-down-${prompt.id}`}
                  disabled={i === phase.prompts.length - 1}
                  aria-label={t('moderator.moveDownLabel', { item: label })}
                  onClick={() => move(prompt.id, i + 1, 'down')}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  className="icon-button secondary danger-text"
                  aria-label={t('moderator.removeLabel', { item: label })}
                  onClick={() => {
                    const failure = tryWrite(t, () => deletePrompt(doc, phase.id, prompt.id));
                    setError(failure);
                    // The button is gone: continue at the next line, or at "add".
                    const next = phase.prompts[i + 1] ?? phase.prompts[i - 1];
                    if (!failure) setFocusId(next ? `prompt-text-${next.id}` : `prompt-add-${phase.id}`);
                  }}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        id={`prompt-add-${phase.id}`}
        className="secondary"
        disabled={phase.prompts.length >= LIMITS.promptsPerPhase}
        onClick={() => {
          let id = '';
          const failure = tryWrite(t, () => {
            id = addPrompt(doc, phase.id, t('moderator.prompts.new'));
          }, legend);
          setError(failure);
          if (!failure) setFocusId(`prompt-text-${id}`);
        }}
      >
        {t('moderator.prompts.add')}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
