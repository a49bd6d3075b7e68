import { memo, useState } from 'react';
import { useDraggable } from '@dnd-kit/core';
import { groupCardsByColumn, type Card } from '@plenum/shared/board-doc';
import { sameTarget, type Presentation, type PresentationTarget } from '@plenum/shared/presentation';
import type { Group, Phase } from '@plenum/shared/session-doc';
import { sourceKey, type SourceCard } from '@plenum/shared/summary-doc';
import { cardExcerpt } from '../board/card-label.ts';
import { GripIcon } from '../board/Icons.tsx';
import { useT } from '../state/ui-store.ts';
import { MenuButton } from './MenuButton.tsx';
import { PresentButton } from './PresentButton.tsx';
import type { MenuItem } from './useMenuItems.ts';
import { useWideScreen } from './useWideScreen.ts';

// Every group's board of the phase, read-only: side by side on wide screens,
// one at a time (chosen with buttons) on narrow ones. Each card can be dragged
// onto the summary or sent there with "Zur Zusammenfassung …", and each
// board, column and card can be shown to everyone.

/** What a dragged card carries (dnd-kit's `data`). */
export interface DraggedCard {
  source: SourceCard;
  heading: string;
}

export interface CardSink {
  newItem(card: SourceCard, heading: string): void;
  join(itemId: string, card: SourceCard): void;
}

export function GroupBoards({
  phase,
  cards,
  items,
  merged,
  presentation,
  sink,
  onPresent,
}: {
  phase: Phase;
  cards: ReadonlyMap<string, readonly Card[]>;
  items: readonly MenuItem[];
  /** Source keys of cards already in an item. */
  merged: ReadonlySet<string>;
  presentation: Presentation | null;
  sink: CardSink;
  onPresent(target: PresentationTarget | null): void;
}) {
  const t = useT();
  const wide = useWideScreen();
  const [shown, setShown] = useState<string | null>(null);
  const visible = wide ? phase.groups : phase.groups.filter((g) => g.id === (shown ?? phase.groups[0]?.id));
  return (
    <div className="plenum-boards">
      {!wide && phase.groups.length > 1 && (
        <div className="plenum-group-switch" role="group" aria-label={t('plenum.boards.choose')}>
          {phase.groups.map((g) => (
            <button
              key={g.id}
              type="button"
              className="secondary"
              aria-pressed={visible[0]?.id === g.id}
              onClick={() => setShown(g.id)}
            >
              {g.name}
            </button>
          ))}
        </div>
      )}
      <div className="plenum-board-list">
        {visible.map((group) => (
          <GroupBoard
            key={group.id}
            phase={phase}
            group={group}
            cards={cards.get(group.id) ?? null}
            items={items}
            merged={merged}
            presentation={presentation}
            sink={sink}
            onPresent={onPresent}
          />
        ))}
      </div>
    </div>
  );
}

/** One group's board; memoised, so a card written on another board does not render this one (its props are kept: see PlenumCard). */
const GroupBoard = memo(function GroupBoard({
  phase,
  group,
  cards,
  items,
  merged,
  presentation,
  sink,
  onPresent,
}: {
  phase: Phase;
  group: Group;
  cards: readonly Card[] | null;
  items: readonly MenuItem[];
  merged: ReadonlySet<string>;
  presentation: Presentation | null;
  sink: CardSink;
  onPresent(target: PresentationTarget | null): void;
}) {
  const t = useT();
  const headingId = `plenum-board-${group.id}`;
  const byColumn = cards ? groupCardsByColumn([...cards], phase.prompts.map((p) => p.id)) : null;
  const boardTarget: PresentationTarget = { kind: 'board', phaseId: phase.id, groupId: group.id };
  return (
    <article className="plenum-board" aria-labelledby={headingId} data-testid="plenum-board" data-group-id={group.id}>
      <header className="plenum-board-head">
        <h3 id={headingId}>
          {group.name}
          {group.composition && <span className="group-composition"> – {group.composition}</span>}
        </h3>
        <PresentButton
          what={t('plenum.present.board', { name: group.name })}
          active={sameTarget(presentation, boardTarget)}
          onPresent={(on) => onPresent(on ? boardTarget : null)}
        />
      </header>
      {byColumn === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        phase.prompts.map((prompt) => {
          const inColumn = byColumn.get(prompt.id) ?? [];
          const columnTarget: PresentationTarget = { kind: 'column', phaseId: phase.id, groupId: group.id, columnId: prompt.id };
          return (
            <section key={prompt.id} className="plenum-column" aria-label={`${group.name}: ${prompt.text}`}>
              <div className="plenum-column-head">
                <h4>
                  {prompt.text} <span className="peek-column-count">({inColumn.length})</span>
                </h4>
                <PresentButton
                  what={t('plenum.present.column', { column: cardExcerpt(prompt.text), name: group.name })}
                  active={sameTarget(presentation, columnTarget)}
                  onPresent={(on) => onPresent(on ? columnTarget : null)}
                />
              </div>
              {inColumn.length === 0 ? (
                <p className="field-hint">{t('plenum.column.empty')}</p>
              ) : (
                <ul className="plenum-cards">
                  {inColumn.map((card) => (
                    <PlenumCard
                      key={card.id}
                      phaseId={phase.id}
                      votingEnabled={phase.votingEnabled}
                      groupId={group.id}
                      groupName={group.name}
                      card={card}
                      heading={prompt.text}
                      items={items}
                      merged={merged.has(sourceKey(group.id, card.id))}
                      presented={sameTarget(presentation, { kind: 'card', phaseId: phase.id, groupId: group.id, cardId: card.id })}
                      sink={sink}
                      onPresent={onPresent}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
    </article>
  );
});

interface PlenumCardProps {
  phaseId: string;
  /** Dots are shown (the phase has voting). */
  votingEnabled: boolean;
  groupId: string;
  groupName: string;
  card: Card;
  heading: string;
  /** The summary's items, as the card's menu lists them. */
  items: readonly MenuItem[];
  merged: boolean;
  /** The card is what everyone is shown now. */
  presented: boolean;
  sink: CardSink;
  onPresent(target: PresentationTarget | null): void;
}

/**
 * One card of a group's board. Memoised: while the groups still write, every
 * incoming card renders the boards again, and on twelve boards of 30 cards
 * rendering all of them cost the moderator's page about 40 ms per card. Its
 * props stay the same objects while what it shows is unchanged: cards are
 * reused by readCards and usePhaseBoards, `items` by MergeView while their
 * numbers and texts are the same, `sink` and `onPresent` for the view's life.
 *
 * dnd-kit renders every draggable card again when a drag starts and ends (its
 * context changes), so this part holds only the drag state; what the card
 * shows is PlenumCardContent, which renders only when that changed.
 */
const PlenumCard = memo(function PlenumCard(props: PlenumCardProps) {
  const { groupId, card, heading } = props;
  const t = useT();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: `card:${sourceKey(groupId, card.id)}`,
    data: { source: sourceOf(groupId, card), heading } satisfies DraggedCard,
    attributes: { roleDescription: t('plenum.dnd.roleDescription') },
  });
  return (
    <li
      ref={setNodeRef}
      className={`plenum-card card-${card.color}${isDragging ? ' plenum-card-dragging' : ''}`}
      data-card-id={card.id}
      data-testid="plenum-card"
    >
      <PlenumCardContent {...props} dragAttributes={attributes} dragListeners={listeners} setDragHandle={setActivatorNodeRef} />
    </li>
  );
});

const sourceOf = (groupId: string, card: Card): SourceCard => ({ groupId, columnId: card.columnId, cardId: card.id, text: card.text });

interface PlenumCardContentProps extends PlenumCardProps {
  /** The drag handle's props from useDraggable: the same objects while the card's drag state is unchanged. */
  dragAttributes: ReturnType<typeof useDraggable>['attributes'];
  dragListeners: ReturnType<typeof useDraggable>['listeners'];
  setDragHandle(element: HTMLElement | null): void;
}

/** What a card of the plenum view shows: its text, its dots, whether it is merged, and what can be done with it. */
const PlenumCardContent = memo(function PlenumCardContent({
  phaseId,
  votingEnabled,
  groupId,
  groupName,
  card,
  heading,
  items,
  merged,
  presented,
  sink,
  onPresent,
  dragAttributes,
  dragListeners,
  setDragHandle,
}: PlenumCardContentProps) {
  const t = useT();
  const source = sourceOf(groupId, card);
  const label = t('plenum.card.quoted', { text: cardExcerpt(card.text), name: groupName });
  const cardTarget: PresentationTarget = { kind: 'card', phaseId, groupId, cardId: card.id };
  const showVotes = votingEnabled && card.votes > 0;
  return (
    <>
      <p className="plenum-card-text">{card.text}</p>
      <div className="plenum-card-foot">
        <button
          ref={setDragHandle}
          type="button"
          className="icon-button drag-handle"
          {...dragAttributes}
          {...dragListeners}
          aria-label={`${t('plenum.dnd.handle')}: ${label}`}
          title={t('plenum.dnd.handle')}
        >
          <GripIcon />
        </button>
        {showVotes && <span className="plenum-votes">{t('plenum.votes', { count: card.votes })}</span>}
        {merged && <span className="plenum-merged">{t('plenum.card.merged')}</span>}
        <span className="plenum-card-actions">
          <PresentButton what={label} active={presented} onPresent={(on) => onPresent(on ? cardTarget : null)} />
          <MenuButton
            className="to-summary"
            label={t('plenum.toSummary')}
            accessibleLabel={`${t('plenum.toSummary')} ${label}`}
            choices={[
              { key: 'new', label: t('plenum.toSummary.new'), onChoose: () => sink.newItem(source, heading) },
              ...items.map((item, i) => ({
                key: item.id,
                label: t('plenum.toSummary.item', { n: i + 1, text: cardExcerpt(item.text) }),
                onChoose: () => sink.join(item.id, source),
              })),
            ]}
          />
        </span>
      </div>
    </>
  );
});
