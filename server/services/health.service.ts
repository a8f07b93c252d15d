import { z } from 'zod';
import { type Database, describeDbError } from '../db/neo4j.ts';
import { countHeadline, findVersion } from '../repositories/health.repository.ts';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({
      reachable: z.boolean(),
      name: z.string().optional(),
      version: z.string().optional(),
      edition: z.string().optional(),
      error: z.string().optional(),
    }),
    counts: z
      .object({ candidates: z.number(), employers: z.number(), hubs: z.number(), skills: z.number() })
      .optional(),
  })
  .openapi('Health');
export type Health = z.infer<typeof HealthSchema>;

export async function checkHealth(db: Database): Promise<Health> {
  try {
    const [version, counts] = await Promise.all([findVersion(db), countHeadline(db)]);
    return { status: 'ok', database: { reachable: true, ...version }, counts };
  } catch (error) {
    return { status: 'unavailable', database: { reachable: false, error: describeDbError(error, db.connection) } };
  }
}
