import { defineQueries } from '../db/cypher.ts';
import type { Database } from '../db/neo4j.ts';
import type { TaxonomySector, TaxonomySkill, TeamMemberList } from '../schemas/taxonomy.schema.ts';

const q = defineQueries('taxonomy-skills', 'taxonomy-sectors', 'team-members-list');

export async function findSkills(db: Database): Promise<TaxonomySkill[]> {
  return (await db.read(q['taxonomy-skills'])) as unknown as TaxonomySkill[];
}

export async function findSectors(db: Database): Promise<TaxonomySector[]> {
  return (await db.read(q['taxonomy-sectors'])) as unknown as TaxonomySector[];
}

export async function findTeamMembers(db: Database): Promise<TeamMemberList['items']> {
  return (await db.read(q['team-members-list'])) as unknown as TeamMemberList['items'];
}
