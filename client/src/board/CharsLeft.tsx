import { LIMITS } from '@plenum/shared/limits';
import { useT } from '../state/ui-store.ts';

/** How many characters are left, shown only near the limit (announced politely). */
export function CharsLeft({ id, length }: { id: string; length: number }) {
  const t = useT();
  const left = LIMITS.cardTextLength - length;
  return (
    <p id={id} className={`chars-left${left <= 20 ? ' chars-left-low' : ''}`} aria-live="polite">
      {left <= 100 ? t('card.charsLeft', { count: left }) : ''}
    </p>
  );
}
