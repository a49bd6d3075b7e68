import { useT } from '../state/ui-store.ts';

// "Zeigen": shows a board, column, card or summary item on every participant
// and viewer page; pressed again, it ends the presentation.
export function PresentButton({ what, active, onPresent }: { what: string; active: boolean; onPresent(on: boolean): void }) {
  const t = useT();
  return (
    <button
      type="button"
      className={`secondary present-button${active ? ' present-active' : ''}`}
      aria-pressed={active}
      aria-label={`${t('plenum.present')}: ${what}`}
      onClick={() => onPresent(!active)}
    >
      {t('plenum.present')}
    </button>
  );
}
