import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from '../../server/bench/chromium.ts';
import { PROJECT_ROOT } from '../../server/config.ts';

export { launchChromium };

/**
 * Pages in Debian's chromium for the browser tests. Every page runs under a Content-Security-Policy
 * without 'unsafe-inline' (as the app's own headers will set), and every
 * console error, page error or CSP violation is collected so a test can fail
 * on it.
 */

export const VIEWPORT = { width: 1440, height: 900 };
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-output', 'screenshots');

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and page errors seen so far, except the failed requests a test said to expect. */
  problems(): string[];
  /** A request to a URL matching this pattern may fail with an HTTP error (the page shows it; Chrome logs it). */
  expectFailedRequest(pattern: RegExp): void;
  close(): Promise<void>;
}

/** A fresh page; with `token`, signed in as the client keeps it (sessionStorage) before any script runs. */
export async function openPage(browser: Browser, { token }: { token?: string } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  if (token) await context.addInitScript((t) => sessionStorage.setItem('atlas.token', t), token);
  // Documents get the strict policy as a response header.
  await context.route(
    (url) => !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/assets/') && !/\.\w+$/.test(url.pathname),
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
    },
  );
  const page = await context.newPage();
  const problems: string[] = [];
  const expected: RegExp[] = [];
  const failedResource = /^Failed to load resource: the server responded with a status of \d+/;
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const url = message.location().url ?? '';
    if (failedResource.test(message.text()) && expected.some((p) => p.test(url))) return;
    problems.push(`console: ${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    page,
    context,
    problems: () => [...problems],
    expectFailedRequest: (pattern) => expected.push(pattern),
    close: () => context.close(),
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
