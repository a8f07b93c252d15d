import { defineQueries } from '../db/cypher.ts';
import { DATA_VERSION_ID, type Database, TALENT_VERSION_ID } from '../db/neo4j.ts';

const q = defineQueries('data-version-probe');

/** The probe and its parameters, for the API benchmark's bare-driver baseline. */
export const DATA_VERSION_PROBE_QUERY = q['data-version-probe'];
export const DATA_VERSION_PROBE_PARAMS = { ids: [DATA_VERSION_ID, TALENT_VERSION_ID] };

/**
 * Opaque tokens that change with writes through the app, in this process or
 * another (the importer, the seeder), but not with bookkeeping (audit events,
 * token use): see Database.record. Caches of derived data key on them.
 */
export interface DataVersions {
  /** Changes with every write. */
  graph: string;
  /** Changes with every write that may change the talent graph (WriteOptions.talentGraph). */
  talent: string;
}

/** Both marks, in one read. */
export async function readDataVersions(db: Database): Promise<DataVersions> {
  const rows = await db.read(q['data-version-probe'], DATA_VERSION_PROBE_PARAMS);
  const value = (id: string) => {
    const row = rows.find((r) => r.id === id);
    return typeof row?.value === 'string' ? row.value : 'unmarked';
  };
  return { graph: value(DATA_VERSION_ID), talent: value(TALENT_VERSION_ID) };
}

/** The mark that changes with every write to the talent graph: what the hub map, pools and neighbourhoods derive from. */
export async function readTalentVersion(db: Database): Promise<string> {
  return (await readDataVersions(db)).talent;
}
