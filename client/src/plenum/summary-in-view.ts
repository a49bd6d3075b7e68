import { useEffect, useMemo } from 'react';
import { useDndContext, type AutoScrollOptions } from '@dnd-kit/core';

// On a wide screen the summary stays in the window while the boards scroll
// past it (plenum.css): a card from the last of twelve boards reaches it
// without the page scrolling back up under the drag. Two things dnd-kit
// (6.3) assumes of drop zones are then not so, and are mended here.

/**
 * dnd-kit measures a drop zone once and then moves it by the scrolling of its
 * scrollable ancestors since (its `Rect`): right for a zone that scrolls with
 * the page, wrong for one that stays put, which a drag that scrolled the page
 * would look for where it is not. So while a card is dragged, every scroll
 * has the zones measured again, at most once a frame. (The plenum's only
 * drop zones are the summary's.) Render it inside the DndContext, whose
 * state it reads.
 */
export function ZonesMeasuredOnScroll(): null {
  const { active, measureDroppableContainers } = useDndContext();
  const dragging = active !== null;
  useEffect(() => {
    if (!dragging) return;
    let frame = 0;
    const onScroll = () => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measureDroppableContainers([]);
      });
    };
    // Scroll events do not bubble; a capturing listener hears the page's and the summary's own.
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => {
      document.removeEventListener('scroll', onScroll, { capture: true });
      cancelAnimationFrame(frame);
    };
  }, [dragging, measureDroppableContainers]);
  return null;
}

/**
 * dnd-kit scrolls the page while the pointer is near the window's edge, which
 * is where the summary's first point and its "neuer Punkt" often are: the
 * boards would run past while the card is held over its target. While the
 * card is over a zone, only the summary itself may scroll.
 */
export function useAutoScrollBesideZones(overZone: boolean): AutoScrollOptions {
  return useMemo(() => ({ canScroll: (element: Element) => !(overZone && element === document.scrollingElement) }), [overZone]);
}

/**
 * Scrolls the summary panel, and nothing else, until the point is in view
 * above "neuer Punkt" (which stays at the panel's foot): the point this
 * moderator's drop or "Zur Zusammenfassung …" just wrote, which in a summary
 * longer than the window would land out of sight. The page does not move, so
 * the board being read stays where it is; where the panel does not scroll
 * (a narrow screen), nothing does.
 */
export function revealInPanel(panel: HTMLElement, item: HTMLElement, foot: HTMLElement | null): void {
  const view = panel.getBoundingClientRect();
  const top = view.top + panel.clientTop;
  const bottom = foot ? foot.getBoundingClientRect().top - parseFloat(getComputedStyle(foot).marginTop) : top + panel.clientHeight;
  const rect = item.getBoundingClientRect();
  // A point taller than the view shows its start.
  if (rect.top < top || rect.height > bottom - top) panel.scrollTop -= top - rect.top;
  else if (rect.bottom > bottom) panel.scrollTop += rect.bottom - bottom;
}
