import type { FeatureCollection } from 'geojson';
import type { NeighbourhoodResponse } from '../../server/schemas/graph.schema.ts';
import type { HubSummary } from '../../server/schemas/pool.schema.ts';
import { renderGraphCanvas } from '../charts/graph-canvas.ts';
import { renderHubMap } from '../charts/hub-map.ts';
import { LayoutClient } from '../graph/layout-client.ts';
import { fromNeighbourhood, layoutLinks, layoutNodes, seedOf } from '../graph/merge.ts';
import { loadCountries } from '../views/map-data.ts';

/**
 * The page `npm run bench:client` drives: `?graph=N` lays out and draws a
 * generated N-node graph exactly as the graph view does (worker layout,
 * canvas drawing, fitting each batch) while counting animation frames and
 * long main-thread tasks; `?map=1` times the hub map's first render; `?idle=1`
 * counts frames of an idle page, the baseline. The result lands in
 * `window.benchResult`.
 */

declare global {
  interface Window {
    benchResult?: unknown;
  }
}

const WIDTH = 1200;
const HEIGHT = 800;
const stage = document.getElementById('stage')!;
stage.style.width = `${WIDTH}px`;
stage.style.height = `${HEIGHT}px`;
stage.style.position = 'relative';

const longTasks: { start: number; duration: number }[] = [];
const keep = (entries: PerformanceEntryList) => {
  for (const entry of entries) longTasks.push({ start: entry.startTime, duration: entry.duration });
};
const observer = new PerformanceObserver((list) => keep(list.getEntries()));
observer.observe({ type: 'longtask', buffered: true });

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Records animation-frame timestamps until stopped. */
function frameCounter() {
  const stamps: number[] = [];
  let running = true;
  const loop = (t: number) => {
    stamps.push(t);
    if (running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  return {
    stop() {
      running = false;
      return stamps;
    },
  };
}

function frameStats(stamps: number[], from: number, to: number) {
  const inside = stamps.filter((t) => t >= from && t <= to);
  const gaps = inside.slice(1).map((t, i) => t - inside[i]!).sort((a, b) => a - b);
  const seconds = inside.length > 1 ? (inside[inside.length - 1]! - inside[0]!) / 1000 : 0;
  return {
    frames: inside.length,
    fps: seconds > 0 ? (inside.length - 1) / seconds : 0,
    p95FrameMs: gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.95))]! : 0,
    maxFrameMs: gaps.length ? gaps[gaps.length - 1]! : 0,
  };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

function tasksBetween(from: number, to: number) {
  // Entries still queued for the observer's callback count too.
  keep(observer.takeRecords());
  const inside = longTasks.filter((t) => t.start + t.duration >= from && t.start <= to);
  return { longTasks: inside.length, maxTaskMs: inside.reduce((m, t) => Math.max(m, t.duration), 0) };
}

async function graphBench(n: number) {
  const response = (await (await fetch(`./data/graph-${n}.json`)).json()) as NeighbourhoodResponse;
  const data = fromNeighbourhood(response);
  await nextFrame();
  const drawMs: number[] = [];
  const chart = renderGraphCanvas(stage, data, { width: WIDTH, height: HEIGHT, pixelRatio: 1, onDraw: (ms) => drawMs.push(ms) });
  let batches = 0;
  const layout = new LayoutClient((progress) => {
    batches++;
    chart.setPositions(progress.positions);
    chart.fit();
  });
  const counter = frameCounter();
  const started = performance.now();
  const done = await layout.start({ nodes: layoutNodes(data, new Map()), links: layoutLinks(data), seed: seedOf(data.center) });
  const settled = performance.now();
  await nextFrame();
  await nextFrame();
  const stamps = counter.stop();
  layout.dispose();
  chart.destroy();
  return {
    nodes: data.nodes.length,
    links: data.links.length,
    settleMs: settled - started,
    workerLayoutMs: done.layoutMs,
    ticks: done.ticks,
    batches,
    draws: drawMs.length,
    medianDrawMs: quantile(drawMs, 0.5),
    p95DrawMs: quantile(drawMs, 0.95),
    ...frameStats(stamps, started, settled),
    ...tasksBetween(started, settled),
  };
}

async function mapBench() {
  const hubs = (await (await fetch('./data/hubs.json')).json()) as HubSummary[];
  const started = performance.now();
  const countries = (await loadCountries()) as FeatureCollection;
  const loaded = performance.now();
  renderHubMap(stage, { countries: countries as never, hubs }, { width: WIDTH, height: HEIGHT });
  const rendered = performance.now();
  await nextFrame();
  const painted = performance.now();
  return {
    hubs: hubs.length,
    countries: stage.querySelectorAll('path.country').length,
    loadMs: loaded - started,
    renderMs: rendered - loaded,
    firstRenderMs: painted - started,
    ...tasksBetween(loaded, painted),
  };
}

async function idleBench(ms: number) {
  const counter = frameCounter();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const ended = performance.now();
  return frameStats(counter.stop(), started, ended);
}

async function run() {
  const params = new URLSearchParams(location.search);
  try {
    if (params.has('graph')) window.benchResult = await graphBench(Number(params.get('graph')));
    else if (params.has('map')) window.benchResult = await mapBench();
    else window.benchResult = await idleBench(Number(params.get('idle') ?? 3000));
  } catch (error) {
    window.benchResult = { error: error instanceof Error ? error.message : String(error) };
  }
}

void run();
