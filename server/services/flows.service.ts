import type { Database } from '../db/neo4j.ts';
import { findFlows } from '../repositories/flows.repository.ts';
import type { FlowsQuery, FlowsResponse } from '../schemas/flows.schema.ts';
import { assertKnownIds } from './catalog.service.ts';
import { isoDay } from './clock.ts';

/** The first day of a window of `months` calendar months ending today (UTC); 31 March less one month is 28/29 February. */
export function windowStart(now: Date, months: number): string {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(year, month, Math.min(now.getUTCDate(), lastDay))));
}

export async function talentFlows(db: Database, query: FlowsQuery, now: Date): Promise<FlowsResponse> {
  await assertKnownIds(db, [{ field: 'query.hub', kind: 'hubs', ids: query.hub === undefined ? [] : [query.hub] }]);
  const since = query.months === 'any' ? null : windowStart(now, query.months);
  const { totalMoves, flows } = await findFlows(db, { by: query.by, hubId: query.hub ?? null, since, today: isoDay(now), limit: query.limit });
  return { by: query.by, hub: query.hub ?? null, months: query.months, since, totalMoves, flows };
}
