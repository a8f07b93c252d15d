import { defineQueries } from '../db/cypher.ts';
import { type Database, int } from '../db/neo4j.ts';
import { SENIORITY_RANK } from './hubs.repository.ts';

const q = defineQueries('employers-list', 'employer-detail', 'employer-names', 'employer-norm-names-set');

type Ref = { id: string; name: string };
type SectorRef = Ref & { target: boolean };

export interface EmployerListRow {
  total: number;
  id: string;
  name: string;
  kind: string | null;
  people: number;
  sectors: SectorRef[];
  sites: Ref[];
}

export async function findEmployers(db: Database, filter: { hubId: string | null; sectorId: string | null; limit: number }): Promise<EmployerListRow[]> {
  return (await db.read(q['employers-list'], { ...filter, limit: int(filter.limit) })) as unknown as EmployerListRow[];
}

export interface EmployerDetailRow {
  id: string;
  name: string;
  kind: string | null;
  sectors: SectorRef[];
  sites: Ref[];
  people: number;
  alumni: number;
  byTitle: { title: string | null; seniority: string | null; count: number }[];
  members: { id: string; name: string | null; title: string | null; seniority: string | null; segment: string | null; since: string | null }[];
}

export async function findEmployer(db: Database, id: string, membersLimit: number): Promise<EmployerDetailRow | undefined> {
  const [row] = await db.read(q['employer-detail'], { id, membersLimit: int(membersLimit), seniorityRank: SENIORITY_RANK });
  return row as unknown as EmployerDetailRow | undefined;
}

export interface EmployerNameRow {
  id: string;
  name: string;
  normName: string | null;
}

/** Every employer's name and stored normalised name. */
export async function findEmployerNames(db: Database): Promise<EmployerNameRow[]> {
  return (await db.read(q['employer-names'])) as unknown as EmployerNameRow[];
}

/** Stores normalised names, in one transaction; returns how many employers were updated. */
export async function setEmployerNormNames(db: Database, rows: readonly { id: string; normName: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const [row] = await db.write(q['employer-norm-names-set'], { rows });
  return (row?.updated as number | undefined) ?? 0;
}
