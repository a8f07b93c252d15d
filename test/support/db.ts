import { inject } from 'vitest';
import { defineQueries } from '../../server/db/cypher.ts';
import { type Database, createDatabase } from '../../server/db/neo4j.ts';
import { applySchema } from '../../server/db/schema.ts';

const q = defineQueries('graph-clear');

/** A driver on the suite's own Neo4j, with the schema applied. */
export async function testDatabase(): Promise<Database> {
  const { uri, password } = inject('neo4j');
  const db = createDatabase({ uri, password, username: 'neo4j', database: 'neo4j', source: 'managed:test' });
  await applySchema(db);
  return db;
}

/** Removes every node and relationship (schema stays). */
export async function clearGraph(db: Database): Promise<void> {
  await db.autoCommit(q['graph-clear']);
}
