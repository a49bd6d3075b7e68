import { useT } from '../state/ui-store.ts';
import './join.css';

/** Before the moderator starts a phase. The page moves on by itself. */
export function WaitingForPhase({ sessionTitle }: { sessionTitle: string }) {
  const t = useT();
  return (
    <div className="waiting" data-testid="waiting">
      <p className="join-session">{sessionTitle}</p>
      <h1>{t('waiting.title')}</h1>
      <p>{t('waiting.text')}</p>
    </div>
  );
}
