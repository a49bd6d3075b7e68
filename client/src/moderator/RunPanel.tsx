import { useState } from 'react';
import type * as Y from 'yjs';
import { setCurrentPhase, setPhaseFlag, setPhaseStatus, type Phase } from '@plenum/shared/session-doc';
import { tryWrite } from '../i18n/errors.ts';
import { messageText, type Message } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { FieldError } from './FieldError.tsx';
import { revealPrivateCards, type SessionRef } from './moderator-api.ts';
import { TimerControls } from './TimerControls.tsx';

// Running one phase: start it (everyone follows to their group's board), close
// it (boards become read-only; the server keeps a snapshot), its timer, and
// the reveals of votes and private cards.

interface RunPanelProps {
  doc: Y.Doc;
  sessionRef: SessionRef;
  phase: Phase;
  current: Phase | null;
}

export function RunPanel({ doc, sessionRef, phase, current }: RunPanelProps) {
  const t = useT();
  // What happened and what went wrong, worded when shown (a language switch re-words them).
  const [message, setMessage] = useState<Message | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const isCurrent = current?.id === phase.id;
  const open = phase.status === 'open';
  const write = (fn: () => void, done: Message) => {
    const failure = tryWrite(fn);
    setError(failure);
    if (!failure) setMessage(done);
  };

  async function reveal() {
    setError(null);
    try {
      const { moved } = await revealPrivateCards(sessionRef, phase.id);
      setMessage({ key: 'moderator.run.privateRevealedCount', params: { count: moved } });
    } catch (e) {
      setError({ cause: e });
    }
  }

  const statusText = isCurrent && open ? t('moderator.status.current') : t(`moderator.status.${phase.status}`);
  return (
    <section className="run-panel" aria-labelledby={`run-${phase.id}`}>
      <h3 id={`run-${phase.id}`}>{t('moderator.run.heading')}</h3>
      <p>
        {t('moderator.run.status')}{' '}
        <strong className={`phase-status phase-status-${isCurrent && open ? 'current' : phase.status}`} data-testid="phase-status">
          {statusText}
        </strong>
      </p>
      <div className="button-row">
        {!(isCurrent && open) && (
          <button type="button" onClick={() => write(() => setCurrentPhase(doc, phase.id), { key: 'moderator.run.started' })}>
            {phase.status === 'closed' ? t('moderator.run.reopen') : t('moderator.run.start')}
          </button>
        )}
        {open && (
          <button
            type="button"
            className="secondary"
            onClick={() => write(() => setPhaseStatus(doc, phase.id, 'closed'), { key: 'moderator.run.closed' })}
          >
            {t('moderator.run.close')}
          </button>
        )}
      </div>
      {!isCurrent && current && current.status === 'open' && (
        <p className="field-hint">{t('moderator.run.startClosesCurrent', { title: current.title })}</p>
      )}
      <TimerControls sessionRef={sessionRef} phase={phase} />
      {(phase.votingEnabled || phase.privateWriting) && (
        <div className="button-row reveal-row">
          {phase.votingEnabled && (
            <button
              type="button"
              className="secondary"
              aria-pressed={phase.votesRevealed}
              onClick={() =>
                write(
                  () => setPhaseFlag(doc, phase.id, 'votesRevealed', !phase.votesRevealed),
                  { key: phase.votesRevealed ? 'moderator.run.votesHidden' : 'moderator.run.votesShown' },
                )
              }
            >
              {t('moderator.run.revealVotes')}
            </button>
          )}
          {phase.privateWriting &&
            (phase.privateRevealed ? (
              <span className="field-hint">{t('moderator.run.privateRevealed')}</span>
            ) : (
              <button type="button" className="secondary" onClick={() => void reveal()}>
                {t('moderator.run.revealPrivate')}
              </button>
            ))}
        </div>
      )}
      <p className="panel-status" role="status">
        {message && messageText(t, message)}
      </p>
      <FieldError error={error} />
    </section>
  );
}
