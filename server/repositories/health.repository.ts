import { defineQueries } from '../db/cypher.ts';
import type { Database } from '../db/neo4j.ts';

const q = defineQueries('health-version', 'health-counts', 'stats-nodes', 'stats-relationships');

export interface DbVersion {
  name: string;
  version: string;
  edition: string;
}

export interface HeadlineCounts {
  candidates: number;
  employers: number;
  hubs: number;
  skills: number;
}

export interface GraphStats {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export async function findVersion(db: Database): Promise<DbVersion> {
  const [row] = await db.read(q['health-version']);
  return row as unknown as DbVersion;
}

export async function countHeadline(db: Database): Promise<HeadlineCounts> {
  const [row] = await db.read(q['health-counts']);
  return row as unknown as HeadlineCounts;
}

/**
 * Node counts by label and relationship counts by type. Not the change marks'
 * log (TalentChange): a cache's bookkeeping that grows with any write, even one
 * that changes nothing (an import or a seeding run again), and is bounded
 * (TALENT_LOG_KEEP entries); no one keeps or manages it.
 */
export async function countByLabelAndType(db: Database): Promise<GraphStats> {
  const [nodes, relationships] = await Promise.all([db.read(q['stats-nodes']), db.read(q['stats-relationships'])]);
  return {
    nodes: Object.fromEntries(nodes.filter((r) => r.label !== 'TalentChange').map((r) => [r.label as string, r.count as number])),
    relationships: Object.fromEntries(relationships.map((r) => [r.type as string, r.count as number])),
  };
}
