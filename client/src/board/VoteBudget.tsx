import { useT } from '../state/ui-store.ts';

/** The dots this person has left on the board. */
export function VoteBudget({ used, budget, revealed }: { used: number; budget: number; revealed: boolean }) {
  const t = useT();
  const left = Math.max(0, budget - used);
  return (
    <div className="vote-budget" data-testid="vote-budget" data-left={left}>
      <span className="vote-dots" aria-hidden="true">
        {'●'.repeat(left)}
        <span className="vote-dots-used">{'○'.repeat(Math.min(used, budget))}</span>
      </span>
      <span>{t('vote.left', { left, count: budget })}</span>
      {!revealed && <span className="visually-hidden">{t('vote.hiddenUntilReveal')}</span>}
    </div>
  );
}
