import type { Database } from '../db/neo4j.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { readTalentVersion } from '../repositories/data-version.repository.ts';
import { type FoundNodeRow, type NeighbourRow, findNeighbours, findNodesById } from '../repositories/graph.repository.ts';
import type { GraphLink, GraphNode, NodeKind } from '../schemas/common.schema.ts';
import {
  NEIGHBOURHOOD_FIRST_HOP_MAX,
  type NeighbourhoodQuery,
  type NeighbourhoodResponse,
} from '../schemas/graph.schema.ts';
import { graphLink, graphNode, kindOf } from './graph-nodes.ts';
import type { VersionedCache } from './versioned-cache.ts';

/** Second-hop neighbours per first-hop node never exceed this, however high the limit. */
export const NEIGHBOURHOOD_PER_NODE_MAX = 50;

/** The order relationship types take turns in (graph-neighbours.cypher's branch order): structure, people, history. */
const TYPE_ORDER = ['IN_COUNTRY', 'IN_SECTOR', 'PIVOTS_TO', 'HAS_SITE', 'WORKS_AT', 'BASED_IN', 'WORKED_AT', 'HAS_SKILL', 'AUTHORED', 'IN_FIELD', 'STUDIED_AT'];
const typeRank = (type: string) => {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? TYPE_ORDER.length : i;
};

export interface Neighbour {
  row: NeighbourRow;
  node: GraphNode;
}

function toNeighbour(row: NeighbourRow): Neighbour | undefined {
  const kind = kindOf(row.labels);
  return kind ? { row, node: graphNode(kind, row.props) } : undefined;
}

/** Rows grouped by the node they were expanded from, in the order the query gave them. */
function byOrigin(rows: NeighbourRow[]): Map<string, Neighbour[]> {
  const groups = new Map<string, Neighbour[]>();
  for (const row of rows) {
    const neighbour = toNeighbour(row);
    if (!neighbour) continue;
    const group = groups.get(row.fromElementId) ?? [];
    group.push(neighbour);
    groups.set(row.fromElementId, group);
  }
  return groups;
}

/**
 * The first hop takes relationship types in turn (country, sectors, sites,
 * people, history, skills…), one neighbour of each per round, so a hub shows
 * its employers and its people rather than only the first type's thousands.
 */
function roundRobin(neighbours: Neighbour[]): Neighbour[] {
  const byType = new Map<string, Neighbour[]>();
  for (const n of neighbours) {
    const queue = byType.get(n.row.type) ?? [];
    queue.push(n);
    byType.set(n.row.type, queue);
  }
  const queues = [...byType.entries()].sort(([a], [b]) => typeRank(a) - typeRank(b)).map(([, list]) => list);
  const out: Neighbour[] = [];
  for (let round = 0; out.length < neighbours.length; round++) {
    for (const queue of queues) if (queue[round]) out.push(queue[round]!);
  }
  return out;
}

function resolveCenter(found: FoundNodeRow[], id: string, kind: NodeKind | undefined): FoundNodeRow {
  const matching = kind ? found.filter((f) => f.kind === kind) : found;
  if (matching.length === 0) {
    throw new NotFoundError(kind ? `No ${kind} "${id}"` : `No node "${id}"`, [{ field: 'query.id', value: id }]);
  }
  if (matching.length > 1) {
    const kinds = matching.map((f) => f.kind);
    throw new BadRequestError(`Invalid query.id: "${id}" names a ${kinds.join(' and a ')}; pass kind to choose`, [
      { field: 'query.kind', message: `one of ${kinds.join(', ')}` },
    ]);
  }
  return matching[0]!;
}

/** First-hop reads: every type may bring the whole first hop, for the round-robin to share out. */
export function firstHopCaps(firstCap: number) {
  return { cap: firstCap, nodeCap: TYPE_ORDER.length * (firstCap + 1), exclude: [] };
}

/** Whether some relationship type brought more rows than `cap`: its capped read may have left a neighbour out. */
function someTypeCut(rows: NeighbourRow[], cap: number): boolean {
  const perType = new Map<string, number>();
  for (const row of rows) perType.set(row.type, (perType.get(row.type) ?? 0) + 1);
  return [...perType.values()].some((count) => count > cap);
}

/** The first-hop neighbours kept (at most `cap` distinct nodes, types in turn) and whether a cap cut any. */
export function selectFirstHop(rows: NeighbourRow[], centerElementId: string, cap: number): { neighbours: Neighbour[]; truncated: boolean } {
  let truncated = someTypeCut(rows, cap);
  const kept = new Set<string>();
  const neighbours: Neighbour[] = [];
  for (const n of roundRobin(byOrigin(rows).get(centerElementId) ?? [])) {
    if (!kept.has(n.node.key) && kept.size >= cap) {
      truncated = true;
      continue;
    }
    kept.add(n.node.key);
    neighbours.push(n);
  }
  return { neighbours, truncated };
}

/**
 * Second-hop reads: links back to the centre are known from the first hop, so
 * it is left out; a node's rows may also be links to other first-hop nodes
 * (free in the view), hence room for twice its share.
 */
export function secondHopCaps(perNode: number, centerElementId: string) {
  return { cap: perNode, nodeCap: 2 * perNode, exclude: [centerElementId] };
}

/**
 * How many nodes the first hop may take: `limit` counts the centre, so the
 * room is one less; all of it at depth 1, half of it (at least one node, room
 * permitting) at depth 2.
 */
export function firstHopCap(depth: 1 | 2, limit: number): number {
  const room = Math.max(0, limit - 1);
  const share = depth === 1 ? room : Math.min(room, Math.max(1, Math.floor(room / 2)));
  return Math.min(NEIGHBOURHOOD_FIRST_HOP_MAX, share);
}

/** Second-hop neighbours per first-hop node: the remaining room shared out, at least one. */
export function perNodeCap(limit: number, firstHopNodes: number): number {
  const room = limit - 1 - firstHopNodes;
  return Math.max(1, Math.min(NEIGHBOURHOOD_PER_NODE_MAX, Math.floor(room / Math.max(1, firstHopNodes))));
}

/** Neighbourhoods kept while the graph is unchanged, by query. */
export type NeighbourhoodCache = VersionedCache<NeighbourhoodResponse>;

/**
 * The neighbourhood `query` names; with `cache`, kept while the graph is
 * unchanged (a view reopened, a shared link, an expansion's earlier hops cost
 * one read of the change mark). An unknown id is a 404 every time: only
 * answers are kept.
 */
export async function neighbourhood(db: Database, query: NeighbourhoodQuery, cache?: NeighbourhoodCache): Promise<NeighbourhoodResponse> {
  if (!cache) return readNeighbourhood(db, query);
  const key = JSON.stringify([query.id, query.kind ?? null, query.depth, query.limit]);
  return (await cache.getOrCompute(await readTalentVersion(db), key, () => readNeighbourhood(db, query)))!;
}

async function readNeighbourhood(db: Database, query: NeighbourhoodQuery): Promise<NeighbourhoodResponse> {
  const depth = query.depth as 1 | 2;
  const center = resolveCenter(await findNodesById(db, query.id), query.id, query.kind);
  const centerNode = graphNode(center.kind as NodeKind, center.props);
  const firstCap = firstHopCap(depth, query.limit);

  const nodes = new Map<string, GraphNode>([[centerNode.key, centerNode]]);
  const firstHop: [elementId: string, key: string][] = [];
  const links = new Map<string, GraphLink>();
  let truncated = false;

  const addLink = (from: string, n: Neighbour) => {
    const to = n.node.key;
    const [source, target] = n.row.outgoing ? [from, to] : [to, from];
    const key = `${source}|${n.row.type}|${target}`;
    if (!links.has(key)) links.set(key, graphLink(source, target, n.row.type, n.row.relProps));
  };

  // Read even when there is no room (limit 1): one row per type tells whether a neighbour was left out.
  const selection = selectFirstHop(await findNeighbours(db, [center.elementId], firstHopCaps(firstCap)), center.elementId, firstCap);
  truncated ||= selection.truncated;
  for (const n of selection.neighbours) {
    if (!nodes.has(n.node.key)) {
      nodes.set(n.node.key, n.node);
      firstHop.push([n.row.elementId, n.node.key]);
    }
    addLink(centerNode.key, n);
  }

  let perNode = 0;
  if (depth === 2 && firstHop.length > 0) {
    perNode = perNodeCap(query.limit, firstHop.length);
    const caps = secondHopCaps(perNode, center.elementId);
    const nodeCap = caps.nodeCap;
    const groups = byOrigin(
      await findNeighbours(
        db,
        firstHop.map(([elementId]) => elementId),
        caps,
      ),
    );
    for (const [elementId, fromKey] of firstHop) {
      const group = groups.get(elementId) ?? [];
      // A type that filled its read (cap + 1 rows) may have had more behind it.
      if (group.length > nodeCap || someTypeCut(group.map((n) => n.row), caps.cap)) truncated = true;
      let added = 0;
      for (const n of group.slice(0, nodeCap)) {
        if (!nodes.has(n.node.key)) {
          if (added >= perNode || nodes.size >= query.limit) {
            truncated = true;
            continue;
          }
          nodes.set(n.node.key, n.node);
          added++;
        }
        addLink(fromKey, n);
      }
    }
  }

  return {
    center: centerNode.key,
    depth,
    nodes: [...nodes.values()],
    links: [...links.values()].filter((l) => nodes.has(l.source) && nodes.has(l.target)),
    truncated,
    caps: { firstHop: firstCap, perNode, total: query.limit },
  };
}
