import { loadEnv, resolvePaths } from '../../server/config.ts';
import { startInstance, stopInstance } from '../../server/db/managed.ts';
import { type Database, createDatabase } from '../../server/db/neo4j.ts';

export interface StartedInstance {
  uri: string;
  password: string;
  /** The Neo4j process, for a test that kills it. */
  pid: number;
  /** The environment the CLI and `atlas serve` reach it by. */
  cliEnv: Record<string, string>;
  /** A driver to it (with another password: a wrong one); the caller closes it. */
  connect(password?: string): Database;
}

/**
 * A managed Neo4j instance of a test's own, for tests that stop or kill their
 * database (the suite's shared one stays up). Small heap and page cache: it
 * runs beside the shared instance. It keeps its port and password across
 * restarts, so a driver or server started before reconnects by itself.
 */
export function ownInstance(suffix: string) {
  const env = { ...loadEnv(), ATLAS_NEO4J_HEAP: '384m', ATLAS_NEO4J_PAGECACHE: '64m' };
  const paths = resolvePaths(env);
  const instance = `${env.ATLAS_TEST_INSTANCE}-${suffix}`.slice(0, 32);
  const log = () => {};
  return {
    /** Starts it, or again after a stop or a kill. */
    async start(): Promise<StartedInstance> {
      const { uri, password, pid } = (await startInstance(env, paths, instance, log)).state;
      return {
        uri,
        password,
        pid,
        cliEnv: { NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password },
        connect: (as = password) => createDatabase({ uri, password: as, username: 'neo4j', database: 'neo4j', source: `managed:${instance}` }),
      };
    },
    /** A clean shutdown, as an operator's restart or a failover does it. */
    stop: () => stopInstance(paths, instance, log),
  };
}
