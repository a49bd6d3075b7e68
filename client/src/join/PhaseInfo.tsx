import type { Phase } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import { PhaseTimer } from '../ui/PhaseTimer.tsx';
import './join.css';

/** An information or plenum phase: nothing to write, just what is happening now. */
export function PhaseInfo({ sessionTitle, phase }: { sessionTitle: string; phase: Phase }) {
  const t = useT();
  return (
    <div className="phase-info" data-testid="phase-info">
      <p className="join-session">{sessionTitle}</p>
      <h1>{phase.title}</h1>
      <PhaseTimer timer={phase.timer} />
      {phase.description && <p className="phase-info-description">{phase.description}</p>}
      <p className="hint">{t(phase.kind === 'plenum' ? 'phaseInfo.plenum' : 'phaseInfo.information')}</p>
    </div>
  );
}
