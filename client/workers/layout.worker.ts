/// <reference lib="webworker" />
import { type ForceLayout, type LayoutNodeInput, createForceLayout } from '../graph/force-layout.ts';

/**
 * Runs the force layout off the main thread. It ticks in batches and posts
 * every batch's positions (a transferred Float32Array), so the page draws
 * while the layout settles and never waits on it. Incoming messages (drags)
 * are handled between batches.
 *
 * A batch takes at most part of a frame and the next one starts a frame after
 * it: the page draws one picture per frame anyway, and a layout ticking flat
 * out takes a whole core, which on a two-core machine leaves the page's
 * drawing and the browser's compositing waiting for the other one (frames
 * dropped, long tasks). Paced, the layout settles a little later and the page
 * keeps its frame rate.
 */

export type LayoutRequest =
  | { type: 'start'; runId: number; nodes: Float64Array; links: Uint32Array; seed: number; alpha?: number; quiet?: boolean }
  | { type: 'drag'; runId: number; index: number; x: number; y: number }
  | { type: 'release'; runId: number; index: number }
  | { type: 'stop' };

/** The start message's nodes (see `packNodes` in layout-client.ts) as the layout takes them. */
function unpackNodes(packed: Float64Array): LayoutNodeInput[] {
  const nodes: LayoutNodeInput[] = [];
  for (let i = 0; i + 2 < packed.length; i += 3) {
    const [x, y, charge] = [packed[i]!, packed[i + 1]!, packed[i + 2]!];
    nodes.push({ ...(Number.isNaN(x) ? {} : { x, y }), ...(Number.isNaN(charge) ? {} : { charge }) });
  }
  return nodes;
}

export interface LayoutProgress {
  type: 'positions';
  runId: number;
  positions: Float32Array;
  alpha: number;
  ticks: number;
  done: boolean;
  /** Time spent ticking so far in this run (ms), i.e. the layout's own cost. */
  layoutMs: number;
}

/** Ticking per batch, and the shortest time from one batch's start to the next's (a frame at 60 Hz). */
const BATCH_BUDGET_MS = 10;
const BATCH_PERIOD_MS = 1000 / 60;
const scope = self as unknown as DedicatedWorkerGlobalScope;

let layout: ForceLayout | null = null;
let runId = 0;
let ticks = 0;
let layoutMs = 0;
let quiet = false;
let scheduled = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastBatch = -Infinity;

// A message port runs the next batch at once (setTimeout(0) would be clamped to 4 ms after a few rounds).
const channel = new MessageChannel();
channel.port1.onmessage = step;

/** Runs the next batch a period after the last one started; at once when something (a drag) needs it sooner. */
function schedule(now = false) {
  const wait = now ? 0 : lastBatch + BATCH_PERIOD_MS - performance.now();
  if (wait <= 1) {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (scheduled) return;
    scheduled = true;
    channel.port2.postMessage(null);
  } else if (timer === undefined && !scheduled) {
    timer = setTimeout(() => {
      timer = undefined;
      schedule(true);
    }, wait);
  }
}

function post(done: boolean) {
  if (!layout) return;
  const positions = layout.positions();
  const message: LayoutProgress = { type: 'positions', runId, positions, alpha: layout.simulation.alpha(), ticks, done, layoutMs };
  scope.postMessage(message, [positions.buffer]);
}

function step() {
  scheduled = false;
  if (!layout) return;
  const started = performance.now();
  lastBatch = started;
  do {
    if (layout.tick(1) === 0) break;
    ticks++;
  } while (performance.now() - started < BATCH_BUDGET_MS);
  layoutMs += performance.now() - started;
  const done = layout.settled();
  if (!quiet || done) post(done);
  // Nothing is drawn from a quiet run until it settles, so it need not leave room for drawing.
  if (!done) schedule(quiet);
}

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      runId = message.runId;
      quiet = message.quiet ?? false;
      ticks = 0;
      layoutMs = 0;
      layout = createForceLayout({ nodes: unpackNodes(message.nodes), links: message.links, seed: message.seed, alpha: message.alpha });
      schedule(true);
      break;
    case 'drag': {
      const node = layout?.nodes[message.index];
      if (!layout || !node || message.runId !== runId) return;
      node.fx = message.x;
      node.fy = message.y;
      layout.simulation.alphaTarget(0.3);
      quiet = false;
      schedule(true);
      break;
    }
    case 'release': {
      const node = layout?.nodes[message.index];
      if (!layout || !node || message.runId !== runId) return;
      node.fx = null;
      node.fy = null;
      layout.simulation.alphaTarget(0);
      schedule();
      break;
    }
    case 'stop':
      layout = null;
      break;
  }
};
