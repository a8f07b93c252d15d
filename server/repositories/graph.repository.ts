import { defineQueries } from '../db/cypher.ts';
import { type Database, int } from '../db/neo4j.ts';

const q = defineQueries('graph-node-find', 'graph-neighbours');

export type NodeProps = Record<string, string | number | boolean | null>;

export interface FoundNodeRow {
  elementId: string;
  kind: string;
  labels: string[];
  props: NodeProps;
}

export interface NeighbourRow {
  fromElementId: string;
  elementId: string;
  labels: string[];
  props: NodeProps;
  type: string;
  outgoing: boolean;
  relProps: NodeProps;
}

export const NODE_FIND_QUERY = q['graph-node-find'];
export const NEIGHBOURS_QUERY = q['graph-neighbours'];

/** Every node the id names (one per kind). */
export async function findNodesById(db: Database, id: string): Promise<FoundNodeRow[]> {
  return (await db.read(q['graph-node-find'], { id })) as unknown as FoundNodeRow[];
}

export interface NeighbourCaps {
  /** Relationships read per type and node (one more is read to tell a cut). */
  cap: number;
  /** Rows returned per node (one more is returned to tell a cut). */
  nodeCap: number;
  /** Element ids of nodes to leave out. */
  exclude: string[];
}

/** Neighbours of each given node, bounded per relationship type and per node. */
export async function findNeighbours(db: Database, elementIds: string[], caps: NeighbourCaps): Promise<NeighbourRow[]> {
  if (elementIds.length === 0) return [];
  return (await db.read(q['graph-neighbours'], neighbourParams(elementIds, caps))) as unknown as NeighbourRow[];
}

export function neighbourParams(elementIds: string[], { cap, nodeCap, exclude }: NeighbourCaps) {
  return { elementIds, cap: int(cap), nodeCap: int(nodeCap), exclude };
}
