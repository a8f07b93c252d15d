import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCypher, splitStatements } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { applySchema, listSchemaIndexes } from '../../server/db/schema.ts';
import { testDatabase } from '../support/db.ts';

describe('applySchema', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('applySchema creates every constraint and index the schema file declares, all online', async () => {
    const declared = splitStatements(loadCypher('schema')).map((s) => /(?:CONSTRAINT|INDEX) (\w+)/.exec(s)?.[1]);
    expect(declared.length).toBeGreaterThan(10);
    const indexes = await listSchemaIndexes(db);
    for (const name of declared) {
      expect(indexes.find((i) => i.name === name), `index ${name}`).toMatchObject({ state: 'ONLINE' });
    }
  });

  it('applySchema is idempotent: running it twice more changes nothing', async () => {
    const before = await listSchemaIndexes(db);
    await applySchema(db);
    await applySchema(db);
    expect(await listSchemaIndexes(db)).toEqual(before);
  });
});
