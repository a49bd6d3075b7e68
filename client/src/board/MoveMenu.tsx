import type { KeyMessage } from '../i18n/message.ts';
import type { Translate } from '../state/ui-store.ts';
import { useDisclosureMenu } from '../ui/useDisclosureMenu.ts';
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

export function MoveMenu({
  t,
  cardLabel,
  targets,
  onMove,
}: {
  /** Handed down by the card (see CardItem's props). */
  t: Translate;
  cardLabel: string;
  targets: MoveTarget[];
  onMove(target: MoveTarget): void;
}) {
  const menu = useDisclosureMenu();

  if (targets.length === 0) return null;

  return (
    <div className="move-menu" {...menu.containerProps}>
      <button {...menu.buttonProps} className="icon-button move-menu-button" aria-label={`${t('move.menu')} ${cardLabel}`} title={t('move.menu')}>
        <MoveIcon />
      </button>
      {menu.open && (
        <ul {...menu.menuProps} className="move-menu-list" aria-label={t('move.menu')}>
          {targets.map((target) => (
            <li key={target.key}>
              <button
                type="button"
                className="move-menu-item"
                onClick={() => {
                  menu.close(false);
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
