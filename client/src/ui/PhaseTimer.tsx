import { useEffect, useState } from 'react';
import { remaining, type TimerState } from '@plenum/shared/timer';
import { serverNow } from '../sync/server-clock.ts';
import { useT } from '../state/ui-store.ts';

export function formatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Remaining time of a phase, counted on the server's clock (see sync/server-clock.ts). */
export function PhaseTimer({ timer }: { timer: TimerState }) {
  const t = useT();
  const [now, setNow] = useState(serverNow);
  const running = timer.endsAt !== null;
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(serverNow()), 250);
    return () => clearInterval(id);
  }, [running]);
  if (timer.durationMs === 0 && !running) return null;
  const left = remaining(timer, running ? now : 0);
  return (
    <div className={`phase-timer${left === 0 ? ' phase-timer-done' : ''}`} data-testid="phase-timer" data-running={running}>
      <span className="visually-hidden">{t('timer.remaining')}</span>
      <span className="phase-timer-value">{formatDuration(left)}</span>
      {!running && <span className="phase-timer-paused"> ({t('timer.paused')})</span>}
    </div>
  );
}
