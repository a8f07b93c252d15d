import type { Database } from '../db/neo4j.ts';
import { NotFoundError } from '../errors.ts';
import { findEmployer, findEmployers } from '../repositories/employers.repository.ts';
import { SENIORITIES, type Segment, type Seniority } from '../schemas/common.schema.ts';
import {
  EMPLOYER_MEMBERS_MAX,
  type EmployerDetail,
  type EmployersQuery,
  type EmployersResponse,
} from '../schemas/employers.schema.ts';
import { assertKnownIds } from './catalog.service.ts';

export async function listEmployers(db: Database, query: EmployersQuery): Promise<EmployersResponse> {
  await assertKnownIds(db, [
    { field: 'query.hub', kind: 'hubs', ids: query.hub === undefined ? [] : [query.hub] },
    { field: 'query.sector', kind: 'sectors', ids: query.sector === undefined ? [] : [query.sector] },
  ]);
  const rows = await findEmployers(db, { hubId: query.hub ?? null, sectorId: query.sector ?? null, limit: query.limit });
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _total, ...employer }) => employer),
  };
}

const asSeniority = (value: string | null): Seniority | null => ((SENIORITIES as readonly string[]).includes(value ?? '') ? (value as Seniority) : null);

export async function employerDetail(db: Database, id: string): Promise<EmployerDetail> {
  const row = await findEmployer(db, id, EMPLOYER_MEMBERS_MAX);
  if (!row) throw new NotFoundError(`No employer "${id}"`, [{ field: 'params.id', value: id }]);
  const bySeniority = { junior: 0, mid: 0, senior: 0, lead: 0, unknown: 0 };
  for (const group of row.byTitle) bySeniority[asSeniority(group.seniority) ?? 'unknown'] += group.count;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    sectors: row.sectors,
    sites: row.sites,
    people: row.people,
    alumni: row.alumni,
    bySeniority,
    byTitle: row.byTitle.map((g) => ({ ...g, seniority: asSeniority(g.seniority) })),
    members: row.members.map((m) => ({ ...m, seniority: asSeniority(m.seniority), segment: m.segment as Segment | null })),
    membersTruncated: row.people > row.members.length,
  };
}
