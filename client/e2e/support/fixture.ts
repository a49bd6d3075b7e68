import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';

/**
 * One Chromium and one Plenum server for all tests of a file: started before
 * the first test, handed to `ready`, stopped after the last (after `cleanup`,
 * which closes what the file opened on top).
 */
export function withBrowserAndServer(
  ready: (browser: Browser, server: TestServer) => void,
  cleanup?: () => void | Promise<void>,
): void {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    ready(browser, server);
  });
  afterAll(async () => {
    await cleanup?.();
    await browser?.close();
    await server?.stop();
  });
}
