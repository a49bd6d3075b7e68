import type { ReactNode } from 'react';
import { useDisclosureMenu } from '../ui/useDisclosureMenu.ts';

// A disclosure button with a short list of choices, each acting at once:
// "Zur Zusammenfassung …" on every card of the plenum view, the path for
// anyone who cannot or does not want to drag (ui/useDisclosureMenu.ts).

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
  const menu = useDisclosureMenu();

  return (
    <div className={`plenum-menu ${className}`} {...menu.containerProps}>
      <button {...menu.buttonProps} className="secondary plenum-menu-button" aria-label={accessibleLabel}>
        {children}
        {label}
      </button>
      {menu.open && (
        <ul {...menu.menuProps} className="plenum-menu-list" aria-label={label}>
          {choices.map((choice) => (
            <li key={choice.key}>
              <button
                type="button"
                className="plenum-menu-item"
                onClick={() => {
                  menu.close(true);
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
