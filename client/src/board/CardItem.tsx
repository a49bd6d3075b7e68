import { memo } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Card, CardColor } from '@plenum/shared/board-doc';
import type { Locale } from '../i18n/dictionary.ts';
import type { Translate } from '../state/ui-store.ts';
import { cardExcerpt, formatTime } from './card-label.ts';
import { CardEditor } from './CardEditor.tsx';
import type { EditSession } from './useBoundText.ts';
import { DeleteIcon, EditIcon, GripIcon } from './Icons.tsx';
import { MoveMenu, type MoveTarget } from './MoveMenu.tsx';
import { VoteControls } from './VoteControls.tsx';

export interface CardVoting {
  mine: number;
  revealed: boolean;
  canVote: boolean;
  remaining: number;
}

export interface CardHandlers {
  startEdit(cardId: string): void;
  /** Closes the editor; `revert` takes back what this editing typed (Escape). */
  endEdit(revert: boolean): void;
  /** The open editing of this card (it outlives a remount when the card moves to another column). */
  editSession(cardId: string): EditSession | null;
  /** What was typed, offered back if the card is deleted meanwhile. */
  typed(cardId: string, text: string): void;
  /** Typed words the card no longer holds (its text was replaced whole): offered back. */
  lost(cardId: string, text: string): void;
  recolor(cardId: string, color: CardColor): void;
  remove(card: Card): void;
  move(cardId: string, target: MoveTarget): void;
  vote(cardId: string, delta: 1 | -1): void;
}

export interface CardItemProps {
  card: Card;
  readOnly: boolean;
  editing: boolean;
  /** Names of other people editing this card right now. */
  editors: string[];
  moveTargets: MoveTarget[];
  voting: CardVoting | null;
  /** The same object for the life of the board (they read the board's latest state). */
  handlers: CardHandlers;
  /** The column's `t` and language, handed down: 500 cards each subscribing to the UI store cost a first render dearly. */
  t: Translate;
  locale: Locale;
}

const sameList = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const sameVoting = (a: CardVoting | null, b: CardVoting | null) =>
  a === b ||
  (a !== null && b !== null && a.mine === b.mine && a.revealed === b.revealed && a.canVote === b.canVote && a.remaining === b.remaining);

const sameTargets = (a: MoveTarget[], b: MoveTarget[]) =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i]!;
    return x.key === y.key && x.label === y.label && x.columnId === y.columnId && x.index === y.index;
  });

// A board re-renders its columns on every change; a card re-renders only when
// what it shows changed. readCards keeps a card's object while the card is
// unchanged, so `card` compares by identity; the lists and voting figures are
// made afresh per render and compare by value.
function sameCardProps(a: CardItemProps, b: CardItemProps): boolean {
  return (
    a.card === b.card &&
    a.readOnly === b.readOnly &&
    a.editing === b.editing &&
    a.handlers === b.handlers &&
    a.t === b.t &&
    a.locale === b.locale &&
    sameList(a.editors, b.editors) &&
    sameVoting(a.voting, b.voting) &&
    sameTargets(a.moveTargets, b.moveTargets)
  );
}

/**
 * One card in its place in the column's drag order. dnd-kit renders every
 * card of the board again whenever a drag starts, crosses into another column
 * or ends (its contexts change), so this part holds only the drag state; what
 * the card shows is CardContent, which renders only when that changed.
 */
export const CardItem = memo(function CardItem(props: CardItemProps) {
  const { card, readOnly, editing, t } = props;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: readOnly || editing,
    attributes: { roleDescription: t('dnd.roleDescription') },
  });
  return (
    <li
      ref={setNodeRef}
      className={`card card-${card.color}${isDragging ? ' card-placeholder' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-card-id={card.id}
    >
      <CardContent {...props} dragAttributes={attributes} dragListeners={listeners} setDragHandle={setActivatorNodeRef} />
    </li>
  );
}, sameCardProps);

interface CardContentProps extends CardItemProps {
  /** The drag handle's props from useSortable: the same objects while the card's drag state is unchanged. */
  dragAttributes: ReturnType<typeof useSortable>['attributes'];
  dragListeners: ReturnType<typeof useSortable>['listeners'];
  setDragHandle(element: HTMLElement | null): void;
}

const sameContentProps = (a: CardContentProps, b: CardContentProps) =>
  sameCardProps(a, b) && a.dragAttributes === b.dragAttributes && a.dragListeners === b.dragListeners && a.setDragHandle === b.setDragHandle;

/** What a card shows: its text (plain text, never HTML), author, time, and what can be done with it. */
const CardContent = memo(function CardContent({
  card,
  readOnly,
  editing,
  editors,
  moveTargets,
  voting,
  handlers,
  t,
  locale,
  dragAttributes,
  dragListeners,
  setDragHandle,
}: CardContentProps) {
  const label = t('card.quoted', { text: cardExcerpt(card.text) });
  return (
    <>
      {editors.length > 0 && (
        <p className="card-editing" data-testid="card-editing">
          {t('presence.editing', { names: editors.join(', ') })}
        </p>
      )}
      {editing ? (
        <CardEditor
          session={handlers.editSession(card.id)}
          color={card.color}
          label={t('card.editLabel')}
          onTyped={(text) => handlers.typed(card.id, text)}
          onLost={(text) => handlers.lost(card.id, text)}
          onDone={handlers.endEdit}
          onColor={(color) => handlers.recolor(card.id, color)}
        />
      ) : (
        <p className="card-text" onDoubleClick={readOnly ? undefined : () => handlers.startEdit(card.id)}>
          {card.text}
        </p>
      )}
      <div className="card-foot">
        {!readOnly && !editing && (
          <button
            ref={setDragHandle}
            type="button"
            className="icon-button drag-handle"
            {...dragAttributes}
            {...dragListeners}
            aria-label={`${t('dnd.handle')}: ${label}`}
            title={t('dnd.handle')}
          >
            <GripIcon />
          </button>
        )}
        <p className="card-meta">
          {card.author && <span className="card-author">{card.author}</span>}
          {card.createdAt > 0 && <time dateTime={new Date(card.createdAt).toISOString()}>{formatTime(card.createdAt, locale)}</time>}
        </p>
        <div className="card-actions">
          {voting && (
            <VoteControls
              t={t}
              cardLabel={label}
              mine={voting.mine}
              total={card.votes}
              revealed={voting.revealed}
              canVote={voting.canVote}
              remaining={voting.remaining}
              onVote={(delta) => handlers.vote(card.id, delta)}
            />
          )}
          {!readOnly && !editing && (
            <>
              <button
                type="button"
                className="icon-button edit-button"
                aria-label={`${t('card.edit')} ${label}`}
                title={t('card.edit')}
                onClick={() => handlers.startEdit(card.id)}
              >
                <EditIcon />
              </button>
              <button
                type="button"
                className="icon-button delete-button"
                aria-label={`${t('card.delete')} ${label}`}
                title={t('card.delete')}
                onClick={() => handlers.remove(card)}
              >
                <DeleteIcon />
              </button>
              <MoveMenu t={t} cardLabel={label} targets={moveTargets} onMove={(target) => handlers.move(card.id, target)} />
            </>
          )}
        </div>
      </div>
    </>
  );
}, sameContentProps);

/** What follows the pointer while a card is dragged. */
export function CardPreview({ card }: { card: Card }) {
  return (
    <div className={`card card-${card.color} card-overlay`} aria-hidden="true">
      <p className="card-text">{card.text}</p>
    </div>
  );
}
