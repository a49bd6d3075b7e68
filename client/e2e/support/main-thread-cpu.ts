import type { BrowserContext, Page } from 'playwright-core';

/**
 * A reader of the page's main-thread CPU time so far, in ms (Chromium's
 * TaskDuration in thread ticks, so time spent waiting for one of the
 * machine's two busy cores is not counted): less noisy than wall time on a
 * shared machine. For the browser benches (client/e2e/bench/).
 */
export async function mainThreadCpu(context: BrowserContext, page: Page): Promise<() => Promise<number>> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN);
  };
}
