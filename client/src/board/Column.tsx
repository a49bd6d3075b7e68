import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { Card } from '@plenum/shared/board-doc';
import { useT, useUi } from '../state/ui-store.ts';
import { AddCard } from './AddCard.tsx';
import type { ActionResult } from './board-actions.ts';
import { CardItem, type CardHandlers, type CardVoting } from './CardItem.tsx';
import type { MoveTarget } from './MoveMenu.tsx';

export const COLUMN_PREFIX = 'column:';

/** One prompt of the phase: its heading, the input for new cards, and its cards in order. */
export function Column({
  id,
  title,
  cardIds,
  cards,
  readOnly,
  draftKey,
  editingId,
  editorsOf,
  moveTargetsOf,
  votingOf,
  handlers,
  onAdd,
}: {
  id: string;
  title: string;
  /** The ids of `cards`, the same array while they are the same (see BoardColumns). */
  cardIds: string[];
  cards: Card[];
  readOnly: boolean;
  draftKey: string;
  editingId: string | null;
  editorsOf(cardId: string): string[];
  moveTargetsOf(card: Card): MoveTarget[];
  votingOf(card: Card): CardVoting | null;
  handlers: CardHandlers;
  onAdd(text: string): ActionResult;
}) {
  const t = useT();
  const locale = useUi((s) => s.locale);
  const { setNodeRef, isOver } = useDroppable({ id: COLUMN_PREFIX + id, disabled: readOnly });
  const headingId = `column-${id}`;
  return (
    <section ref={setNodeRef} className={`column${isOver ? ' column-over' : ''}`} aria-labelledby={headingId} data-column-id={id}>
      <h2 id={headingId} className="column-title">
        {title}
      </h2>
      {!readOnly && <AddCard columnTitle={title} draftKey={draftKey} onAdd={onAdd} />}
      <SortableContext id={id} items={cardIds} strategy={verticalListSortingStrategy}>
        <ul className="cards" aria-labelledby={headingId}>
          {cards.map((card) => (
            <CardItem
              key={card.id}
              card={card}
              readOnly={readOnly}
              editing={editingId === card.id}
              editors={editorsOf(card.id)}
              moveTargets={moveTargetsOf(card)}
              voting={votingOf(card)}
              handlers={handlers}
              t={t}
              locale={locale}
            />
          ))}
        </ul>
      </SortableContext>
      {cards.length === 0 && <p className="column-empty">{t('column.empty')}</p>}
    </section>
  );
}
