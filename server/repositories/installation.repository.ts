import { type Database, LEAVES_TALENT_GRAPH } from '../db/neo4j.ts';
import { defineQueries } from '../db/cypher.ts';

/**
 * The installation's secrets, kept in the graph beside the data they protect,
 * so every process and every import on one database uses the same ones: the
 * suppression salt and the key new candidate ids are derived with.
 */

const q = defineQueries('installation-secret-ensure', 'installation-secret-find');

export type InstallationSecret = 'suppression-salt' | 'candidate-id-key';

/** The secret `key`, created (from `fresh`) when there is none. */
export async function ensureInstallationSecret(db: Database, key: InstallationSecret, fresh: string, now: string): Promise<string> {
  const [row] = await db.write(q['installation-secret-ensure'], { key, value: fresh, now }, LEAVES_TALENT_GRAPH);
  return row!.value as string;
}

/** The secret `key`, or null before its first use. */
export async function findInstallationSecret(db: Database, key: InstallationSecret): Promise<string | null> {
  const [row] = await db.read(q['installation-secret-find'], { key });
  return (row?.value as string | undefined) ?? null;
}
