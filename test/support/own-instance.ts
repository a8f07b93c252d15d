import { loadEnv, resolvePaths } from '../../server/config.ts';
import { startInstance, stopInstance } from '../../server/db/managed.ts';
import { type Database, createDatabase } from '../../server/db/neo4j.ts';

/**
 * A managed Neo4j instance of a test's own, for tests that stop or kill their
 * database (the suite's shared one stays up). Small heap and page cache: it
 * runs beside the shared instance.
 */
export function ownInstance(suffix: string) {
  const env = { ...loadEnv(), ATLAS_NEO4J_HEAP: '384m', ATLAS_NEO4J_PAGECACHE: '64m' };
  const paths = resolvePaths(env);
  const instance = `${env.ATLAS_TEST_INSTANCE}-${suffix}`.slice(0, 32);
  const log = () => {};
  return {
    /** Starts it (again, after a stop or a kill), with a connection to it, its process, and the environment the CLI reaches it by. */
    async start(): Promise<{ db: Database; pid: number; cliEnv: NodeJS.ProcessEnv }> {
      const { state } = await startInstance(env, paths, instance, log);
      const db = createDatabase({ uri: state.uri, password: state.password, username: 'neo4j', database: 'neo4j', source: `managed:${instance}` });
      return { db, pid: state.pid, cliEnv: { NEO4J_URI: state.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: state.password } };
    },
    /** A clean shutdown, as an operator's restart or a failover does it. */
    stop: () => stopInstance(paths, instance, log),
  };
}
