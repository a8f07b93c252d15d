import type { FeatureCollection } from 'geojson';
import type { NeighbourhoodResponse } from '../../server/schemas/graph.schema.ts';
import type { HubSummary } from '../../server/schemas/pool.schema.ts';
import { NODE_RADIUS, renderGraphCanvas, warmGraphDrawing } from '../charts/graph-canvas.ts';
import { renderHubMap } from '../charts/hub-map.ts';
import { startingPositions } from '../graph/force-layout.ts';
import { LayoutClient } from '../graph/layout-client.ts';
import { fromNeighbourhood, layoutLinks, layoutNodes, seedOf } from '../graph/merge.ts';
import { nodeColor } from '../colors.ts';
import { loadCountries } from '../views/map-data.ts';

/**
 * The page `npm run bench:client` drives: `?graph=N` lays out and draws a
 * generated N-node graph exactly as the graph view does (worker layout,
 * canvas drawing, fitting each batch) while counting animation frames and
 * long main-thread tasks (`&draw=0`: the same layout, nothing drawn);
 * `?bare=N` draws the same nodes and links through the bare canvas API every
 * frame; `?map=1` times the hub map's first render; `?idle=1` counts frames
 * of an idle page, the baseline. The result lands in `window.benchResult`.
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

/** Long tasks that overlap [from, to], or with `begunInside` only those begun inside it. */
function tasksBetween(from: number, to: number, begunInside = false) {
  // Entries still queued for the observer's callback count too.
  keep(observer.takeRecords());
  const inside = longTasks.filter((t) => (begunInside ? t.start >= from : t.start + t.duration >= from) && t.start <= to);
  return { longTasks: inside.length, maxTaskMs: inside.reduce((m, t) => Math.max(m, t.duration), 0) };
}

async function graphData(n: number) {
  const response = (await (await fetch(`./data/graph-${n}.json`)).json()) as NeighbourhoodResponse;
  return fromNeighbourhood(response);
}

/** With `draw` false, the same layout runs but nothing is drawn: the frame rate the page keeps beside the worker alone. */
async function graphBench(n: number, draw = true) {
  const opened = performance.now();
  performance.mark('view-opened');
  // As in the graph view, the worker exists before the data arrives.
  let chart: ReturnType<typeof renderGraphCanvas> | null = null;
  let batches = 0;
  const layout = new LayoutClient((progress) => {
    batches++;
    chart?.setPositions(progress.positions);
    chart?.fit();
  });
  // As in the graph view: the drawing code warms up while the data is on its way, and the first picture waits for both.
  const [data] = await Promise.all([graphData(n), draw ? warmGraphDrawing(WIDTH, HEIGHT) : null]);
  await nextFrame();
  const drawMs: number[] = [];
  const nodes = layoutNodes(data, new Map());
  // As the view does: the starting picture (d3's starting spiral) in the next frame, then the layout.
  const firstStart = performance.now();
  if (draw) {
    chart = renderGraphCanvas(stage, data, { width: WIDTH, height: HEIGHT, pixelRatio: 1, onDraw: (ms) => drawMs.push(ms) });
    chart.setPositions(startingPositions(nodes));
    chart.fit();
  }
  await nextFrame();
  const firstPictureMs = performance.now() - firstStart;
  const firstDrawMs = drawMs.shift() ?? 0;
  const counter = frameCounter();
  const started = performance.now();
  // Marks for the runner's trace, which tells the main thread's own time in each task from time it was kept waiting.
  performance.mark('layout-start');
  const done = await layout.start({ nodes, links: layoutLinks(data), seed: seedOf(data.center) });
  const settled = performance.now();
  performance.mark('layout-settled');
  await nextFrame();
  await nextFrame();
  const stamps = counter.stop();
  layout.dispose();
  chart?.destroy();
  return {
    nodes: data.nodes.length,
    links: data.links.length,
    settleMs: settled - started,
    firstPictureMs,
    firstDrawMs,
    workerLayoutMs: done.layoutMs,
    ticks: done.ticks,
    batches,
    draws: drawMs.length,
    medianDrawMs: quantile(drawMs, 0.5),
    p95DrawMs: quantile(drawMs, 0.95),
    ...frameStats(stamps, started, settled),
    // From opening the view on: the worker's start, the warm-up, the starting picture and the layout.
    ...tasksBetween(opened, settled),
    // From the layout's start on (tasks begun after it).
    layout: tasksBetween(started, settled, true),
  };
}

/**
 * The floor: the same nodes and links drawn every animation frame straight
 * through the canvas API (all links one path and one stroke, the nodes one
 * path per colour), still, without layout or anything else, for `ms`. The
 * positions are the layout's starting spiral (d3's phyllotaxis), fitted.
 */
async function bareBench(n: number, ms: number) {
  const data = await graphData(n);
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  stage.append(canvas);
  const ctx = canvas.getContext('2d')!;
  const count = data.nodes.length;
  const xy = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const radius = 10 * Math.sqrt(0.5 + i);
    const angle = i * Math.PI * (3 - Math.sqrt(5));
    xy[2 * i] = radius * Math.cos(angle);
    xy[2 * i + 1] = radius * Math.sin(angle);
  }
  const extent = 10 * Math.sqrt(0.5 + count);
  const k = Math.min(WIDTH, HEIGHT) / (2 * extent + 20);
  for (let i = 0; i < 2 * count; i += 2) {
    xy[i] = WIDTH / 2 + k * xy[i]!;
    xy[i + 1] = HEIGHT / 2 + k * xy[i + 1]!;
  }
  const ends = layoutLinks(data);
  const colours = data.nodes.map((node) => nodeColor(node.kind, node.props.segment));
  const groups = [...new Set(colours)].map((colour) => ({ colour, nodes: colours.flatMap((c, i) => (c === colour ? [i] : [])) }));
  const radius = data.nodes.map((node) => NODE_RADIUS[node.kind] * k);
  const drawMs: number[] = [];
  let running = true;
  const draw = () => {
    if (!running) return;
    const t0 = performance.now();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    ctx.beginPath();
    for (let l = 0; l < ends.length; l += 2) {
      ctx.moveTo(xy[2 * ends[l]!]!, xy[2 * ends[l]! + 1]!);
      ctx.lineTo(xy[2 * ends[l + 1]!]!, xy[2 * ends[l + 1]! + 1]!);
    }
    ctx.strokeStyle = 'rgba(60, 72, 88, 0.28)';
    ctx.lineWidth = 1;
    ctx.stroke();
    for (const group of groups) {
      ctx.beginPath();
      for (const i of group.nodes) {
        ctx.moveTo(xy[2 * i]! + radius[i]!, xy[2 * i + 1]!);
        ctx.arc(xy[2 * i]!, xy[2 * i + 1]!, radius[i]!, 0, 2 * Math.PI);
      }
      ctx.fillStyle = group.colour;
      ctx.fill();
    }
    drawMs.push(performance.now() - t0);
    requestAnimationFrame(draw);
  };
  await nextFrame();
  const counter = frameCounter();
  const started = performance.now();
  requestAnimationFrame(draw);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const ended = performance.now();
  running = false;
  const stamps = counter.stop();
  canvas.remove();
  return {
    nodes: count,
    links: ends.length / 2,
    draws: drawMs.length,
    medianDrawMs: quantile(drawMs, 0.5),
    p95DrawMs: quantile(drawMs, 0.95),
    ...frameStats(stamps, started, ended),
    ...tasksBetween(started, ended),
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
    if (params.has('graph')) window.benchResult = await graphBench(Number(params.get('graph')), params.get('draw') !== '0');
    else if (params.has('bare')) window.benchResult = await bareBench(Number(params.get('bare')), Number(params.get('ms') ?? 3000));
    else if (params.has('map')) window.benchResult = await mapBench();
    else window.benchResult = await idleBench(Number(params.get('idle') ?? 3000));
  } catch (error) {
    window.benchResult = { error: error instanceof Error ? error.message : String(error) };
  }
}

void run();
