import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isRetryableError,
  isTime,
  Neo4jError,
} from 'neo4j-driver';
import type { Neo4jConnection } from '../config.ts';
import { defineQueries } from './cypher.ts';

/**
 * The one driver module. Single-statement reads run as one auto-commit query
 * (see `read`), reads of several statements through executeRead and writes
 * through executeWrite (managed transactions, retried on transient errors), the
 * database is always named explicitly, and values leave this module as plain
 * JS: integers as numbers, temporals as ISO strings, points as {x, y}.
 */

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export interface WriteOptions<T = unknown> {
  /**
   * Whether the write may change the talent graph: candidates, employers,
   * hubs, sectors, skills, publications and the links between them, which
   * the hub map, pool rankings and neighbourhoods are derived from and cached
   * against (they key on TALENT_VERSION_ID). Default true. False for the
   * team's work on the graph (mandates and their pipelines, target lists and
   * their snapshots, saved views) and the installation's records (users,
   * tokens, migrations), so that moving a candidate to "contacted" keeps every
   * hub's ranking. (A pipeline move does set the person's first contact date,
   * which a pool page shows: that page's explanation keys on DATA_VERSION_ID,
   * which every write moves.) When unsure, leave it true: a needless re-rank
   * costs time, a missed one shows stale data.
   */
  talentGraph?: boolean;
  /**
   * For a write that changes the talent graph only in some candidates' own
   * data (their properties, skills, jobs, hub, or their removal): those
   * candidates' ids, read from the write's result. They are logged with the
   * change mark, and a kept pool ranking then scores again only them instead
   * of the whole pool. Leave unset when the write may change anything that
   * scores other people too (an employer's sector, a hub, a sector's pivots):
   * the log then says "anything", and kept rankings are ranked afresh.
   */
  changedCandidates?(result: T): readonly string[];
}

/** The options of a write that leaves the talent graph alone (see WriteOptions). */
export const LEAVES_TALENT_GRAPH: WriteOptions = Object.freeze({ talentGraph: false });

/**
 * How many moves of the talent mark the log keeps (data-version-mark.cypher),
 * and how many candidate ids one entry names at most (a larger write is
 * logged as "anything": ranking afresh is then cheaper than scoring them again).
 */
export const TALENT_LOG_KEEP = 256;
export const TALENT_LOG_MAX_CANDIDATES = 1000;

export interface Database {
  readonly driver: Driver;
  readonly database: string;
  readonly connection: Neo4jConnection;
  /**
   * One read statement as one auto-commit query: RUN and PULL go out in one
   * round trip, where a managed transaction costs BEGIN, RUN/PULL and COMMIT
   * (about twice the server and driver CPU for a short read), and without the
   * server's notifications, which nothing reads. One statement is atomic on
   * its own; on a retryable error it runs again as a managed (retried) read.
   */
  read(query: string, params?: Params): Promise<Row[]>;
  /**
   * A write; like every write below, it also moves the change marks
   * (DATA_VERSION_ID, and TALENT_VERSION_ID unless `options` say it leaves the
   * talent graph alone) in the same transaction.
   */
  write(query: string, params?: Params, options?: WriteOptions<Row[]>): Promise<Row[]>;
  /**
   * A write that changes no data a cache derives from (an audit event, a
   * token's last use, the schema), so it leaves the change mark alone. One
   * statement in one round trip, as `read` sends its statement.
   */
  record(query: string, params?: Params): Promise<Row[]>;
  /** Several statements in one write transaction: all or nothing. */
  writeTx<T>(work: (tx: ManagedTransaction) => Promise<T>, options?: WriteOptions<NoInfer<T>>): Promise<T>;
  readTx<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /**
   * A read whose rows arrive one at a time as the consumer asks for them
   * (the driver pauses the server stream when its buffer fills), for results
   * too large to hold. Runs in a read session outside a managed transaction,
   * since rows already handed on cannot be replayed by a retry; breaking out
   * of the loop cancels the query and closes the session.
   */
  stream(query: string, params?: Params): AsyncIterable<Row>;
  /**
   * An auto-commit statement, only for `CALL { } IN TRANSACTIONS`, which
   * commits its own batches and cannot run in a managed transaction.
   */
  autoCommit(query: string, params?: Params, options?: WriteOptions<Row[]>): Promise<Row[]>;
  verify(): Promise<void>;
  close(): Promise<void>;
}

/** The id of the (:DataVersion) node whose value changes with every write (cypher/data-version-mark.cypher). */
export const DATA_VERSION_ID = 'graph';
/** The id of the one whose value changes with every write that may change the talent graph (WriteOptions). */
export const TALENT_VERSION_ID = 'talent';
const q = defineQueries('data-version-mark');
const MARK_LOG = { logged: TALENT_VERSION_ID, keep: neo4j.int(TALENT_LOG_KEEP) };
const ALL_MARKS = { ids: [DATA_VERSION_ID, TALENT_VERSION_ID], ...MARK_LOG };
const GRAPH_MARK = { ids: [DATA_VERSION_ID], ...MARK_LOG, candidates: null };

function markChanged<T>(tx: ManagedTransaction, options: WriteOptions<T>, result: T) {
  if (options.talentGraph === false) return tx.run(q['data-version-mark'], GRAPH_MARK);
  const named = options.changedCandidates ? [...new Set(options.changedCandidates(result))] : null;
  const candidates = named && named.length <= TALENT_LOG_MAX_CANDIDATES ? named : null;
  return tx.run(q['data-version-mark'], { ...ALL_MARKS, candidates });
}
const QUIET = { minimumSeverityLevel: 'OFF' } as const;

export function createDatabase(connection: Neo4jConnection): Database {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.username, connection.password), {
    // Keeps a dead server from hanging a request for the driver's default 60 s.
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 15_000,
    userAgent: 'talent-atlas',
  });
  const database = connection.database;

  /**
   * One statement in one round trip: an auto-commit query, with the server's
   * notifications off, rather than a managed transaction's BEGIN, RUN and
   * COMMIT (about half the CPU of a short statement on both sides). A
   * retryable failure runs it again as a managed, retried transaction (with
   * the same doubt about a commit whose answer was lost as any retry has).
   */
  async function once(mode: 'READ' | 'WRITE', query: string, params: Params): Promise<Row[]> {
    const origin = new QueryOrigin();
    const s = driver.session({ database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE, notificationFilter: QUIET });
    try {
      return toRows(await unframed(() => s.run(query, params)));
    } catch (error) {
      if (!isRetryableError(error)) throw origin.mark(error);
    } finally {
      await s.close();
    }
    return session(mode, async (tx) => toRows(await tx.run(query, params)), origin);
  }

  async function session<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, origin = new QueryOrigin()): Promise<T> {
    const s = driver.session({ database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
    try {
      const quick = (tx: ManagedTransaction) => work(unframedRuns(tx));
      return mode === 'READ' ? await s.executeRead(quick) : await s.executeWrite(quick);
    } catch (error) {
      throw origin.mark(error);
    } finally {
      await s.close();
    }
  }

  return {
    driver,
    database,
    connection,
    read: (query, params = {}) => once('READ', query, params),
    write: (query, params = {}, options = {}) =>
      session('WRITE', async (tx) => {
        const rows = toRows(await tx.run(query, params));
        await markChanged(tx, options, rows);
        return rows;
      }),
    // Every profile view records one (an audit event), so it takes one round trip too.
    record: (query, params = {}) => once('WRITE', query, params),
    writeTx: (work, options = {}) =>
      session('WRITE', async (tx) => {
        const result = await work(tx);
        await markChanged(tx, options, result);
        return result;
      }),
    readTx: (work) => session('READ', work),
    async *stream(query, params = {}) {
      const origin = new QueryOrigin();
      const s = driver.session({ database, defaultAccessMode: neo4j.session.READ });
      try {
        for await (const record of unframed(() => s.run(query, params))) {
          const row: Row = {};
          for (const key of record.keys) row[String(key)] = toNative(record.get(key));
          yield row;
        }
      } catch (error) {
        throw origin.mark(error);
      } finally {
        await s.close();
      }
    },
    async autoCommit(query, params = {}, options = {}) {
      const origin = new QueryOrigin();
      const s = driver.session({ database });
      try {
        const rows = toRows(await unframed(() => s.run(query, params)));
        await s.executeWrite((tx) => markChanged(unframedRuns(tx), options, rows));
        return rows;
      } catch (error) {
        throw origin.mark(error);
      } finally {
        await s.close();
      }
    },
    async verify() {
      await driver.verifyConnectivity({ database });
    },
    close: () => driver.close(),
  };
}

/*
 * The driver formats a stack trace for every query it starts (reading
 * `new Error().stack` as it builds the Result), so that a failed query can
 * point at its caller. With source maps on, as tsx runs the server, that
 * formatting maps every frame back to TypeScript. In a loop of profile
 * views (a read and its audit event), Node spent 408–506 µs on each with
 * source maps on and 335–338 µs with them off; behind the HTTP server the
 * formatting took 7 % of its CPU. So queries are started with no frames to
 * format (`unframed`), and a failure is given the stack of the Database call
 * instead, captured as the call begins and formatted only if read
 * (`QueryOrigin`).
 */

/** Starts a driver query (it builds its Result synchronously) with no stack frames captured. */
function unframed<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The transaction, its statements started by `unframed`. */
function unframedRuns(tx: ManagedTransaction): ManagedTransaction {
  const quick = Object.create(tx) as ManagedTransaction;
  quick.run = ((query: string, params?: Params) => unframed(() => tx.run(query, params))) as ManagedTransaction['run'];
  return quick;
}

/** Where a Database call was made, for the error of a query that fails in it. */
class QueryOrigin {
  private readonly at: { stack?: string } = {};

  constructor() {
    // From the Database method down: it, its closure, the repository and the service.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 4;
    Error.captureStackTrace(this.at, QueryOrigin);
    Error.stackTraceLimit = limit;
  }

  mark(error: unknown): unknown {
    if (error instanceof Neo4jError && !Object.hasOwn(error, 'queryOrigin')) {
      Object.defineProperty(error, 'queryOrigin', { value: true });
      error.stack = `${error.stack ?? String(error)}\n${(this.at.stack ?? '').split('\n').slice(1).join('\n')}`;
    }
    return error;
  }
}

export function toRows(result: QueryResult<RecordShape>): Row[] {
  return result.records.map((record) => {
    const row: Row = {};
    const keys = record.keys;
    for (let i = 0; i < keys.length; i++) row[String(keys[i])] = toNative(record.get(i));
    return row;
  });
}

/** Converts driver values into plain JSON-friendly JS, recursively. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'bigint') return Number(value);
  // Strings, floats and booleans are most values: skip the type probes below (they add up over streamed rows).
  if (typeof value !== 'object') return value;
  // So are lists and maps, which the driver decodes as fresh arrays and plain objects (its own types
  // are class instances): they are copied only when something in them converts.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const native = toNative(item);
      if (native !== item) (out ??= value.slice())[i] = native;
    }
    return out ?? value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Row;
    let out: Row | undefined;
    for (const key of Object.keys(map)) {
      const item = map[key];
      const native = toNative(item);
      if (native !== item) (out ??= { ...map })[key] = native;
    }
    return out ?? map;
  }
  if (isInt(value)) return value.toNumber();
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value) || isDuration(value)) {
    return value.toString();
  }
  if (isPoint(value)) return { x: value.x, y: value.y };
  if (isNode(value)) return { labels: value.labels, ...(toNative(value.properties) as Row) };
  if (isRelationship(value)) return { type: value.type, ...(toNative(value.properties) as Row) };
  if (isPath(value)) return value.segments.map((s) => toNative(s.relationship));
  if (typeof value === 'object') {
    const out: Row = {};
    for (const [k, v] of Object.entries(value)) out[k] = toNative(v);
    return out;
  }
  return value;
}

/** Integer parameters (LIMIT, SKIP) must reach Cypher as integers, not floats. */
export const int = (n: number) => neo4j.int(n);

export type DbErrorKind = 'unavailable' | 'busy' | 'auth' | 'constraint' | 'client' | 'other';

/**
 * Maps a driver error to a kind once, for the HTTP layer and the CLI alike. `busy`: no pooled
 * connection freed up in time (connectionAcquisitionTimeout); the database is there, only every
 * connection to it is in use. The driver gives that error no code, only its message.
 */
export function classifyDbError(error: unknown): DbErrorKind {
  if (!(error instanceof Neo4jError)) return 'other';
  const code = error.code ?? '';
  if (code === 'N/A' && error.message.startsWith('Connection acquisition timed out')) return 'busy';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code.startsWith('Neo.TransientError')) return 'unavailable';
  if (code === 'Neo.ClientError.Security.Unauthorized' || code.startsWith('Neo.ClientError.Security')) return 'auth';
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') return 'constraint';
  if (code.startsWith('Neo.ClientError')) return 'client';
  return 'other';
}

/** A one-line message fit for a terminal or a log, without Cypher text. */
export function describeDbError(error: unknown, connection: Neo4jConnection): string {
  switch (classifyDbError(error)) {
    case 'auth':
      return `Authentication failed for user "${connection.username}" at ${connection.uri} (${connection.source === 'env' ? 'check NEO4J_USERNAME / NEO4J_PASSWORD' : 'the managed instance password'}).`;
    case 'unavailable':
      return `Neo4j at ${connection.uri} is unreachable (${connection.source === 'env' ? 'check NEO4J_URI' : 'run `npx atlas db start`'}).`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
