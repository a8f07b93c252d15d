import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, listen } from '../../server/index.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { tokenFor } from '../support/app.ts';
import { type WatchedPage, launchChromium, openPage, screenshot } from '../support/browser.ts';
import { testDatabase } from '../support/db.ts';

/**
 * The explorer in Debian's chromium, against the app serving a freshly built
 * client over a seeded demo world: what a sourcer and a consultant see and
 * do, with the numbers checked against the API. Any console error fails.
 */

const CLIENT_OUT = path.join(PROJECT_ROOT, 'test-output', 'browser-client');
const WORLD = { candidates: 1500, seed: 7 };

let db: Database;
let server: RunningServer;
let base: string;
let browser: Browser;
let watched: WatchedPage | null = null;
/** A sourcer's token: the pages run signed in, as a consultant would. */
let token: string;

async function api<T = any>(pathAndQuery: string): Promise<T> {
  const res = await fetch(`${base}${pathAndQuery}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status}`);
  return (await res.json()) as T;
}

/** Opens a fresh page at `url`; `before` runs first (e.g. to route requests the page makes while loading). */
async function open(url: string, before?: (page: Page) => Promise<void>, { signedIn = true } = {}): Promise<Page> {
  watched = await openPage(browser, { token: signedIn ? token : undefined });
  await before?.(watched.page);
  await watched.page.goto(`${base}${url}`);
  return watched.page;
}

const mapReady = (page: Page) => page.waitForSelector('.map-canvas[data-state="ready"] g.hub');
const poolReady = (page: Page) => page.waitForSelector('.pool-list[aria-busy="false"] li.pool-row');
const hubTotals = (page: Page) =>
  page.$$eval('g.hub', (gs) => Object.fromEntries(gs.map((g) => [g.getAttribute('data-hub-id'), Number(g.getAttribute('data-total'))])));
/** Waits two animation frames, so whatever the last layout batch changed has been drawn. */
const nextFrames = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
const currentUrl = (page: Page) => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};

beforeAll(async () => {
  db = await testDatabase();
  const { seedDemoWorld } = await import('../../server/services/seed.service.ts');
  await seedDemoWorld(db, { ...WORLD, replace: true });
  token = await tokenFor(db, 'sourcer');
  const { build } = await import('vite');
  await build({
    root: path.join(PROJECT_ROOT, 'client'),
    configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: CLIENT_OUT, emptyOutDir: true },
  });
  server = await listen({ db, logger: createLogger('silent'), clientDir: CLIENT_OUT }, { host: '127.0.0.1', port: 0 });
  base = server.url;
  browser = await launchChromium();
});

afterEach(async () => {
  const problems = watched?.problems() ?? [];
  await watched?.close();
  watched = null;
  expect(problems, 'console errors, page errors or CSP violations').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the explorer in a browser', () => {
  it('the hub map draws every located hub with the count GET /api/hubs gives', async () => {
    const page = await open('/');
    await mapReady(page);
    expect(currentUrl(page)).toBe('/map');
    const expected = await api<{ hubs: { id: string; location: unknown; counts: { total: number } }[] }>('/api/hubs');
    expect(await hubTotals(page)).toEqual(Object.fromEntries(expected.hubs.filter((h) => h.location).map((h) => [h.id, h.counts.total])));
    expect(await page.locator('path.country').count()).toBeGreaterThan(30);
    const total = expected.hubs.reduce((sum, h) => sum + h.counts.total, 0);
    await expect.poll(() => page.textContent('.map-summary')).toBe(`${total.toLocaleString('en-GB')} candidates across ${expected.hubs.length} hubs`);
    await page.hover('g.hub[data-hub-id="munich"] circle.hub-bg');
    await expect.poll(() => page.isVisible('.map-canvas .chart-tooltip')).toBe(true);
    expect(await page.textContent('.map-canvas .chart-tooltip strong')).toBe('Munich, Germany');
    await screenshot(page, 'hub-map');
  });

  it('the hub map applies a skill filter from the type-ahead: the counts change to those the API gives, and the URL keeps it', async () => {
    const page = await open('/map');
    await mapReady(page);
    const before = await hubTotals(page);
    await page.fill('.filter.skills input[type="search"]', 'U-Net variants');
    await page.press('.filter.skills input[type="search"]', 'Enter');
    await page.waitForURL(/skills=unet-variants/);
    const expected = await api<{ hubs: { id: string; counts: { total: number } }[] }>('/api/hubs?allSkills=unet-variants');
    const wanted = Object.fromEntries(expected.hubs.map((h) => [h.id, h.counts.total]));
    await expect.poll(() => hubTotals(page)).toEqual(wanted);
    expect(wanted).not.toEqual(before);
    expect(await page.textContent('.chips li')).toContain('U-Net variants');
    // A name that is not in the taxonomy is refused with a hint, and nothing changes.
    await page.fill('.filter.skills input[type="search"]', 'Basket weaving');
    await page.press('.filter.skills input[type="search"]', 'Enter');
    expect(await page.textContent('.filter.skills .hint')).toContain('No skill "Basket weaving"');
    expect(currentUrl(page)).toBe('/map?skills=unet-variants');
  });

  it('opening a hub shows its ranked pool with each score’s terms, the salary band and paging', async () => {
    const page = await open('/map?seniority=senior,lead');
    await mapReady(page);
    await page.focus('g.hub[data-hub-id="munich"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/hub=munich/);
    await poolReady(page);
    const expected = await api<{ total: number; items: { id: string }[]; nextCursor: string }>('/api/hubs/munich/pool?seniority=senior,lead&limit=20');
    expect(await page.$$eval('li.pool-row', (rows) => rows.map((r) => r.getAttribute('data-candidate-id')))).toEqual(expected.items.map((i) => i.id));
    expect(await page.locator('li.pool-row').first().locator('rect.term').count()).toBe(5);
    expect(await page.locator('li.pool-row').first().locator('.term-reason').count()).toBe(5);
    expect(await page.textContent('.pool-header')).toContain(`${expected.total} candidates`);
    expect(await page.$$eval('.salary-band tr[data-seniority]', (rows) => rows.map((r) => r.getAttribute('data-seniority')))).toEqual(['senior', 'lead']);
    expect(await page.textContent('.page-info')).toBe(`1–20 of ${expected.total}`);
    await screenshot(page, 'pool');
    await page.click('text=Next →');
    await page.waitForURL(/page=2/);
    await page.waitForFunction(() => document.querySelector('.page-info')?.textContent?.startsWith('21–'));
    const second = await api<{ items: { id: string }[] }>(`/api/hubs/munich/pool?seniority=senior,lead&limit=20&cursor=${expected.nextCursor}`);
    expect(await page.$$eval('li.pool-row', (rows) => rows.map((r) => r.getAttribute('data-candidate-id')))).toEqual(second.items.map((i) => i.id));
    expect(await page.textContent('li.pool-row .rank')).toBe('21.');
    await page.click('text=← Previous');
    await page.waitForFunction(() => document.querySelector('.page-info')?.textContent?.startsWith('1–'));
    expect(currentUrl(page)).toBe('/map?seniority=senior,lead&hub=munich');
  });

  it('opening a candidate shows the profile: career timeline, skills, pivot evidence, warm paths and pipelines', async () => {
    const page = await open('/map?hub=munich');
    await poolReady(page);
    const first = page.locator('li.pool-row').first();
    const id = (await first.getAttribute('data-candidate-id'))!;
    await first.locator('button.candidate-link').click();
    await page.waitForURL(new RegExp(`candidate=${id}`));
    const profile = await api<{ name: string; career: { from: string | null }[]; skills: unknown[] }>(`/api/candidates/${id}`);
    await page.waitForSelector('dialog.profile[open] svg.career-timeline');
    expect(await page.textContent('dialog.profile h2')).toBe(profile.name);
    expect(await page.locator('svg.career-timeline g.job').count()).toBe(profile.career.filter((c) => c.from).length);
    expect(await page.locator('dialog.profile ul.skills li').count()).toBe(profile.skills.length);
    await page.waitForFunction(
      () => !document.querySelector('dialog.profile .status.loading') && document.querySelector('.warm-paths')!.childElementCount > 0 && document.querySelector('.pivots')!.childElementCount > 0,
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.locator('dialog.profile .status.error').count()).toBe(0);
    await screenshot(page, 'profile');
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.search.includes('candidate='));
    expect(await page.locator('dialog.profile').count()).toBe(0);
  });

  it('the graph view draws a neighbourhood on canvas, expands a node one more hop, and its URL redraws the same picture', async () => {
    const page = await open('/graph?id=munich&kind=hub');
    await page.waitForSelector('.graph-stage[data-state="settled"]');
    const first = await api<{ nodes: { key: string }[]; truncated: boolean }>('/api/graph/neighbourhood?id=munich&kind=hub');
    expect(Number(await page.getAttribute('.graph-stage', 'data-nodes'))).toBe(first.nodes.length);
    const inked = () =>
      page.$eval('canvas.graph-canvas', (c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
    expect(await inked()).toBeGreaterThan(2000);
    const employer = page.locator('.node-button[data-key^="employer:"]').first();
    const key = (await employer.getAttribute('data-key'))!;
    await employer.click();
    await page.click('text=Expand one more hop');
    await page.waitForURL(new RegExp(`expand=${key}`));
    await page.waitForFunction(() => document.querySelector('.graph-stage')?.getAttribute('data-state') === 'settled' && document.querySelector('.graph-notice')?.textContent?.includes('1 expansion'));
    const [kind, id] = key.split(':');
    const hop = await api<{ nodes: { key: string }[] }>(`/api/graph/neighbourhood?id=${id}&kind=${kind}&depth=1&limit=301`);
    const union = new Set([...first.nodes, ...hop.nodes].map((n) => n.key));
    expect(Number(await page.getAttribute('.graph-stage', 'data-nodes'))).toBe(union.size);
    await nextFrames(page);
    await screenshot(page, 'graph');
    const picture = await page.$eval('canvas.graph-canvas', (c: HTMLCanvasElement) => c.toDataURL());

    const shared = currentUrl(page);
    await watched!.close();
    const again = await open(shared);
    await again.waitForFunction(() => document.querySelector('.graph-stage')?.getAttribute('data-state') === 'settled' && document.querySelector('.graph-notice')?.textContent?.includes('1 expansion'));
    await nextFrames(again);
    expect(await again.$eval('canvas.graph-canvas', (c: HTMLCanvasElement) => c.toDataURL())).toBe(picture);

    // The hub is the only purple node: find it by its pixels, then hover, zoom and drag it.
    const hub = async () => {
      await nextFrames(again);
      return again.$eval('canvas.graph-canvas', (c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let n = 0;
        let sx = 0;
        let sy = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] === 0x6a && data[i + 1] === 0x3d && data[i + 2] === 0x9a) {
            n++;
            sx += (i / 4) % c.width;
            sy += Math.floor(i / 4 / c.width);
          }
        }
        const box = c.getBoundingClientRect();
        return { pixels: n, x: box.left + sx / n, y: box.top + sy / n };
      });
    };
    const before = await hub();
    expect(before.pixels).toBeGreaterThan(20);
    await again.mouse.move(before.x, before.y);
    await again.waitForSelector('.graph-stage .chart-tooltip:not([hidden])');
    expect(await again.textContent('.graph-stage .chart-tooltip strong')).toBe('Munich');
    await again.mouse.wheel(0, -400);
    await expect.poll(async () => (await hub()).pixels).toBeGreaterThan(before.pixels * 1.5);
    const zoomed = await hub();
    await again.mouse.move(zoomed.x, zoomed.y);
    await again.mouse.down();
    await again.mouse.move(zoomed.x - 120, zoomed.y + 60, { steps: 10 });
    // Held, the node follows the pointer; let go, the layout takes it back.
    await expect.poll(async () => {
      const held = await hub();
      return Math.hypot(held.x - (zoomed.x - 120), held.y - (zoomed.y + 60));
    }).toBeLessThan(6);
    await again.mouse.up();
  });

  it('the market map opens a mandate from the filters, moves a candidate’s stage in place, and the move survives a reload', async () => {
    const page = await open('/map?sectors=radiology,automotive,robotics&hub=munich');
    await mapReady(page);
    await page.click('text=New mandate from these filters…');
    await page.fill('dialog.mandate-form input[name="title"]', 'Senior CV engineer');
    await page.fill('dialog.mandate-form input[name="client"]', 'Acme Imaging');
    expect(await page.isChecked('dialog.mandate-form input[data-hub-id="munich"]')).toBe(true);
    expect(await page.isChecked('dialog.mandate-form input[data-sector-id="robotics"]')).toBe(true);
    await page.click('dialog.mandate-form button[type="submit"]');
    await page.waitForURL(/\/market\?search=/);
    await page.waitForSelector('.market-grid-wrap[data-state="ready"] select.stage-select');
    const searchId = new URL(page.url()).searchParams.get('search')!;
    const map = await api<{ hubs: { id: string }[]; cells: { employers: { candidates: { id: string }[] }[] }[]; totals: { people: number } }>(
      `/api/searches/${searchId}/market-map`,
    );
    expect(map.hubs.map((h) => h.id)).toEqual(['munich']);
    expect(await page.locator('li.person').count()).toBe(map.cells.flatMap((c) => c.employers.flatMap((e) => e.candidates)).length);
    const select = page.locator('select.stage-select').first();
    const candidateId = (await select.getAttribute('data-candidate-id'))!;
    await select.selectOption('contacted');
    await page.waitForSelector(`li.person[data-candidate-id="${candidateId}"][data-stage="contacted"]`);
    expect(await page.getAttribute('.coverage-totals', 'data-in-pipeline')).toBe('1');
    await screenshot(page, 'market-map');
    await page.reload();
    await page.waitForSelector(`.market-grid-wrap[data-state="ready"] li.person[data-candidate-id="${candidateId}"][data-stage="contacted"]`);
    const detail = await api<{ pipeline: { candidateId: string; stage: string }[] }>(`/api/searches/${searchId}`);
    expect(detail.pipeline.map((p) => [p.candidateId, p.stage])).toEqual([[candidateId, 'contacted']]);
    // A move the pipeline forbids is refused with the server's reason, and the control goes back.
    watched!.expectFailedRequest(/\/api\/searches\/.+\/candidates\//);
    await page.locator(`select.stage-select[data-candidate-id="${candidateId}"]`).selectOption('identified');
    await page.waitForSelector('.toast.error');
    expect(await page.textContent('.toast.error')).toContain('cannot move back');
    expect(await page.inputValue(`select.stage-select[data-candidate-id="${candidateId}"]`)).toBe('contacted');
  });

  it('talent flows draw the Sankey the API gives for a hub and window, and narrow to moves into target sectors', async () => {
    const page = await open('/flows?hub=munich');
    await page.waitForSelector('.sankey-wrap[data-state="ready"] path.flow', { state: 'attached' });
    const expected = await api<{ flows: { to: { target: boolean | null } }[]; totalMoves: number }>('/api/flows?hub=munich&months=60&limit=40');
    expect(await page.locator('path.flow').count()).toBe(expected.flows.length);
    // The hub's name comes with the hub list, which may answer after the flows.
    await expect.poll(() => page.textContent('.flows-summary')).toContain(`${expected.totalMoves} moves between sectors in Munich`);
    await screenshot(page, 'flows');
    await page.check('text=Only moves into target sectors');
    await page.waitForURL(/into=target/);
    await expect.poll(() => page.locator('path.flow').count()).toBe(expected.flows.filter((f) => f.to.target).length);
    await page.selectOption('.flows-form select >> nth=2', 'any');
    await page.waitForURL(/months=any/);
    const all = await api<{ flows: { to: { target: boolean | null } }[] }>('/api/flows?hub=munich&months=any&limit=40');
    await expect.poll(() => page.locator('path.flow').count()).toBe(all.flows.filter((f) => f.to.target).length);
  });

  it('a shared URL reopens the same view, and a saved view is a named URL kept on the server', async () => {
    const candidate = (await api<{ items: { id: string }[] }>('/api/hubs/paris/pool?allSkills=pytorch&segment=adjacent-sector&limit=1')).items[0]!.id;
    const url = `/map?skills=pytorch&segment=adjacent-sector&hub=paris&candidate=${candidate}`;
    const page = await open(url);
    await page.waitForSelector('dialog.profile[open] svg.career-timeline');
    expect(currentUrl(page)).toBe(url);
    expect(await page.isChecked('input[data-segment="adjacent-sector"]')).toBe(true);
    expect(await page.textContent('.chips li')).toContain('PyTorch');
    await page.keyboard.press('Escape');
    await poolReady(page);
    expect(await page.textContent('.pool-header h2')).toBe('Paris');
    await page.click('#saved-toggle');
    await page.fill('#saved-panel input[name="name"]', 'Paris PyTorch adjacent');
    await page.click('#saved-panel button[type="submit"]');
    await page.waitForSelector('#saved-panel li:has-text("Paris PyTorch adjacent")');
    const saved = await api<{ items: { name: string; url: string }[] }>('/api/saved-views');
    expect(saved.items).toContainEqual(expect.objectContaining({ name: 'Paris PyTorch adjacent', url: '/map?skills=pytorch&segment=adjacent-sector&hub=paris' }));
    await watched!.close();

    const other = await open('/flows');
    await other.waitForSelector('.sankey-wrap[data-state="ready"]');
    await other.click('#saved-toggle');
    await other.click('#saved-panel a:has-text("Paris PyTorch adjacent")');
    await other.waitForURL(/\/map\?skills=pytorch/);
    await poolReady(other);
    expect(await other.textContent('.pool-header h2')).toBe('Paris');
    expect(await other.isChecked('input[data-segment="adjacent-sector"]')).toBe(true);
  });

  it('bad input: an unknown hub or skill in the URL says what is wrong and the page stays usable', async () => {
    const page = await open('/map?hub=atlantis');
    watched!.expectFailedRequest(/\/api\/hubs\/atlantis\/pool/);
    await mapReady(page);
    await page.waitForSelector('.pool-list .status.error');
    expect(await page.textContent('.pool-list .status.error')).toContain('No hub "atlantis"');
    await page.click('text=Back to the map');
    await page.waitForURL((u) => u.pathname === '/map' && u.search === '');
    await page.click('g.hub[data-hub-id="berlin"] circle.hub-bg');
    await poolReady(page);

    watched!.expectFailedRequest(/\/api\/hubs\?allSkills=basket-weaving/);
    await page.goto(`${base}/map?skills=basket-weaving&seniority=boss`);
    await page.waitForSelector('.map-status .status.error');
    expect(await page.textContent('.map-status .status.error')).toContain('unknown skill "basket-weaving"');
    expect(await page.textContent('#notice')).toContain('seniority=boss');
    await page.click('.map-status button:has-text("Clear filters")');
    await mapReady(page);
    expect(currentUrl(page)).toBe('/map');

    watched!.expectFailedRequest(/\/api\/graph\/neighbourhood\?id=nobody/);
    await page.goto(`${base}/graph?id=nobody&kind=candidate`);
    await page.waitForSelector('.graph-status .status.error');
    expect(await page.textContent('.graph-status')).toContain('No candidate "nobody"');
    expect(await page.isEnabled('.graph-form button[type="submit"]')).toBe(true);

    watched!.expectFailedRequest(/\/api\/searches\/no-such-mandate\/market-map/);
    await page.goto(`${base}/market?search=no-such-mandate`);
    await page.waitForSelector('.market-status .status.error');
    expect(await page.textContent('.market-status')).toContain('no-such-mandate');

    watched!.expectFailedRequest(/\/api\/candidates\/c-nobody/);
    await page.goto(`${base}/map?candidate=c-nobody`);
    await page.waitForSelector('dialog.profile[open] .status.error');
    expect(await page.textContent('dialog.profile h2')).toBe('Profile not available');
    await screenshot(page, 'bad-input-profile');
  });

  it('bad input: an empty pool says what to change', async () => {
    const taxonomy = await api<{ skills: { id: string }[] }>('/api/taxonomy');
    const skills = taxonomy.skills.slice(0, 20).map((s) => s.id).join(',');
    const expected = await api<{ hubs: { counts: { total: number } }[] }>(`/api/hubs?allSkills=${skills}`);
    expect(expected.hubs.every((h) => h.counts.total === 0)).toBe(true);
    const page = await open(`/map?skills=${skills}&hub=munich`);
    await page.waitForSelector('.map-status .status.empty');
    expect(await page.textContent('.map-status')).toContain('Nobody matches these filters');
    await page.waitForSelector('.pool-list .status.empty');
    expect(await page.textContent('.pool-list')).toContain('Nobody in Munich matches');
    await screenshot(page, 'empty-pool');
    await page.click('.pool-list button:has-text("Clear filters")');
    await poolReady(page);
  });

  it('bad input: the database being down is said plainly, and Try again recovers', async () => {
    const down = (route: Route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'retry-after': '5' },
        body: JSON.stringify({ error: { code: 'database_unavailable', message: 'The database is unreachable; try again shortly.' } }),
      });
    const page = await open('/', async (p) => {
      await p.route('**/api/hubs*', down);
    });
    watched!.expectFailedRequest(/\/api\/hubs/);
    await page.waitForSelector('.map-status .status.error');
    expect(await page.textContent('.map-status .status.error')).toContain('The database is unreachable');
    await screenshot(page, 'database-down');
    await page.unroute('**/api/hubs*', down);
    await page.click('.map-status button:has-text("Try again")');
    await mapReady(page);
  });

  it('bad input: a 2,000-node neighbourhood is laid out and drawn, says it was truncated, and the page stays usable', async () => {
    const page = await open('/');
    await mapReady(page);
    const nodes = Array.from({ length: 2000 }, (_v, i) =>
      i === 0
        ? { key: 'hub:big', id: 'big', kind: 'hub', label: 'Big hub', props: {} }
        : { key: `candidate:c-${i}`, id: `c-${i}`, kind: 'candidate', label: `Person ${i}`, props: { segment: 'other' } },
    );
    const links = nodes.slice(1).map((n, i) => ({ source: n.key, target: i % 10 === 0 ? 'hub:big' : nodes[1 + Math.floor(i / 10) * 10]!.key, type: 'BASED_IN', props: {} }));
    await page.route('**/api/graph/neighbourhood*', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ center: 'hub:big', depth: 2, nodes, links, truncated: true, caps: { firstHop: 300, perNode: 50, total: 2000 } }),
      }),
    );
    await page.click('.views-nav >> text=Graph');
    await page.fill('.graph-form input[list]', 'big');
    await page.selectOption('.graph-form select >> nth=1', '2');
    await page.selectOption('.graph-form select >> nth=2', '2000');
    await page.click('.graph-form button[type="submit"]');
    await page.waitForSelector('.graph-stage[data-state="settled"]', { timeout: 30_000 });
    expect(await page.getAttribute('.graph-stage', 'data-nodes')).toBe('2000');
    expect(await page.textContent('.graph-notice')).toContain('2,000 nodes');
    expect(await page.textContent('.graph-notice')).toContain('Truncated');
    await page.fill('.node-browser input', 'Person 1999');
    await page.click('.node-button[data-key="candidate:c-1999"]');
    expect(await page.textContent('.node-details h3')).toBe('Person 1999');
    await screenshot(page, 'graph-2000');
  });

  it('a 401 asks for an access token, then sends it as a bearer token and carries on', async () => {
    const seen: (string | undefined)[] = [];
    const page = await open(
      '/flows',
      async (p) => {
        p.on('request', (request) => {
          if (new URL(request.url()).pathname === '/api/flows') seen.push(request.headers().authorization);
        });
      },
      { signedIn: false },
    );
    watched!.expectFailedRequest(/\/api\//);
    await page.waitForSelector('dialog.sign-in[open]');
    await screenshot(page, 'sign-in');
    await page.fill('#sign-in-token', 'not-a-token');
    await page.click('dialog.sign-in button[value="sign-in"]');
    await page.waitForSelector('dialog.sign-in[open] >> text=That token was not accepted.');
    await page.fill('#sign-in-token', token);
    await page.click('dialog.sign-in button[value="sign-in"]');
    await page.waitForSelector('.sankey-wrap[data-state="ready"] path.flow', { state: 'attached' });
    expect(seen[0]).toBeUndefined();
    expect(seen[seen.length - 1]).toBe(`Bearer ${token}`);
    expect(await page.evaluate(() => sessionStorage.getItem('atlas.token'))).toBe(token);
  });
});
