import { useT } from '../state/ui-store.ts';

// The buttons beside one entry of an ordered list (agenda, prompts, groups):
// up, down and delete. The move buttons have ids, so that after a move the
// pressed one keeps focus, or its partner once the entry reached an end and
// the pressed one is disabled.

interface ItemActionsProps {
  /** The move buttons' ids are `${idPrefix}-up-${itemId}` and `${idPrefix}-down-${itemId}`. */
  idPrefix: string;
  itemId: string;
  index: number;
  count: number;
  /** Names the entry in the move buttons' labels. */
  label: string;
  /** The delete button's whole label. */
  removeLabel: string;
  /** Moves the entry to `index`; false when that was refused. Without it there are no move buttons. */
  onMove?(index: number): boolean;
  onRemove(): void;
  focus(id: string): void;
}

export function ItemActions({ idPrefix, itemId, index, count, label, removeLabel, onMove, onRemove, focus }: ItemActionsProps) {
  const t = useT();
  const move = (to: number, dir: 'up' | 'down') => {
    if (!onMove?.(to)) return;
    const target = to === 0 ? 'down' : to === count - 1 ? 'up' : dir;
    focus(`${idPrefix}-${target}-${itemId}`);
  };
  return (
    <div className="item-actions">
      {onMove && (
        <>
          <button
            type="button"
            id={`${idPrefix}-up-${itemId}`}
            className="icon-button secondary"
            disabled={index === 0}
            aria-label={t('moderator.moveUpLabel', { item: label })}
            onClick={() => move(index - 1, 'up')}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            id={`${idPrefix}-down-${itemId}`}
            className="icon-button secondary"
            disabled={index === count - 1}
            aria-label={t('moderator.moveDownLabel', { item: label })}
            onClick={() => move(index + 1, 'down')}
          >
            <span aria-hidden="true">↓</span>
          </button>
        </>
      )}
      <button type="button" className="icon-button secondary danger-text" aria-label={removeLabel} onClick={onRemove}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
