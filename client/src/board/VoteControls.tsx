import type { Translate } from '../state/ui-store.ts';
import { MinusIcon, PlusIcon } from './Icons.tsx';

/**
 * Dots on one card: this person's own dots always, everyone's total only once
 * the moderator reveals the votes, and only on cards that got any (a "0" on
 * every other card is noise, most of all on a viewer's projected screen).
 * Shown at all only where the phase has voting on (BoardView's votingOf).
 */
export function VoteControls({
  t,
  cardLabel,
  mine,
  total,
  revealed,
  canVote,
  remaining,
  onVote,
}: {
  /** Handed down by the card (see CardItem's props). */
  t: Translate;
  cardLabel: string;
  mine: number;
  total: number;
  revealed: boolean;
  canVote: boolean;
  remaining: number;
  onVote(delta: 1 | -1): void;
}) {
  const showTotal = revealed && total > 0;
  if (!canVote && !showTotal) return null;
  return (
    <div className="votes" data-my-votes={mine} data-total-votes={revealed ? total : undefined}>
      {canVote && (
        <button
          type="button"
          className="icon-button vote-button"
          aria-label={`${t('vote.remove')}: ${cardLabel}`}
          title={t('vote.remove')}
          aria-disabled={mine === 0}
          onClick={() => mine > 0 && onVote(-1)}
        >
          <MinusIcon />
        </button>
      )}
      {canVote && (
        <span className="vote-mine">
          <span className="vote-dots" aria-hidden="true">
            {'●'.repeat(mine) || '○'}
          </span>
          <span className="visually-hidden">{t('vote.mineOnCard', { count: mine })}</span>
        </span>
      )}
      {canVote && (
        <button
          type="button"
          className="icon-button vote-button"
          aria-label={`${t('vote.add')}: ${cardLabel}`}
          title={t('vote.add')}
          aria-disabled={remaining <= 0}
          onClick={() => remaining > 0 && onVote(1)}
        >
          <PlusIcon />
        </button>
      )}
      {showTotal && <span className="vote-total">{t('vote.total', { count: total })}</span>}
    </div>
  );
}
