import { describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE_EXIT, databaseLost } from '../../server/cli/context.ts';
import { createDatabase } from '../../server/db/neo4j.ts';
import { ConflictError } from '../../server/errors.ts';

/** The driver's own error for a database that does not answer: a port nothing listens on refuses at once. */
async function refusedError(): Promise<unknown> {
  const db = createDatabase({ uri: 'bolt://127.0.0.1:9', username: 'neo4j', password: 'x', database: 'neo4j', source: 'env' });
  try {
    await db.verify();
  } catch (error) {
    return error;
  } finally {
    await db.close();
  }
  throw new Error('a read from a port nothing listens on succeeded');
}

describe('databaseLost', () => {
  it('tells a lost database in one line: what was under way, the driver’s cause without its advice, and what to do; exit 3', async () => {
    const error = await refusedError();
    const told = databaseLost(error, 'the snapshot of list l-1', 'Run it again.');
    expect(told?.exitCode).toBe(DATABASE_UNAVAILABLE_EXIT);
    expect(told?.message).toMatch(/^The database became unavailable during the snapshot of list l-1 \(connect ECONNREFUSED 127\.0\.0\.1:9\)\. Run it again\.$/);
  }, 30_000);

  it('leaves every other error to the command', () => {
    expect(databaseLost(new ConflictError('taken'), 'x', 'y')).toBeUndefined();
    expect(databaseLost(new Error('boom'), 'x', 'y')).toBeUndefined();
  });
});
