/// <reference lib="webworker" />
import { type ForceLayout, type LayoutNodeInput, createForceLayout } from '../graph/force-layout.ts';

/**
 * Runs the force layout off the main thread. It ticks in batches of about
 * one frame's worth of work and posts every batch's positions (a transferred
 * Float32Array), so the page draws while the layout settles and never waits
 * on it. Incoming messages (drags) are handled between batches.
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

const BATCH_BUDGET_MS = 12;
const scope = self as unknown as DedicatedWorkerGlobalScope;

let layout: ForceLayout | null = null;
let runId = 0;
let ticks = 0;
let layoutMs = 0;
let quiet = false;
let scheduled = false;

const channel = new MessageChannel();
channel.port1.onmessage = step;

function schedule() {
  if (scheduled) return;
  scheduled = true;
  channel.port2.postMessage(null);
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
  do {
    if (layout.tick(1) === 0) break;
    ticks++;
  } while (performance.now() - started < BATCH_BUDGET_MS);
  layoutMs += performance.now() - started;
  const done = layout.settled();
  if (!quiet || done) post(done);
  if (!done) schedule();
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
      schedule();
      break;
    case 'drag': {
      const node = layout?.nodes[message.index];
      if (!layout || !node || message.runId !== runId) return;
      node.fx = message.x;
      node.fy = message.y;
      layout.simulation.alphaTarget(0.3);
      quiet = false;
      schedule();
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
