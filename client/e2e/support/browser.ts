import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core. No browser is downloaded.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** Every request URL the page made, to check none left the server's origin. */
  requests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
}

export async function newPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string; selfSignedTls?: boolean } = {},
): Promise<TrackedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 720 },
    locale: options.locale ?? 'de-DE',
    // The TLS test's certificate is made at test time, signed by nobody.
    ignoreHTTPSErrors: options.selfSignedTls ?? false,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, context, requests, errors };
}
