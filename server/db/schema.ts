import { defineQueries, splitStatements } from './cypher.ts';
import type { Database } from './neo4j.ts';

const q = defineQueries('schema', 'schema-await', 'schema-names');

/** Applies cypher/schema.cypher; every statement is IF NOT EXISTS, so re-running is a no-op. */
export async function applySchema(db: Database): Promise<number> {
  const statements = splitStatements(q.schema);
  // Schema commands may not share a transaction with other statements: one each.
  for (const statement of statements) await db.record(statement);
  await db.record(q['schema-await']);
  return statements.length;
}

/** Every index (constraint-backed ones included) with its state, e.g. to check the schema is in place. */
export async function listSchemaIndexes(db: Database): Promise<{ name: string; state: string }[]> {
  return (await db.read(q['schema-names'])) as { name: string; state: string }[];
}
