import { defineQueries } from '../db/cypher.ts';
import { type Database, int } from '../db/neo4j.ts';
import type { Flow } from '../schemas/flows.schema.ts';

const q = defineQueries('flows-by-sector', 'flows-by-employer');

/** The grouping is an allow-listed choice between two statements, never spliced into one. */
const QUERY_BY = { sector: q['flows-by-sector'], employer: q['flows-by-employer'] } as const;

export async function findFlows(
  db: Database,
  { by, hubId, since, today, limit }: { by: keyof typeof QUERY_BY; hubId: string | null; since: string | null; today: string; limit: number },
): Promise<{ totalMoves: number; flows: Flow[] }> {
  const [row] = await db.read(QUERY_BY[by], { hubId, since, today, limit: int(limit) });
  return (row as unknown as { totalMoves: number; flows: Flow[] } | undefined) ?? { totalMoves: 0, flows: [] };
}
