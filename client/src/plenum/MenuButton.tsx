import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

// A disclosure button with a short list of choices, each acting at once:
// "Zur Zusammenfassung …" on every card of the plenum view, the path for
// anyone who cannot or does not want to drag (WCAG 2.5.7), as the board's
// MoveMenu. Escape closes and returns focus; a click elsewhere closes.

export interface MenuChoice {
  key: string;
  label: string;
  onChoose(): void;
}

export function MenuButton({
  label,
  accessibleLabel,
  className,
  choices,
  children,
}: {
  /** The visible text of the button (and the list's name). */
  label: string;
  /** The button's full name, e.g. with the card it acts on. */
  accessibleLabel: string;
  className: string;
  choices: MenuChoice[];
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector('button')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      className={`plenum-menu ${className}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="secondary plenum-menu-button"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={accessibleLabel}
        onClick={() => setOpen((o) => !o)}
      >
        {children}
        {label}
      </button>
      {open && (
        <ul id={`${id}-menu`} ref={menu} className="plenum-menu-list" aria-label={label}>
          {choices.map((choice) => (
            <li key={choice.key}>
              <button
                type="button"
                className="plenum-menu-item"
                onClick={() => {
                  setOpen(false);
                  button.current?.focus();
                  choice.onChoose();
                }}
              >
                {choice.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
