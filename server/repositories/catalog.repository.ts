import { defineQueries } from '../db/cypher.ts';
import type { Database } from '../db/neo4j.ts';

const q = defineQueries('catalog-missing-ids');

export interface IdsToCheck {
  hubIds?: string[];
  skillIds?: string[];
  sectorIds?: string[];
  employerIds?: string[];
  candidateIds?: string[];
  teamMemberIds?: string[];
}

export type MissingIds = Required<{ [K in keyof IdsToCheck as K extends `${infer B}Ids` ? `${B}s` : never]: string[] }>;

/** The given ids that name no node of their kind. */
export async function findMissingIds(db: Database, ids: IdsToCheck): Promise<MissingIds> {
  const [row] = await db.read(q['catalog-missing-ids'], {
    hubIds: ids.hubIds ?? [],
    skillIds: ids.skillIds ?? [],
    sectorIds: ids.sectorIds ?? [],
    employerIds: ids.employerIds ?? [],
    candidateIds: ids.candidateIds ?? [],
    teamMemberIds: ids.teamMemberIds ?? [],
  });
  return row as unknown as MissingIds;
}
