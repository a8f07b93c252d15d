import type { GraphLink, GraphNode, NodeKind } from '../../server/schemas/common.schema.ts';
import type { NeighbourhoodResponse } from '../../server/schemas/graph.schema.ts';
import type { LayoutNodeInput } from './force-layout.ts';

/**
 * The graph view's data: a neighbourhood plus the hops a person expanded.
 * Nodes are kept sorted by key, so the layout's input (and with its seed, the
 * picture) depends on the data alone, not on the order the API sent it.
 */

export interface GraphData {
  nodes: GraphNode[];
  links: GraphLink[];
  center: string;
  /** Keys of nodes whose neighbourhood was added ("expanded"). */
  expanded: string[];
  /** Some answer was cut by the API's caps. */
  truncated: boolean;
}

const linkKey = (l: GraphLink) => `${l.source}|${l.type}|${l.target}`;
const byKey = (a: GraphNode, b: GraphNode) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function fromNeighbourhood(response: NeighbourhoodResponse): GraphData {
  return {
    nodes: [...response.nodes].sort(byKey),
    links: dedupeLinks(response.links),
    center: response.center,
    expanded: [response.center],
    truncated: response.truncated,
  };
}

function dedupeLinks(links: GraphLink[]): GraphLink[] {
  const seen = new Map<string, GraphLink>();
  for (const l of links) if (!seen.has(linkKey(l))) seen.set(linkKey(l), l);
  return [...seen.values()].sort((a, b) => (linkKey(a) < linkKey(b) ? -1 : 1));
}

/** Adds one expanded node's neighbourhood; returns the keys that are new. */
export function mergeNeighbourhood(base: GraphData, response: NeighbourhoodResponse): { data: GraphData; added: string[] } {
  const nodes = new Map(base.nodes.map((n) => [n.key, n]));
  const added: string[] = [];
  for (const n of response.nodes) {
    if (!nodes.has(n.key)) {
      nodes.set(n.key, n);
      added.push(n.key);
    }
  }
  return {
    data: {
      nodes: [...nodes.values()].sort(byKey),
      links: dedupeLinks([...base.links, ...response.links]),
      center: base.center,
      expanded: base.expanded.includes(response.center) ? base.expanded : [...base.expanded, response.center],
      truncated: base.truncated || response.truncated,
    },
    added: added.sort(),
  };
}

const CHARGE: Partial<Record<NodeKind, number>> = { hub: -120, sector: -90, country: -90, employer: -45 };

/**
 * The layout's input: nodes in data order with their previous positions; a
 * new node starts on a small golden-angle spiral around the node it was
 * expanded from, so an expansion grows out of its parent.
 */
export function layoutNodes(data: GraphData, previous: ReadonlyMap<string, { x: number; y: number }>, parentKey?: string): LayoutNodeInput[] {
  const parent = parentKey ? previous.get(parentKey) : undefined;
  let fresh = 0;
  return data.nodes.map((n) => {
    const charge = CHARGE[n.kind] ?? -30;
    const known = previous.get(n.key);
    if (known) return { x: known.x, y: known.y, charge };
    if (!parent) return { charge };
    const i = fresh++;
    const angle = i * Math.PI * (3 - Math.sqrt(5));
    const radius = 12 + 6 * Math.sqrt(i);
    return { x: parent.x + radius * Math.cos(angle), y: parent.y + radius * Math.sin(angle), charge };
  });
}

/** The links as flat index pairs, for the worker. */
export function layoutLinks(data: GraphData): Uint32Array {
  const index = new Map(data.nodes.map((n, i) => [n.key, i]));
  const pairs: number[] = [];
  for (const l of data.links) {
    const s = index.get(l.source);
    const t = index.get(l.target);
    if (s !== undefined && t !== undefined) pairs.push(s, t);
  }
  return Uint32Array.from(pairs);
}

/** A seed derived from the centre's key, so each neighbourhood has its own stable picture. */
export function seedOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1_000_000) / 1_000_000;
}
