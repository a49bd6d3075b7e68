import { useState } from 'react';
import type { TimerAction } from '@plenum/shared/timer';
import type { Phase } from '@plenum/shared/session-doc';
import type { Message } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { PhaseTimer } from '../ui/PhaseTimer.tsx';
import { FieldError } from './FieldError.tsx';
import { timerAction, type SessionRef } from './moderator-api.ts';

// Start, pause, +1 minute, reset. The server applies the action on its own
// clock and writes the timer into the session document, so every screen
// counts down from the same instant.

export function TimerControls({ sessionRef, phase }: { sessionRef: SessionRef; phase: Phase }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const running = phase.timer.endsAt !== null;
  const empty = !running && phase.timer.remainingMs === 0;

  async function act(action: TimerAction) {
    setBusy(true);
    setError(null);
    try {
      await timerAction(sessionRef, phase.id, action);
    } catch (e) {
      setError({ cause: e });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="timer-controls" role="group" aria-labelledby={`timer-${phase.id}`}>
      <span id={`timer-${phase.id}`} className="timer-label">
        {t('moderator.timer.heading')}
      </span>
      {phase.timer.durationMs === 0 && !running ? (
        <span className="field-hint">{t('moderator.timer.none')}</span>
      ) : (
        <PhaseTimer timer={phase.timer} />
      )}
      <div className="button-row">
        {running ? (
          <button type="button" disabled={busy} onClick={() => void act('pause')}>
            {t('moderator.timer.pause')}
          </button>
        ) : (
          <button type="button" disabled={busy || empty || phase.status === 'closed'} onClick={() => void act('start')}>
            {t('moderator.timer.start')}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('add_minute')}>
          {t('moderator.timer.addMinute')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('reset')}>
          {t('moderator.timer.reset')}
        </button>
      </div>
      <FieldError error={error} />
    </div>
  );
}
