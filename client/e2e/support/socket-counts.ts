import type { BrowserContext, Page } from 'playwright-core';

// How many websockets a page holds at once, counted as the page itself
// creates them (a wrapper around its WebSocket, installed before any script
// of the page runs).

export interface SocketCounts {
  /** The most at once between creation and the end of the handshake (open, or closed before). */
  mostConnecting: number;
  /** The most at once between creation and close. */
  mostOpen: number;
}

/** Counts the websockets of every page the context opens from now on. */
export async function countSockets(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.WebSocket;
    const now = { connecting: 0, open: 0 };
    const counts = { mostConnecting: 0, mostOpen: 0 };
    (window as unknown as { socketCounts: typeof counts }).socketCounts = counts;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        now.connecting++;
        now.open++;
        counts.mostConnecting = Math.max(counts.mostConnecting, now.connecting);
        counts.mostOpen = Math.max(counts.mostOpen, now.open);
        let handshaking = true;
        const handshakeEnded = () => {
          if (handshaking) now.connecting--;
          handshaking = false;
        };
        this.addEventListener('open', handshakeEnded);
        this.addEventListener('close', () => {
          handshakeEnded();
          now.open--;
        });
      }
    };
  });
}

export function socketCounts(page: Page): Promise<SocketCounts> {
  return page.evaluate(() => (window as unknown as { socketCounts: SocketCounts }).socketCounts);
}
