import path from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { type RunningServer, listen } from '../../server/index.ts';
import { createLogger } from '../../server/logger.ts';
import { tokenFor } from '../support/app.ts';
import { launchChromium } from '../support/browser.ts';
import { testDatabase } from '../support/db.ts';
import { buildExplorerWorld } from '../support/explorer-world.ts';
import { GraphSpecBuilder } from '../support/graph.ts';
import { candidate, graphEdits, hub } from '../support/graph-edits.ts';

/**
 * The built client under the app's own headers (helmet's Content-Security-
 * Policy, no test override), signing in through the link `npm start` prints
 * (`/#token=…`), and what a viewer sees of a profile.
 */

const CLIENT_OUT = path.join(PROJECT_ROOT, 'test-output', 'browser-client-access');

describe('signing in and the Content-Security-Policy in a browser', () => {
  let db: Database;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    await new GraphSpecBuilder()
      .node('Candidate', { id: 'k1', name: 'Kim', email: 'kim@example.org', profileUrl: 'https://profiles.example/kim', seniority: 'mid', passive: true, openToWork: false })
      .write(db);
    await graphEdits.link(db, candidate('k1'), 'BASED_IN', hub('oxford'), { distanceKm: 3 });
    const { build } = await import('vite');
    await build({
      root: path.join(PROJECT_ROOT, 'client'),
      configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: CLIENT_OUT, emptyOutDir: true },
    });
    server = await listen({ db, logger: createLogger('silent'), clientDir: CLIENT_OUT }, { host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page that records console errors, page errors and CSP violations. */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    return { page, problems };
  }

  it('the sign-in link /#token=… signs the tab in, leaves the address bar and history, and the map draws under the app’s CSP', async () => {
    const token = await tokenFor(db, 'sourcer');
    const { page, problems } = await watchedPage();
    const response = await page.goto(`${server.url}/map#token=${token}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.map-canvas[data-state="ready"] g.hub');
    expect(await page.evaluate(() => sessionStorage.getItem('atlas.token'))).toBe(token);
    expect(page.url()).toBe(`${server.url}/map`);
    // The token left by replaceState: no history entry was added for it (a page opened without one has the same).
    const plain = await watchedPage();
    await plain.page.goto(`${server.url}/map`);
    const plainLength = await plain.page.evaluate(() => history.length);
    await plain.page.context().close();
    expect(await page.evaluate(() => [location.hash, history.length])).toEqual(['', plainLength]);
    expect(await page.$('dialog.sign-in[open]')).toBeNull();
    expect(problems).toEqual([]);
    // Kept for the tab's session only: a new tab (context) starts signed out.
    const other = await watchedPage();
    await other.page.goto(`${server.url}/map`);
    await other.page.waitForSelector('dialog.sign-in[open]');
    expect(await other.page.evaluate(() => sessionStorage.getItem('atlas.token'))).toBeNull();
    await page.context().close();
    await other.page.context().close();
  });

  it('a viewer signed in by link sees a profile without its e-mail or profile link', async () => {
    const token = await tokenFor(db, 'viewer');
    const { page, problems } = await watchedPage();
    await page.goto(`${server.url}/map?hub=oxford&candidate=k1#token=${encodeURIComponent(token)}`);
    await page.waitForSelector('text=Kim');
    await page.waitForLoadState('networkidle');
    const html = await page.content();
    expect(html).not.toMatch(/kim@example\.org|profiles\.example/);
    expect(problems.filter((p) => !/status of 40[34]/.test(p))).toEqual([]);
    await page.context().close();
  });
});
