import neo4j from 'neo4j-driver';
import { defineQueries } from '../db/cypher.ts';
import type { Database } from '../db/neo4j.ts';

const q = defineQueries('data-version-probe');

/**
 * An opaque token that changes whenever anything is committed to the database:
 * the bookmark of a no-op read names the last committed transaction. Caches of
 * derived data key on it, so writes by the importer or the seeder invalidate
 * them as well as writes through the app.
 */
export async function readDataVersion(db: Database): Promise<string> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  try {
    await session.executeRead((tx) => tx.run(q['data-version-probe']));
    return session.lastBookmarks().join(',');
  } finally {
    await session.close();
  }
}
