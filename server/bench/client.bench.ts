import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Server } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import express from 'express';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../config.ts';
import { HubSummarySchema } from '../schemas/pool.schema.ts';
import { launchChromium } from './chromium.ts';
import { describeMachine, recordBenchmark } from './machine.ts';
import { syntheticNeighbourhood } from './synthetic-graph.ts';

/**
 * `npm run bench:client`: the explorer in headless chromium. The graph view's
 * canvas and worker layout with 500, 2,000 and 5,000 nodes (frames per second
 * while the layout settles, against an idle page's frame rate in the same
 * run; the worker's layout time; long main-thread tasks, and from chromium's
 * trace how much of each was the main thread's own work), floors for the
 * targets (the layout with nothing drawn; the bare canvas API drawing as many
 * circles and lines), the hub map's first render, and the built bundle's size
 * (gzip). Appends to BENCHMARKS.md.
 */

const OUT = path.join(PROJECT_ROOT, 'test-output', 'bench-client');
const SIZES = [500, 2000, 5000];
const RUNS = 2;
const VIEWPORT = { width: 1280, height: 860 };
const TARGETS = { fps: { 2000: 60, 5000: 30 } as Record<number, number>, maxTaskMs: 50, initialJsKb: 250 };

const log = (line: string) => process.stderr.write(`${line}\n`);

async function buildClient(): Promise<{ app: string; site: string }> {
  const { build } = await import('vite');
  const root = path.join(PROJECT_ROOT, 'client');
  const configFile = path.join(PROJECT_ROOT, 'vite.config.ts');
  const app = path.join(OUT, 'app');
  const site = path.join(OUT, 'site');
  // The app exactly as production builds it, with a manifest to follow its chunks.
  await build({ root, configFile, logLevel: 'warn', build: { outDir: app, emptyOutDir: true, manifest: true } });
  // The benchmark page, built from the same modules.
  await build({
    root,
    configFile,
    logLevel: 'warn',
    build: { outDir: site, emptyOutDir: true, rollupOptions: { input: path.join(root, 'bench', 'index.html') } },
  });
  return { app, site };
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  src?: string;
}

const gzipKb = (file: string) => gzipSync(readFileSync(file)).length / 1024;

/** JS the first page needs: the entry and its static imports; and with the hub map's chunk (what `/` loads). */
function bundleSizes(app: string) {
  const manifest = JSON.parse(readFileSync(path.join(app, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const closure = (keys: string[], seen = new Set<string>()) => {
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      closure(manifest[key]?.imports ?? [], seen);
    }
    return seen;
  };
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)![0];
  const mapView = Object.keys(manifest).find((k) => k.endsWith('views/map-view.ts'))!;
  const js = (keys: Set<string>) => [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const sum = (files: string[]) => files.reduce((total, f) => total + gzipKb(path.join(app, f)), 0);
  const initial = closure([entry]);
  const landing = closure([mapView], new Set(initial));
  const assets = readdirSync(path.join(app, 'assets'));
  const allJs = assets.filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const mapData = assets.filter((f) => f.startsWith('countries-') && f.endsWith('.json'));
  return {
    initialJsKb: sum(js(initial)),
    landingJsKb: sum(js(landing)),
    allJsKb: sum(allJs),
    cssKb: assets.filter((f) => f.endsWith('.css')).reduce((t, f) => t + gzipKb(path.join(app, 'assets', f)), 0),
    mapDataKb: mapData.reduce((t, f) => t + gzipKb(path.join(app, 'assets', f)), 0),
    mapDataRawKb: mapData.reduce((t, f) => t + statSync(path.join(app, 'assets', f)).size / 1024, 0),
  };
}

function writeData(site: string) {
  const dir = path.join(site, 'bench', 'data');
  mkdirSync(dir, { recursive: true });
  for (const size of SIZES) writeFileSync(path.join(dir, `graph-${size}.json`), JSON.stringify(syntheticNeighbourhood(size)));
  const fixtures = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'world', 'hubs.json'), 'utf8')) as {
    id: string;
    name: string;
    countryCode: string;
    latitude: number;
    longitude: number;
    catchmentKm: number;
    talentWeight: number;
  }[];
  const hubs = fixtures.map((h) => {
    const total = h.talentWeight * 20;
    return HubSummarySchema.parse({
      id: h.id,
      name: h.name,
      countryCode: h.countryCode,
      countryName: h.countryCode,
      location: { latitude: h.latitude, longitude: h.longitude },
      catchmentKm: h.catchmentKm,
      counts: {
        total,
        segments: {
          'target-sector': Math.round(total * 0.15),
          'adjacent-sector': Math.round(total * 0.45),
          academic: Math.round(total * 0.15),
          other: total - Math.round(total * 0.15) * 2 - Math.round(total * 0.45),
        },
        passive: Math.round(total * 0.8),
        active: total - Math.round(total * 0.8),
      },
    });
  });
  writeFileSync(path.join(dir, 'hubs.json'), JSON.stringify(hubs));
}

async function serve(site: string): Promise<{ server: Server; url: string }> {
  const app = express();
  app.use(express.static(site));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * Main-thread tasks from chromium's trace: a task's wall time (what the
 * long-task observer sees) against its thread time (the main thread's own
 * work; the rest it spent waiting for a core). Long tasks are looked for from
 * the page's `view-opened` mark (where it has one) to `layout-settled`, as the
 * page counts them; the busy share is over the layout alone.
 */
function tracedTasks(trace: Buffer) {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const start = events.find((e) => e.name === 'layout-start');
  const opened = events.find((e) => e.name === 'view-opened') ?? start;
  const end = events.find((e) => e.name === 'layout-settled');
  if (!start || !opened || !end) throw new Error('the trace lacks the layout marks');
  const mainTasks = (from: TraceEvent) =>
    events.filter(
      (e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.pid === start.pid && e.tid === start.tid && e.ts + (e.dur ?? 0) >= from.ts && e.ts <= end.ts,
    );
  const tasks = mainTasks(opened);
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  return {
    mainCpuMs: mainTasks(start).reduce((sum, e) => sum + ms(e.tdur), 0),
    longWallTasks: tasks.filter((e) => ms(e.dur) > TARGETS.maxTaskMs).length,
    longCpuTasks: tasks.filter((e) => ms(e.tdur) > TARGETS.maxTaskMs).length,
    maxTaskCpuMs: tasks.reduce((m, e) => Math.max(m, ms(e.tdur)), 0),
  };
}

type Traced = ReturnType<typeof tracedTasks>;

async function runPage<T>(browser: Browser, url: string, trace = false): Promise<T & Partial<Traced>> {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  try {
    if (trace) await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
    await page.goto(url);
    await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 180_000 });
    const result = (await page.evaluate(() => window.benchResult)) as T & { error?: string };
    const traced = trace ? tracedTasks(await browser.stopTracing()) : {};
    if (result.error || errors.length > 0) throw new Error(`${url}: ${result.error ?? errors.join('; ')}`);
    return { ...result, ...traced };
  } finally {
    await page.close();
  }
}

interface GraphResult extends Traced {
  nodes: number;
  links: number;
  settleMs: number;
  /** The starting picture, drawn before the layout starts: until it shows, and its drawing alone. */
  firstPictureMs: number;
  firstDrawMs: number;
  workerLayoutMs: number;
  ticks: number;
  batches: number;
  draws: number;
  medianDrawMs: number;
  p95DrawMs: number;
  frames: number;
  fps: number;
  p95FrameMs: number;
  maxFrameMs: number;
  longTasks: number;
  maxTaskMs: number;
  /** Long tasks begun after the layout started. */
  layout: { longTasks: number; maxTaskMs: number };
}
interface BareResult {
  nodes: number;
  links: number;
  draws: number;
  medianDrawMs: number;
  p95DrawMs: number;
  fps: number;
  p95FrameMs: number;
  longTasks: number;
  maxTaskMs: number;
}
interface IdleResult {
  fps: number;
  p95FrameMs: number;
}
interface MapResult {
  hubs: number;
  countries: number;
  loadMs: number;
  renderMs: number;
  firstRenderMs: number;
  longTasks: number;
  maxTaskMs: number;
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  log('Building the client (app and benchmark page)…');
  const { app, site } = await buildClient();
  writeData(site);
  const sizes = bundleSizes(app);
  const { server, url } = await serve(site);
  const browser = await launchChromium();
  const loadBefore = os.loadavg()[0]!;
  try {
    log('Idle page (baseline frame rate)…');
    const idle = await runPage<IdleResult>(browser, `${url}/bench/index.html?idle=3000`);
    // The run with the median frame rate, reported whole so its figures belong together.
    const medianRun = async <T extends { fps: number }>(label: string, page: string, trace = false) => {
      const runs: T[] = [];
      for (let i = 0; i < RUNS; i++) {
        log(`${label}, run ${i + 1}/${RUNS}…`);
        runs.push((await runPage<T>(browser, `${url}/bench/index.html?${page}`, trace)) as T);
      }
      const fps = median(runs.map((r) => r.fps));
      return runs.find((r) => r.fps === fps)!;
    };
    const graphs: GraphResult[] = [];
    for (const size of SIZES) graphs.push(await medianRun<GraphResult>(`Graph, ${size} nodes`, `graph=${size}`, true));
    // Floors for the targets, on the same page in the same run: the layout with nothing drawn, and the bare canvas API.
    const floors: { size: number; layoutOnly: GraphResult; bare: BareResult }[] = [];
    for (const size of SIZES.filter((n) => TARGETS.fps[n])) {
      floors.push({
        size,
        layoutOnly: await medianRun<GraphResult>(`Layout only, ${size} nodes`, `graph=${size}&draw=0`, true),
        bare: await medianRun<BareResult>(`Bare canvas, ${size} nodes`, `bare=${size}&ms=3000`),
      });
    }
    log('Hub map, first render…');
    const map = await runPage<MapResult>(browser, `${url}/bench/index.html?map=1`);
    const baseline = graphs[0]!;
    const loadAfter = os.loadavg()[0]!;

    const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
    const rows = graphs.map((g) => {
      const target = TARGETS.fps[g.nodes];
      return (
        `| ${g.nodes.toLocaleString('en-GB')} | ${g.links.toLocaleString('en-GB')} | ${f1(g.fps)} (${(g.fps / idle.fps).toFixed(2)}× idle) | ${f1(g.p95FrameMs)} | ` +
        `${f1(g.draws / (g.settleMs / 1000))} | ${f1(g.medianDrawMs)} / ${f1(g.p95DrawMs)} | ` +
        `${f0(g.firstPictureMs)} / ${f0(g.firstDrawMs)} | ${f0(g.workerLayoutMs)} (${(g.workerLayoutMs / baseline.workerLayoutMs).toFixed(1)}× 500) | ${g.ticks} | ${f0(g.settleMs)} | ` +
        `${g.longTasks} / ${f0(g.maxTaskMs)} | ${g.layout.longTasks} / ${f0(g.layout.maxTaskMs)} | ${g.longCpuTasks} / ${f0(g.maxTaskCpuMs)} | ${f0((100 * g.mainCpuMs) / g.settleMs)} % | ` +
        `${target ? `≥ ${target} fps: ${verdict(g.fps >= target - 1)}` : '—'} |`
      );
    });
    const floorRows = floors.flatMap(({ size, layoutOnly: l, bare: b }) => [
      `| ${size.toLocaleString('en-GB')} | layout in the worker, nothing drawn | ${f1(l.fps)} (${(l.fps / idle.fps).toFixed(2)}× idle) | ${f1(l.p95FrameMs)} | — | ` +
        `${l.longTasks} / ${f0(l.maxTaskMs)} | ${l.longCpuTasks} / ${f0(l.maxTaskCpuMs)} |`,
      `| ${size.toLocaleString('en-GB')} | bare canvas API, ${b.nodes.toLocaleString('en-GB')} circles and ${b.links.toLocaleString('en-GB')} lines every frame, no layout | ` +
        `${f1(b.fps)} (${(b.fps / idle.fps).toFixed(2)}× idle) | ${f1(b.p95FrameMs)} | ${f1(b.medianDrawMs)} / ${f1(b.p95DrawMs)} | ${b.longTasks} / ${f0(b.maxTaskMs)} | — |`,
    ]);
    const body = [
      `Headless chromium (${VIEWPORT.width}×${VIEWPORT.height}, device pixel ratio 1, --disable-gpu: software canvas), canvas 1200×800. ` +
        `Idle page baseline: ${f1(idle.fps)} fps. Each graph size ran ${RUNS} times; the run with the median frame rate is shown. ` +
        `Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on ${os.cpus().length} cores: ` +
        'the layout worker and the page share them with whatever else runs.',
      '',
      '| nodes | links | fps while settling | p95 frame (ms) | pictures drawn per s | draw per picture, median / p95 (ms) | starting picture: shown after / drawn in (ms) | worker layout (ms) | ticks | settle wall (ms) | long tasks / longest (ms): opening and layout | of those, begun during layout | tasks over 50 ms of main-thread CPU / most CPU in one task (ms) | main thread busy (CPU) | target |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...rows,
      '',
      "Long tasks are counted from opening the view (the worker started, the data fetched while the drawing code warms up, then the starting picture: d3's starting spiral, drawn in the frame before the layout starts) to the settled layout; frames from the layout's start. " +
        'A frame-rate target counts as met within 1 fps of it: animation frames are paced by the display clock, so even the idle page can measure a fraction under 60.',
      '',
      `No main-thread task over ${TARGETS.maxTaskMs} ms during layout (begun after the layout started): ${verdict(graphs.every((g) => g.layout.longTasks === 0))} ` +
        `(longest: ${f0(Math.max(...graphs.map((g) => g.layout.maxTaskMs)))} ms). ` +
        `From opening the view: ${graphs.map((g) => `${g.longTasks} at ${g.nodes.toLocaleString('en-GB')} nodes`).join(', ')} (longest ${f0(Math.max(...graphs.map((g) => g.maxTaskMs)))} ms wall; ` +
        `the most main-thread CPU any task took: ${f0(Math.max(...graphs.map((g) => g.maxTaskCpuMs)))} ms).`,
      '',
      'Floors, same page and run: what the page keeps with the layout worker running and nothing drawn, and what the bare canvas API achieves drawing the same nodes and links (still, no layout).',
      '',
      '| nodes | what runs | fps | p95 frame (ms) | script per frame, median / p95 (ms; the canvas fills the paths after it) | long tasks / longest (ms) | tasks over 50 ms of main-thread CPU / most CPU (ms) |',
      '|---:|---|---:|---:|---:|---:|---:|',
      ...floorRows,
      '',
      `Hub map first render (${map.hubs} hubs, ${map.countries} country shapes drawn): ${f0(map.firstRenderMs)} ms to first paint ` +
        `(${f0(map.loadMs)} ms fetching and decoding the 50m countries, ${f0(map.renderMs)} ms drawing; long tasks: ${map.longTasks}, longest ${f0(map.maxTaskMs)} ms).`,
      '',
      `Bundle (gzip): initial JS ${f1(sizes.initialJsKb)} kB (target ≤ ${TARGETS.initialJsKb} kB: ${verdict(sizes.initialJsKb <= TARGETS.initialJsKb)}); ` +
        `with the hub map view (what \`/\` loads) ${f1(sizes.landingJsKb)} kB; all JS chunks and the layout worker ${f1(sizes.allJsKb)} kB; CSS ${f1(sizes.cssKb)} kB; ` +
        `map data (separate asset, not counted) ${f1(sizes.mapDataKb)} kB (${f0(sizes.mapDataRawKb)} kB raw).`,
    ].join('\n');
    process.stdout.write(`${JSON.stringify({ idle, graphs, floors, map, sizes }, null, 2)}\n`);
    log(body);
    recordBenchmark('Client: graph view, hub map, bundle (`npm run bench:client`)', describeMachine(), body);
    log('Appended to BENCHMARKS.md.');
  } finally {
    await browser.close();
    server.close();
    rmSync(path.join(site, 'bench', 'data'), { recursive: true, force: true });
  }
}

await main();
