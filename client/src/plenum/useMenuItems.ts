import { useRef } from 'react';
import type { SummaryItem } from '@plenum/shared/summary-doc';

/** What a card's "Zur Zusammenfassung …" menu lists of an item: its number (the place in the list) and its text. */
export type MenuItem = Pick<SummaryItem, 'id' | 'text'>;

const sameMenu = (a: readonly MenuItem[], b: readonly MenuItem[]) =>
  a.length === b.length && a.every((item, i) => item.id === b[i]!.id && item.text === b[i]!.text);

/**
 * The summary's items as the cards' menus list them: the same array as long
 * as their order and texts are. The summary is read again whenever a board
 * changes (its sources show the cards' live text), so its items are new
 * objects each time; handing those to every memoised card would render all of
 * them for each incoming card.
 */
export function useMenuItems(items: readonly SummaryItem[]): readonly MenuItem[] {
  const last = useRef<readonly MenuItem[]>(items);
  if (!sameMenu(last.current, items)) last.current = items;
  return last.current;
}
