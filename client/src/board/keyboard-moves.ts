import { KeyboardCode, type KeyboardCoordinateGetter, type UniqueIdentifier } from '@dnd-kit/core';

// Arrow keys on a picked-up card: left and right always go to the next column
// (same position, or its end), up and down always move within the column.
// dnd-kit's sortableKeyboardCoordinates picks the nearest droppable in the
// key's direction by geometry; the card's own column lies to its left too, so
// a first ArrowLeft moved the card up in its column instead.
//
// The getter centres the dragged card on its target; for keyboard drags the
// board's collision detection takes the droppable with the nearest centre
// (BoardColumns), so the target is the one "over".

export interface KeyboardLayout {
  /** Column ids, left to right. */
  columns: string[];
  /** Card ids per column, in order, as the drag shows them now. */
  items: Record<string, string[]>;
  /** The droppable id of a whole column. */
  columnDroppable(columnId: string): UniqueIdentifier;
}

export function boardKeyboardCoordinates(layout: () => KeyboardLayout): KeyboardCoordinateGetter {
  return (event, { active, context }) => {
    const { collisionRect, droppableRects } = context;
    const step = {
      [KeyboardCode.Left]: { column: -1, row: 0 },
      [KeyboardCode.Right]: { column: 1, row: 0 },
      [KeyboardCode.Up]: { column: 0, row: -1 },
      [KeyboardCode.Down]: { column: 0, row: 1 },
    }[event.code];
    if (!step) return undefined;
    event.preventDefault();
    if (!collisionRect) return undefined;
    const { columns, items, columnDroppable } = layout();
    const from = columns.findIndex((id) => items[id]?.includes(String(active)));
    if (from < 0) return undefined;
    const own = items[columns[from] as string] ?? [];
    const at = own.indexOf(String(active));

    let target: UniqueIdentifier | undefined;
    if (step.column !== 0) {
      const columnId = columns[from + step.column];
      if (columnId === undefined) return undefined;
      const others = (items[columnId] ?? []).filter((id) => id !== String(active));
      // Onto the card at the same position (the dragged one goes before it), or the column itself (its end).
      target = at < others.length ? others[at] : columnDroppable(columnId);
    } else {
      // Within a column the list keeps its order during the drag; the card
      // "over" says where the dragged one shows now (sortable semantics: it
      // takes that card's place). Aim at the card whose place is one further.
      const overId = context.over ? String(context.over.id) : null;
      const shownAt = overId !== null && own.includes(overId) ? own.indexOf(overId) : at;
      const next = shownAt + step.row;
      if (next < 0 || next >= own.length) return undefined;
      target = next === at ? active : own[next];
    }
    const rect = target === undefined ? undefined : droppableRects.get(target);
    if (!rect) return undefined;
    return {
      x: rect.left + rect.width / 2 - collisionRect.width / 2,
      y: rect.top + rect.height / 2 - collisionRect.height / 2,
    };
  };
}
