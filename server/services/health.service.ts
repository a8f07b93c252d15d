import { z } from 'zod';
import type { DatabaseAvailability } from '../db/availability.ts';
import { type Database, classifyDbError } from '../db/neo4j.ts';
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

const REFUSED = 'The database refused the server’s credentials.';

/**
 * Checks the connection first (one attempt, no retries), so an unreachable
 * database is reported at once rather than after the driver's retries, and
 * tells `availability` what it found.
 */
export async function checkHealth(db: Database, availability?: DatabaseAvailability): Promise<Health> {
  // A public route polled by anyone: another failed login would lock the user out for every client.
  if (availability?.refusingCredentials) return { status: 'unavailable', database: { reachable: false, error: REFUSED } };
  try {
    await db.verify();
    const [version, counts] = await Promise.all([findVersion(db), countHeadline(db)]);
    availability?.markUp();
    return { status: 'ok', database: { reachable: true, ...version }, counts };
  } catch (error) {
    const kind = classifyDbError(error);
    availability?.reportFailure(error);
    // The route is public: say what is wrong, not where the database lives (the server's log and CLI say that).
    const reason = kind === 'auth' ? REFUSED : kind === 'unavailable' ? 'The database is unreachable.' : 'The database check failed.';
    return { status: 'unavailable', database: { reachable: false, error: reason } };
  }
}
