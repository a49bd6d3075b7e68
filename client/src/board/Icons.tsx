import './icons.css';

// Decorative icons, drawn by icons.css (no icon font, nothing loaded from
// elsewhere). Every button that uses one carries its own accessible name.
// One empty element per icon, not an inline <svg>: a 500-card board shows
// four icons per card, and their SVG elements and attributes were a large
// part of its first render (docs/benchmarks.md).

type IconName = 'grip' | 'edit' | 'delete' | 'move' | 'undo' | 'redo' | 'plus' | 'minus' | 'lock';

const icon = (name: IconName) => {
  const className = `icon icon-${name}`;
  return function Icon() {
    return <span className={className} aria-hidden="true" />;
  };
};

export const GripIcon = icon('grip');
export const EditIcon = icon('edit');
export const DeleteIcon = icon('delete');
export const MoveIcon = icon('move');
export const UndoIcon = icon('undo');
export const RedoIcon = icon('redo');
export const PlusIcon = icon('plus');
export const MinusIcon = icon('minus');
export const LockIcon = icon('lock');
