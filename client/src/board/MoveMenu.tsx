import { useEffect, useId, useRef, useState } from 'react';
import type { KeyMessage } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { MoveIcon } from './Icons.tsx';

// "Verschieben nach …": moving a card with single clicks or keys, for anyone
// who cannot or does not want to drag (WCAG 2.5.7). A disclosure button with
// a short list of targets; picking one moves the card at once.

export interface MoveTarget {
  key: string;
  label: string;
  /** The label as key and params, for a notice that outlives a language switch. */
  message: KeyMessage;
  columnId: string;
  /**
   * Index among the other cards of the target column; null = at its end,
   * counted when the card moves (so the menu need not change when cards are added).
   */
  index: number | null;
}

export function MoveMenu({ cardLabel, targets, onMove }: { cardLabel: string; targets: MoveTarget[]; onMove(target: MoveTarget): void }) {
  const t = useT();
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

  if (targets.length === 0) return null;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  return (
    <div
      className="move-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          close(true);
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="icon-button move-menu-button"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={`${t('move.menu')} ${cardLabel}`}
        title={t('move.menu')}
        onClick={() => setOpen((o) => !o)}
      >
        <MoveIcon />
      </button>
      {open && (
        <ul id={`${id}-menu`} ref={menu} className="move-menu-list" aria-label={t('move.menu')}>
          {targets.map((target) => (
            <li key={target.key}>
              <button
                type="button"
                className="move-menu-item"
                onClick={() => {
                  close(false);
                  onMove(target);
                }}
              >
                {target.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
