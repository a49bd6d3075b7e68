import './icons.css';

// Inline SVG icons (no icon font, nothing loaded from elsewhere). Decorative:
// every button that uses one carries its own accessible name.
// Each is one <svg> with one <path>, drawn by icons.css (stroke, width, …):
// a 500-card board shows four icons per card, and their elements and
// attributes were a large part of its first render (docs/benchmarks.md).
// Not a CSS mask or background image either: painting 2,000 SVG images cost
// more than the paths.

/** A circle as a path: the grip's dots. */
const dot = (x: number, y: number) => `M${x + 1.2} ${y}a1.2 1.2 0 1 1-2.4 0a1.2 1.2 0 1 1 2.4 0`;

const icon = (name: string, d: string) => {
  const className = `icon icon-${name}`;
  return function Icon() {
    return (
      <svg className={className} viewBox="0 0 24 24" aria-hidden="true">
        <path d={d} />
      </svg>
    );
  };
};

export const GripIcon = icon('grip', [dot(9, 6), dot(15, 6), dot(9, 12), dot(15, 12), dot(9, 18), dot(15, 18)].join(''));
export const EditIcon = icon('edit', 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4');
export const DeleteIcon = icon('delete', 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3');
export const MoveIcon = icon('move', 'M4 12h16M16 8l4 4-4 4M8 4v4M8 16v4');
export const UndoIcon = icon('undo', 'M9 14L4 9l5-5M4 9h10a6 6 0 010 12h-3');
export const RedoIcon = icon('redo', 'M15 14l5-5-5-5M20 9H10a6 6 0 000 12h3');
export const PlusIcon = icon('plus', 'M12 5v14M5 12h14');
export const MinusIcon = icon('minus', 'M5 12h14');
export const LockIcon = icon('lock', 'M7 11h10a2 2 0 012 2v5a2 2 0 01-2 2H7a2 2 0 01-2-2v-5a2 2 0 012-2zM8 11V8a4 4 0 018 0v3');
