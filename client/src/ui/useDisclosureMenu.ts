import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

// A disclosure button with a short list of choices (the board's "Verschieben
// nach …", the plenum's "Zur Zusammenfassung …"): the single-pointer and
// keyboard path beside dragging (WCAG 2.5.7). Opening focuses the first
// choice; Escape closes and gives focus back to the button; a pointer press
// elsewhere closes.

export function useDisclosureMenu() {
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

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  return {
    open,
    close,
    menuId: `${id}-menu`,
    /** Spread on the element around button and list. */
    containerProps: {
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          close(true);
        }
      },
    },
    /** Spread on the disclosure button. */
    buttonProps: {
      ref: button,
      type: 'button' as const,
      'aria-expanded': open,
      'aria-controls': open ? `${id}-menu` : undefined,
      onClick: () => setOpen((o) => !o),
    },
    /** Spread on the list of choices. */
    menuProps: { id: `${id}-menu`, ref: menu },
  };
}
