import type { Page } from 'playwright-core';

/**
 * Lets go of a card dragged with the mouse, and returns once the page takes
 * clicks again: for 50 ms after a drag, dnd-kit stops every click at the
 * document (the one the mouse-up makes, and also the one Enter makes on a
 * button), so a click or keyboard step right after a drop would do nothing.
 */
export async function letGo(page: Page): Promise<void> {
  await page.mouse.up();
  // Asked from here, one probe at a time, not in a loop inside the page: a
  // named function in page code gets esbuild's `__name` wrapper when the
  // bench runs this file through tsx, and the page has no `__name`.
  for (const started = Date.now(); ; ) {
    const through = await page.evaluate(() => {
      let reached = false;
      const probe = document.createElement('span');
      probe.addEventListener('click', () => (reached = true));
      document.body.append(probe);
      probe.click();
      probe.remove();
      return reached;
    });
    if (through) return;
    if (Date.now() - started > 5_000) throw new Error('clicks were still stopped 5 s after the drop');
  }
}
