import { defineQueries } from '../db/cypher.ts';
import { DATA_VERSION_ID, type Database } from '../db/neo4j.ts';

const q = defineQueries('data-version-probe');

/** The probe, for the API benchmark's bare-driver baseline. */
export const DATA_VERSION_PROBE_QUERY = q['data-version-probe'];

/**
 * An opaque token that changes with every write through the app, in this
 * process or another (the importer, the seeder), but not with bookkeeping
 * (audit events, token use): see Database.record. Caches of derived data key
 * on it.
 */
export async function readDataVersion(db: Database): Promise<string> {
  const [row] = await db.read(q['data-version-probe'], { id: DATA_VERSION_ID });
  return typeof row?.value === 'string' ? row.value : 'unmarked';
}
