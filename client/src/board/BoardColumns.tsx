import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  closestCenter,
  DndContext,
  DragOverlay,
  getFirstCollision,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type Collision,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove } from '@dnd-kit/sortable';
import { groupCardsByColumn, type Card } from '@plenum/shared/board-doc';
import type { Prompt } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import type { ActionResult } from './board-actions.ts';
import { cardExcerpt } from './card-label.ts';
import { moveTargets, reconcile, type Items } from './card-moves.ts';
import { CardPreview, type CardHandlers, type CardVoting } from './CardItem.tsx';
import { Column, COLUMN_PREFIX } from './Column.tsx';
import { boardKeyboardCoordinates } from './keyboard-moves.ts';
import type { MoveTarget } from './MoveMenu.tsx';

// The columns of a board and dragging cards between them (mouse, touch and
// keyboard). While a drag is under way the order lives in local state, so the
// cards make room as the pointer moves; only the drop writes to the document,
// once, through moveCard's fractional index.

function groupByColumn(prompts: Prompt[], cards: Card[]): Items {
  const columns = groupCardsByColumn(cards, prompts.map((p) => p.id));
  return Object.fromEntries([...columns].map(([id, inColumn]) => [id, inColumn.map((c) => c.id)]));
}

/**
 * `next`, with each column's list replaced by the one in `previous` where
 * they are equal: dnd-kit's SortableContext gives all its cards new context
 * (and so a render) whenever its list is a new array.
 */
function reuseEqualLists(previous: Items, next: Items): Items {
  const out: Items = {};
  for (const [columnId, ids] of Object.entries(next)) {
    const old = previous[columnId];
    out[columnId] = old && old.length === ids.length && old.every((id, i) => id === ids[i]) ? old : ids;
  }
  return out;
}

const NO_IDS: string[] = [];

// Module-level, so the sensors stay the same objects: new options would make
// dnd-kit hand every card a new context, re-rendering all of them.
const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };

const isColumn = (id: UniqueIdentifier) => String(id).startsWith(COLUMN_PREFIX);

function columnOf(items: Items, id: UniqueIdentifier): string | null {
  const key = String(id);
  if (isColumn(key)) {
    const columnId = key.slice(COLUMN_PREFIX.length);
    return columnId in items ? columnId : null;
  }
  return Object.keys(items).find((columnId) => items[columnId]?.includes(key)) ?? null;
}

export interface BoardColumnsProps {
  prompts: Prompt[];
  cards: Card[];
  readOnly: boolean;
  draftPrefix: string;
  editingId: string | null;
  editorsOf(cardId: string): string[];
  votingOf(card: Card): CardVoting | null;
  handlers: CardHandlers;
  onAdd(columnId: string, text: string): ActionResult;
  onDrop(cardId: string, columnId: string, index: number): void;
}

export function BoardColumns(props: BoardColumnsProps) {
  const { prompts, cards, readOnly, handlers } = props;
  const t = useT();
  const lastBase = useRef<Items>({});
  const base = useMemo(() => reuseEqualLists(lastBase.current, groupByColumn(prompts, cards)), [prompts, cards]);
  const byId = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards]);
  const [drag, setDrag] = useState<{ activeId: string; items: Items; fromColumn: string; fromIndex: number } | null>(null);
  const items = useMemo(() => (drag ? reuseEqualLists(base, reconcile(drag.items, base, drag.activeId)) : base), [drag, base]);

  // Event handlers and announcements read the latest order through refs.
  const itemsRef = useRef(items);
  const columnsRef = useRef(prompts.map((p) => p.id));
  const byIdRef = useRef(byId);
  const startRef = useRef(drag);
  useLayoutEffect(() => {
    lastBase.current = base;
    itemsRef.current = items;
    columnsRef.current = prompts.map((p) => p.id);
    byIdRef.current = byId;
    startRef.current = drag;
  });

  // Whole names, never cut mid-word: the move menu wraps them, announcements read them out.
  const titleOf = (columnId: string | null) => cardExcerpt(prompts.find((p) => p.id === columnId)?.text ?? '', Infinity);

  // Made once, reading the latest columns and order through refs, so the
  // sensor options (and with them every card's drag context) stay the same.
  const keyboardOptions = useMemo(
    () => ({
      coordinateGetter: boardKeyboardCoordinates(() => ({
        columns: columnsRef.current,
        items: itemsRef.current,
        columnDroppable: (columnId: string) => COLUMN_PREFIX + columnId,
      })),
    }),
    [],
  );
  const sensors = useSensors(
    useSensor(MouseSensor, POINTER_OPTIONS),
    useSensor(TouchSensor, POINTER_OPTIONS),
    useSensor(KeyboardSensor, keyboardOptions),
  );

  // Keys (no pointer): the droppable the arrow keys aimed at (keyboard-moves.ts).
  // Pointer first; over a column, the card in it nearest to the dragged one.
  // Only the columns under the pointer and their cards are looked at: a
  // card's rect lies inside its column's, and dnd-kit works out every rect's
  // scroll offset each time it is read, so testing all 500 cards of a big
  // board on each pointer move took most of a frame.
  const lastCollisions = useRef<Collision[]>([]);
  const collisionDetection: CollisionDetection = (args) => {
    if (args.pointerCoordinates === null) return closestCenter(args).slice(0, 1);
    const columnsHit = pointerWithin({ ...args, droppableContainers: args.droppableContainers.filter((c) => isColumn(c.id)) });
    const inHitColumns = new Set(columnsHit.flatMap((hit) => itemsRef.current[String(hit.id).slice(COLUMN_PREFIX.length)] ?? []));
    const within = pointerWithin({
      ...args,
      droppableContainers: args.droppableContainers.filter((c) => isColumn(c.id) || inHitColumns.has(String(c.id))),
    });
    const hits = within.length > 0 ? within : rectIntersection(args);
    let overId = getFirstCollision(hits, 'id');
    if (overId !== null && isColumn(overId)) {
      const inColumn = new Set(itemsRef.current[String(overId).slice(COLUMN_PREFIX.length)] ?? []);
      if (inColumn.size > 0) {
        const nearest = closestCenter({
          ...args,
          droppableContainers: args.droppableContainers.filter((c) => inColumn.has(String(c.id))),
        });
        overId = getFirstCollision(nearest, 'id') ?? overId;
      }
    }
    // The same array while the same droppable is hit: dnd-kit hands a new
    // array to every card's drag context, and each card would render again on
    // every pointer move.
    const previous = lastCollisions.current;
    if (overId === null ? previous.length === 0 : previous[0]?.id === overId) return previous;
    return (lastCollisions.current = overId === null ? [] : [{ id: overId }]);
  };

  const place = (activeId: UniqueIdentifier, overId: UniqueIdentifier) => {
    const current = itemsRef.current;
    const columnId = columnOf(current, overId);
    const list = columnId ? (current[columnId] ?? []) : [];
    const has = list.includes(String(activeId));
    const position = isColumn(overId) ? (has ? list.indexOf(String(activeId)) + 1 : list.length + 1) : list.indexOf(String(overId)) + 1;
    return { column: titleOf(columnId), position, count: has ? list.length : list.length + 1 };
  };
  const cardName = (id: UniqueIdentifier) => cardExcerpt(byIdRef.current.get(String(id))?.text ?? '');

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.pickedUp', { card: cardName(active.id), ...place(active.id, active.id) }),
    onDragOver: ({ active, over }) => {
      if (!over) return t('dnd.outside');
      const at = place(active.id, over.id);
      // Right after pick-up the card is over its own place: onDragStart said so already.
      const start = startRef.current;
      if (start && over.id === active.id && at.column === titleOf(start.fromColumn) && at.position === start.fromIndex + 1) return undefined;
      return t('dnd.over', at);
    },
    onDragEnd: ({ active, over }) =>
      over ? t('dnd.dropped', { card: cardName(active.id), ...place(active.id, over.id) }) : t('dnd.cancelled', { card: cardName(active.id) }),
    onDragCancel: ({ active }) => t('dnd.cancelled', { card: cardName(active.id) }),
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    const fromColumn = columnOf(base, active.id);
    if (!fromColumn) return;
    const fromIndex = base[fromColumn]?.indexOf(String(active.id)) ?? 0;
    const started = { activeId: String(active.id), items: base, fromColumn, fromIndex };
    startRef.current = started;
    setDrag(started);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const current = itemsRef.current;
    const from = columnOf(current, active.id);
    const to = columnOf(current, over.id);
    if (!from || !to || from === to) return;
    const activeId = String(active.id);
    const target = (current[to] ?? []).filter((id) => id !== activeId);
    let index = isColumn(over.id) ? target.length : target.indexOf(String(over.id));
    if (index < 0) index = target.length;
    else if (!isColumn(over.id)) {
      const dragged = active.rect.current.translated;
      if (dragged && dragged.top > over.rect.top + over.rect.height / 2) index += 1;
    }
    target.splice(index, 0, activeId);
    const next = { ...current, [from]: (current[from] ?? []).filter((id) => id !== activeId), [to]: target };
    itemsRef.current = next;
    setDrag((d) => (d ? { ...d, items: next } : d));
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const started = drag;
    const current = itemsRef.current;
    setDrag(null);
    if (!started || !over) return;
    const columnId = columnOf(current, active.id);
    if (!columnId) return;
    let list = current[columnId] ?? [];
    if (!isColumn(over.id) && columnOf(current, over.id) === columnId) {
      list = arrayMove(list, list.indexOf(String(active.id)), list.indexOf(String(over.id)));
    }
    const index = list.indexOf(String(active.id));
    if (columnId === started.fromColumn && index === started.fromIndex) return;
    props.onDrop(String(active.id), columnId, index);
  };

  // Worked out once per card and board state: the columns render again at every step of a drag.
  const moveTargetsOf = useMemo(() => {
    const known = new Map<Card, MoveTarget[]>();
    return (card: Card): MoveTarget[] => {
      let targets = known.get(card);
      if (!targets) known.set(card, (targets = moveTargets(card, base, prompts, t)));
      return targets;
    };
  }, [base, prompts, t]);

  const activeCard = drag ? byId.get(drag.activeId) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag(null)}
    >
      <div className="columns">
        {prompts.map((prompt) => (
          <Column
            key={prompt.id}
            id={prompt.id}
            title={prompt.text}
            cardIds={items[prompt.id] ?? NO_IDS}
            cards={(items[prompt.id] ?? NO_IDS).flatMap((id) => byId.get(id) ?? [])}
            readOnly={readOnly}
            draftKey={`${props.draftPrefix}/${prompt.id}`}
            editingId={props.editingId}
            editorsOf={props.editorsOf}
            moveTargetsOf={moveTargetsOf}
            votingOf={props.votingOf}
            handlers={handlers}
            onAdd={(text) => props.onAdd(prompt.id, text)}
          />
        ))}
      </div>
      <DragOverlay>{activeCard ? <CardPreview card={activeCard} /> : null}</DragOverlay>
    </DndContext>
  );
}
