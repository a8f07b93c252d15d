import { type Simulation, type SimulationNodeDatum, forceLink, forceManyBody, forceSimulation, forceX, forceY, randomLcg } from 'd3';

/**
 * The graph view's force layout, shared by the worker (which runs it) and the
 * tests (which tick it by hand). Seeded: the same nodes, links, starting
 * positions and seed give the same picture, tick for tick.
 */

export interface LayoutNodeInput {
  /** Starting position; omitted, d3 places the node on its phyllotaxis spiral (deterministic). */
  x?: number | null;
  y?: number | null;
  /** Heavier nodes (hubs, sectors) push harder. */
  charge?: number;
}

export interface LayoutInput {
  nodes: LayoutNodeInput[];
  /** Flat pairs of node indices: [source0, target0, source1, target1, …]. */
  links: ArrayLike<number>;
  seed: number;
  /** Starting heat: 1 for a fresh layout, lower to refine one that mostly stands. */
  alpha?: number;
}

export interface LayoutNode extends SimulationNodeDatum {
  charge: number;
}

export interface ForceLayout {
  simulation: Simulation<LayoutNode, undefined>;
  nodes: LayoutNode[];
  /** Ticks until the layout has settled (alpha below alphaMin), at most `max`; returns the ticks run. */
  tick(n?: number): number;
  settled(): boolean;
  /** Interleaved x, y of every node, in input order. */
  positions(target?: Float32Array): Float32Array;
}

export const LINK_DISTANCE = 28;

/**
 * Where the layout starts every node, before its first tick: a given position
 * where there is one, else d3's own starting point for the node's index (the
 * phyllotaxis spiral of forceSimulation's initializeNodes). So the page can
 * draw the starting picture at once, before the worker sends its first batch.
 */
export function startingPositions(nodes: readonly LayoutNodeInput[]): Float32Array {
  const positions = new Float32Array(nodes.length * 2);
  const angle = Math.PI * (3 - Math.sqrt(5));
  nodes.forEach((n, i) => {
    const placed = n.x != null && n.y != null;
    const radius = 10 * Math.sqrt(0.5 + i);
    positions[2 * i] = placed ? n.x! : radius * Math.cos(i * angle);
    positions[2 * i + 1] = placed ? n.y! : radius * Math.sin(i * angle);
  });
  return positions;
}

export function createForceLayout({ nodes: input, links, seed, alpha = 1 }: LayoutInput): ForceLayout {
  const nodes: LayoutNode[] = input.map((n) => ({
    charge: n.charge ?? -30,
    ...(n.x != null && n.y != null ? { x: n.x, y: n.y } : {}),
  }));
  const linkData: { source: number; target: number }[] = [];
  for (let i = 0; i + 1 < links.length; i += 2) linkData.push({ source: links[i]!, target: links[i + 1]! });

  // Small graphs spread out; big ones get a cheaper, coarser charge approximation.
  const theta = nodes.length > 2000 ? 1.2 : 0.9;
  const simulation = forceSimulation<LayoutNode>(nodes)
    .randomSource(randomLcg(seed))
    .alpha(alpha)
    .force('link', forceLink<LayoutNode, { source: number; target: number }>(linkData).distance(LINK_DISTANCE).iterations(1))
    .force('charge', forceManyBody<LayoutNode>().strength((n) => n.charge).theta(theta).distanceMax(600))
    .force('x', forceX<LayoutNode>(0).strength(0.04))
    .force('y', forceY<LayoutNode>(0).strength(0.04))
    .stop();

  const settled = () => simulation.alpha() < simulation.alphaMin() && simulation.alphaTarget() === 0;
  return {
    simulation,
    nodes,
    settled,
    tick(n = 1) {
      let run = 0;
      while (run < n && !settled()) {
        simulation.tick();
        run++;
      }
      return run;
    },
    positions(target = new Float32Array(nodes.length * 2)) {
      for (let i = 0; i < nodes.length; i++) {
        target[2 * i] = nodes[i]!.x ?? 0;
        target[2 * i + 1] = nodes[i]!.y ?? 0;
      }
      return target;
    },
  };
}
