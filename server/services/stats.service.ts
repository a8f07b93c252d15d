import { isInstallationLabel, isInstallationRelationshipType } from '../db/labels.ts';
import type { Database } from '../db/neo4j.ts';
import { type GraphStats, countByLabelAndType } from '../repositories/health.repository.ts';

export interface WorldStats extends GraphStats {
  /** The installation's own records (users, tokens, the audit trail, the suppression list, the change mark): not world data. */
  installation: GraphStats;
}

/**
 * Node counts by label and relationship counts by type: the world's under
 * `nodes` and `relationships` (what `atlas seed --replace` replaces), the
 * installation's own records apart (what it keeps; server/db/labels.ts).
 */
export async function countWorldAndInstallation(db: Database): Promise<WorldStats> {
  const all = await countByLabelAndType(db);
  const [nodes, installationNodes] = partition(all.nodes, isInstallationLabel);
  const [relationships, installationRelationships] = partition(all.relationships, isInstallationRelationshipType);
  return { nodes, relationships, installation: { nodes: installationNodes, relationships: installationRelationships } };
}

/** The counts split in two, key order kept: the world's, and the installation's. */
function partition(counts: Record<string, number>, isInstallation: (key: string) => boolean): [Record<string, number>, Record<string, number>] {
  const world: Record<string, number> = {};
  const installation: Record<string, number> = {};
  for (const [key, n] of Object.entries(counts)) (isInstallation(key) ? installation : world)[key] = n;
  return [world, installation];
}
