import { defineQueries } from '../db/cypher.ts';
import { type Database, LEAVES_TALENT_GRAPH } from '../db/neo4j.ts';

/** Which data migrations a database has had, kept in its installation record. */

const q = defineQueries('migrations-applied', 'migrations-record');

export async function findAppliedMigrations(db: Database): Promise<Set<string>> {
  const [row] = await db.read(q['migrations-applied']);
  return new Set((row?.applied as string[] | undefined) ?? []);
}

export async function recordMigration(db: Database, name: string, now: Date): Promise<void> {
  await db.write(q['migrations-record'], { name, now: now.toISOString() }, LEAVES_TALENT_GRAPH);
}
