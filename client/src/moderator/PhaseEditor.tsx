import { useState } from 'react';
import type * as Y from 'yjs';
import { ModelError } from '@plenum/shared/errors';
import { LIMITS } from '@plenum/shared/limits';
import { hasBoards, PHASE_KINDS, updatePhase, type Phase, type PhaseKind } from '@plenum/shared/session-doc';
import type { MessageKey } from '../i18n/dictionary.ts';
import { tryWrite } from '../i18n/errors.ts';
import type { Message } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { CommitField } from './CommitField.tsx';
import { FieldError } from './FieldError.tsx';
import { GroupListEditor } from './GroupListEditor.tsx';
import type { SessionRef } from './moderator-api.ts';
import { PromptListEditor } from './PromptListEditor.tsx';

// Everything about one phase of the agenda. Each field is written to the
// session document when it is left, so participants see the change at once.

function wholeNumber(value: string, field: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n)) throw new ModelError('invalid', `${field} must be a whole number`, field);
  return n;
}

export function PhaseEditor({ doc, phase, number, sessionRef }: { doc: Y.Doc; phase: Phase; number: number; sessionRef: SessionRef }) {
  const t = useT();
  // The refusal, worded when shown (a language switch re-words it).
  const [error, setError] = useState<Message | null>(null);
  const id = phase.id;
  const running = phase.timer.endsAt !== null;
  const write = (patch: Parameters<typeof updatePhase>[2], label: MessageKey) =>
    setError(tryWrite(() => updatePhase(doc, id, patch), label));

  return (
    <section className="phase-editor" aria-labelledby={`edit-${id}`}>
      <h3 id={`edit-${id}`}>{t('moderator.editor.heading', { n: number })}</h3>
      <CommitField
        inputId={`phase-title-${id}`}
        label={t('field.title')}
        value={phase.title}
        required
        commit={(title) => updatePhase(doc, id, { title })}
      />
      <div className="field">
        <label htmlFor={`phase-kind-${id}`}>{t('moderator.editor.kind')}</label>
        <select
          id={`phase-kind-${id}`}
          value={phase.kind}
          onChange={(e) => write({ kind: e.target.value as PhaseKind }, 'moderator.editor.kind')}
        >
          {PHASE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`moderator.kind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <CommitField
        label={t('field.description')}
        value={phase.description}
        multiline
        commit={(description) => updatePhase(doc, id, { description })}
      />
      {phase.kind !== 'information' && (
        <CommitField
          label={t('field.question')}
          value={phase.question}
          multiline
          rows={2}
          hint={t('moderator.editor.questionHint')}
          commit={(question) => updatePhase(doc, id, { question })}
        />
      )}
      {hasBoards(phase.kind) && (
        <>
          <PromptListEditor doc={doc} phase={phase} sessionRef={sessionRef} />
          <GroupListEditor doc={doc} phase={phase} />
          <fieldset className="options">
            <legend>{t('moderator.editor.options')}</legend>
            <div className="checkbox">
              <input
                id={`phase-voting-${id}`}
                type="checkbox"
                checked={phase.votingEnabled}
                onChange={(e) => write({ votingEnabled: e.target.checked }, 'moderator.editor.voting')}
              />
              <label htmlFor={`phase-voting-${id}`}>{t('moderator.editor.voting')}</label>
            </div>
            {phase.votingEnabled && (
              <CommitField
                className="narrow"
                type="number"
                min={1}
                max={LIMITS.votingBudgetMax}
                label={t('field.votingBudget')}
                value={String(phase.votingBudget)}
                commit={(v) => updatePhase(doc, id, { votingBudget: wholeNumber(v, 'votingBudget') })}
              />
            )}
            <div className="checkbox">
              <input
                id={`phase-private-${id}`}
                type="checkbox"
                checked={phase.privateWriting}
                aria-describedby={`phase-private-hint-${id}`}
                onChange={(e) => write({ privateWriting: e.target.checked }, 'moderator.editor.private')}
              />
              <label htmlFor={`phase-private-${id}`}>{t('moderator.editor.private')}</label>
            </div>
            <p id={`phase-private-hint-${id}`} className="field-hint">
              {t('moderator.editor.privateHint')}
            </p>
          </fieldset>
        </>
      )}
      <CommitField
        className="narrow"
        type="number"
        min={0}
        max={LIMITS.timerMaxMs / 60_000}
        label={t('field.timerMinutes')}
        value={String(Math.round(phase.timer.durationMs / 60_000))}
        disabled={running}
        hint={running ? t('moderator.editor.timerRunning') : t('moderator.editor.timerHint')}
        commit={(v) => updatePhase(doc, id, { timerMinutes: wholeNumber(v, 'timerMinutes') })}
      />
      <FieldError error={error} />
    </section>
  );
}
