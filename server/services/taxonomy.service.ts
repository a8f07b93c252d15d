import type { Database } from '../db/neo4j.ts';
import { findSectors, findSkills, findTeamMembers } from '../repositories/taxonomy.repository.ts';
import type { Taxonomy, TeamMemberList } from '../schemas/taxonomy.schema.ts';

export async function taxonomy(db: Database): Promise<Taxonomy> {
  const [skills, sectors] = await Promise.all([findSkills(db), findSectors(db)]);
  return { skills, sectors };
}

export async function teamMembers(db: Database): Promise<TeamMemberList> {
  return { items: await findTeamMembers(db) };
}
