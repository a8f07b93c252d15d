import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import neo4j from 'neo4j-driver';
import { createApp } from '../app.ts';
import { PROJECT_ROOT, loadEnv, resolvePaths } from '../config.ts';
import { defineQueries, queryTitle } from '../db/cypher.ts';
import { startInstance } from '../db/managed.ts';
import { type Database, createDatabase } from '../db/neo4j.ts';
import { applySchema } from '../db/schema.ts';
import { countHeadline, findVersion } from '../repositories/health.repository.ts';
import {
  HUB_MAP_QUERY,
  POOL_EXPLAIN_QUERY,
  POOL_NOTICES_QUERY,
  POOL_RANK_QUERY,
  type RankedRow,
  findTopSkills,
  poolFilterParams,
  poolRankParams,
  rankWindowParams,
} from '../repositories/hubs.repository.ts';
import { DATA_VERSION_PROBE_PARAMS, DATA_VERSION_PROBE_QUERY, TALENT_CHANGES_QUERY, readDataVersions } from '../repositories/data-version.repository.ts';
import { NEIGHBOURS_QUERY, NODE_FIND_QUERY, neighbourParams } from '../repositories/graph.repository.ts';
import { MARKET_MAP_CELLS_QUERY, MARKET_MAP_UNPLACED_QUERY, SEARCH_SUMMARIES_QUERY, findSearchSummaries } from '../repositories/searches.repository.ts';
import { findEmployers } from '../repositories/employers.repository.ts';
import { RANKING_PROFILES } from '../schemas/ranking.schema.ts';
import { isoDay } from '../services/clock.ts';
import { CACHED_RANK_ROWS, FALLBACK_CATCHMENT_KM, KEPT_MEMBERS, RESCORED_CANDIDATES } from '../services/hubs.service.ts';
import { candidateProfile } from '../services/candidates.service.ts';
import { importCandidates } from '../services/import.service.ts';
import { firstHopCap, firstHopCaps, perNodeCap, secondHopCaps, selectFirstHop } from '../services/graph.service.ts';
import { MARKET_MAP_CANDIDATES_PER_EMPLOYER, moveCandidate, openSearch } from '../services/searches.service.ts';
import { seedDemoWorld } from '../services/seed.service.ts';
import { addUser, createUserToken } from '../services/users.service.ts';

/**
 * `npm run bench:api`: the hub map, a pool (top 100), a neighbourhood and a
 * market map at 100k candidates, each timed through the HTTP API and through
 * the bare driver running the same Cypher with the same parameters, in the
 * same run. PROFILEs the hot statements for plan operators that do not scale,
 * prints a report and appends it to BENCHMARKS.md.
 */

const INSTANCE = 'bench';
const CANDIDATES = 100_000;
const SEED = 42;
const WARMUP = 20;
const RUNS = 200;
const HUB = 'munich';
const POOL_LIMIT = 100;
const NEIGHBOURHOOD_LIMIT = 500;
const MANDATE_TITLE = 'Benchmark mandate';

const q = defineQueries('bench-pool-floor-count', 'bench-pool-floor-inputs');

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Timing {
  p50: number;
  p95: number;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/**
 * Times ways of doing the same work, taking turns call by call, so all see the
 * same load on a shared machine (runs in blocks would not). `before` (a write,
 * for the rows measured after one) runs before each call of every side, and
 * the side that goes first rotates, so that no side alone is the one that
 * follows a write or another side's call.
 */
async function measureTurns(sides: (() => Promise<unknown>)[], before: () => Promise<void> = async () => {}): Promise<Timing[]> {
  for (let i = 0; i < WARMUP; i++) {
    for (const side of sides) {
      await before();
      await side();
    }
  }
  const times = sides.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < sides.length; k++) {
      const turn = (i + k) % sides.length;
      await before();
      const start = performance.now();
      await sides[turn]!();
      times[turn]!.push(performance.now() - start);
    }
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 50), p95: percentile(list, 95) };
  });
}

/**
 * The bare driver: each statement as one auto-commit query in read mode, as
 * the app runs a single-statement read (Database.read, notifications off too),
 * records decoded by the driver and nothing else.
 */
function rawRunner(db: Database) {
  return async (statements: [string, Record<string, unknown>][]) => {
    const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ, notificationFilter: { minimumSeverityLevel: 'OFF' } });
    try {
      for (const [query, params] of statements) await session.run(query, params);
    } finally {
      await session.close();
    }
  };
}

interface PlanNode {
  operatorType: string;
  dbHits?: number;
  children: PlanNode[];
}

function operators(plan: PlanNode): string[] {
  return [plan.operatorType.replace(/@.*$/, ''), ...plan.children.flatMap(operators)];
}
function dbHits(plan: PlanNode): number {
  return (plan.dbHits ?? 0) + plan.children.reduce((n, c) => n + dbHits(c), 0);
}

const UNSCALABLE = ['AllNodesScan', 'CartesianProduct', 'Eager'];

async function profile(db: Database, query: string, params: Record<string, unknown>) {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(`PROFILE ${query}`, params);
    const plan = result.summary.profile as unknown as PlanNode;
    const ops = operators(plan);
    return { bad: UNSCALABLE.filter((op) => ops.includes(op)), dbHits: dbHits(plan), operators: [...new Set(ops)].sort() };
  } finally {
    await session.close();
  }
}

function machine(neo4jVersion: string): string[] {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: the model os.cpus() gives is enough.
  }
  const javaVersion = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const java = (javaVersion.stderr || javaVersion.stdout || 'java: unknown').split('\n')[0]!.trim();
  const env = loadEnv();
  return [
    `- date: ${new Date().toISOString()}`,
    `- cpu: ${cpu}, ${os.availableParallelism()} cores (nproc); load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- node ${process.version}; ${java}; Neo4j ${neo4jVersion} Community (managed instance "${INSTANCE}", heap ${env.ATLAS_NEO4J_HEAP}, page cache ${env.ATLAS_NEO4J_PAGECACHE})`,
  ];
}

async function ensureWorld(db: Database): Promise<string> {
  const counts = await countHeadline(db);
  if (counts.candidates >= CANDIDATES) {
    log(`Reusing the ${counts.candidates}-candidate world in instance "${INSTANCE}".`);
    return `reused (${counts.candidates} candidates)`;
  }
  log(`Seeding ${CANDIDATES} candidates (seed ${SEED}) into instance "${INSTANCE}"…`);
  let last = 0;
  const summary = await seedDemoWorld(db, {
    candidates: CANDIDATES,
    seed: SEED,
    replace: true,
    onProgress: (done, total) => {
      if (done - last >= 10_000 || done === total) {
        last = done;
        log(`  ${done}/${total}`);
      }
    },
  });
  return `seeded in ${summary.seconds} s`;
}

/** A mandate over the hub's largest employers, with a few people in its pipeline. */
async function ensureMandate(db: Database, skills: string[]): Promise<string> {
  const existing = (await findSearchSummaries(db, null)).find((s) => s.title === MANDATE_TITLE);
  if (existing) return existing.id;
  const employers = await findEmployers(db, { hubId: HUB, sectorId: null, limit: 40 });
  const now = new Date();
  const search = await openSearch(
    db,
    {
      title: MANDATE_TITLE,
      client: 'Benchmark client',
      hubs: [HUB, 'berlin'],
      requiredSkills: [],
      seniority: ['senior', 'lead'],
      sectors: [],
      targetEmployers: employers.map((e) => e.id),
      targetDays: 60,
    },
    now,
  );
  const [page] = await db.read(POOL_RANK_QUERY, { ...poolRankParams(poolRequest(skills)), ...rankWindowParams({ cursor: null, size: 20 }) });
  for (const item of (page?.ranked as { id: string }[] | undefined) ?? []) {
    await moveCandidate(db, search.id, item.id, { stage: 'contacted' }, now);
  }
  return search.id;
}

/** The pool request the service builds for `GET /api/hubs/{HUB}/pool?anySkills=…&limit=…`. */
function poolRequest(skills: string[]) {
  return {
    hubId: HUB,
    filter: { anySkills: skills },
    radiusKm: null,
    defaultCatchmentKm: FALLBACK_CATCHMENT_KM,
    requiredSkills: skills,
    targetSeniority: [...RANKING_PROFILES.balanced.targetSeniority],
    profile: RANKING_PROFILES.balanced,
    today: isoDay(new Date()),
  };
}

async function main() {
  const env = loadEnv();
  const paths = resolvePaths(env);
  const { state } = await startInstance(env, paths, INSTANCE, log);
  const db = createDatabase({ uri: state.uri, password: state.password, username: 'neo4j', database: 'neo4j', source: `managed:${INSTANCE}` });
  let server: Server | undefined;
  let bareHttpServer: Server | undefined;
  try {
    await db.verify();
    await applySchema(db);
    const world = await ensureWorld(db);
    const version = await findVersion(db);
    const counts = await countHeadline(db);

    // The two skills most candidates around the hub declare: a pool filter that keeps the pool large.
    const poolSkills = (await findTopSkills(db, HUB, 2)).map((s) => s.id);
    const searchId = await ensureMandate(db, poolSkills);

    // A viewer's token, as every API call needs one; rate limits off (0), as for a timing loop.
    const viewer = await addUser(db, { name: `bench-${Date.now()}`, role: 'viewer', now: new Date() });
    const { token } = await createUserToken(db, { user: viewer.id, now: new Date() });
    const app = createApp({ db, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const http = (url: string) => async () => {
      const res = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text.slice(0, 200)}`);
      return text;
    };
    // The floor of any HTTP API: bare Express (no middleware, no ETag, as the app sends none) sending
    // the answer the API gave, serialised afresh each time, read by the same client.
    let carried: unknown = null;
    const bareHttp = express().disable('etag').disable('x-powered-by');
    bareHttp.get('/answer', (_req, res) => {
      res.json(carried);
    });
    bareHttpServer = await new Promise<Server>((resolve) => {
      const s = bareHttp.listen(0, '127.0.0.1', () => resolve(s));
    });
    const bareHttpAddress = bareHttpServer.address();
    const bareHttpUrl = `http://127.0.0.1:${typeof bareHttpAddress === 'object' && bareHttpAddress ? bareHttpAddress.port : 0}/answer`;
    const carry = async () => {
      await (await fetch(bareHttpUrl)).text();
    };
    const raw = rawRunner(db);

    // Parameters the services compute, reproduced for the bare driver.
    const hubMapParams = poolFilterParams({});
    const poolParams = poolRankParams(poolRequest(poolSkills));
    // What the API runs for a pool page: the ranking's first rows (kept while the talent graph is
    // unchanged), then the page's explanation (likewise) and its notice dates (kept while the graph is).
    const [ranking] = await db.read(POOL_RANK_QUERY, { ...poolParams, ...rankWindowParams({ cursor: null, size: CACHED_RANK_ROWS, memberLimit: KEPT_MEMBERS }) });
    const pageRows = (ranking!.ranked as RankedRow[]).slice(0, POOL_LIMIT).map(({ id, sectorFit }) => ({ id, sectorFit }));
    const explainParams = { rows: pageRows, requiredSkills: poolSkills, evidenceCredit: RANKING_PROFILES.balanced.evidence };
    const poolStatements: [string, Record<string, unknown>][] = [
      [POOL_RANK_QUERY, { ...poolParams, ...rankWindowParams({ cursor: null, size: CACHED_RANK_ROWS, memberLimit: KEPT_MEMBERS }) }],
      [POOL_EXPLAIN_QUERY, explainParams],
      [POOL_NOTICES_QUERY, { ids: pageRows.map((r) => r.id) }],
    ];
    // The page's explanation and notice dates: what a page is built from once its rows are ranked.
    const pageStatements = poolStatements.slice(1);
    // A write to the talent graph (an import, a merge, an employer's sector) moves both change
    // marks, so the next pool request ranks afresh; an empty one stands for it here.
    const changeGraph = async () => {
      await db.writeTx(async () => {});
    };
    // A consultant's pipeline move (the team's work) moves only the graph mark: the ranking and the
    // page's explanation are kept, the page's notice dates are read again.
    const movedId = (ranking!.ranked as RankedRow[])[0]!.id;
    let declined = false;
    const movePipeline = async () => {
      declined = !declined;
      await moveCandidate(db, searchId, movedId, { stage: declined ? 'declined' : 'contacted' }, new Date());
    };
    // An import that changes one of the page's people (their open-to-work flag, in turn) names them in
    // the talent mark's log: the API reads the log, scores that person again, puts them in place in the
    // kept ranking, explains that person again (the others' explanations are kept) and reads the page's
    // notice dates. The driver runs the five statements the answer is built from, the page's explanation whole.
    const changedId = (ranking!.ranked as RankedRow[])[Math.min(49, (ranking!.ranked as RankedRow[]).length - 1)]!.id;
    const changed = await candidateProfile(db, changedId, new Date());
    if (!changed.email && !changed.profileUrl) throw new Error(`candidate ${changedId} has no email or profile URL to import by`);
    let openToWork = changed.openToWork;
    const logRange = { after: neo4j.int(0), until: neo4j.int(0), limit: neo4j.int(RESCORED_CANDIDATES) };
    const importChange = async () => {
      openToWork = !openToWork;
      const csv =
        'name,email,profile_url,open_to_work,source,lawful_basis\n' +
        `"${changed.name ?? ''}",${changed.email ?? ''},${changed.profileUrl ?? ''},${openToWork},bench,legitimate interest\n`;
      const summary = await importCandidates(db, (async function* () { yield Buffer.from(csv); })(), { format: 'csv', radiusKm: 100, today: isoDay(new Date()) });
      if (summary.rows.updated !== 1) throw new Error(`the import changing ${changedId} did not update it: ${JSON.stringify(summary.rows)}`);
      const { talentSeq } = await readDataVersions(db);
      logRange.after = neo4j.int(talentSeq! - 1);
      logRange.until = neo4j.int(talentSeq!);
    };
    const rescoreParams = { ...poolParams, ...rankWindowParams({ cursor: null, size: 1, only: [changedId] }) };

    const [center] = await db.read(NODE_FIND_QUERY, { id: HUB });
    const firstCap = firstHopCap(2, NEIGHBOURHOOD_LIMIT);
    const hop1Params = neighbourParams([center!.elementId as string], firstHopCaps(firstCap));
    const hop1 = await db.read(NEIGHBOURS_QUERY, hop1Params);
    const hop1Ids = selectFirstHop(hop1 as never, center!.elementId as string, firstCap).neighbours.map((n) => n.row.elementId);
    const perNode = perNodeCap(NEIGHBOURHOOD_LIMIT, hop1Ids.length);
    const hop2Params = neighbourParams(hop1Ids, secondHopCaps(perNode, center!.elementId as string));

    const neighbourhoodStatements: [string, Record<string, unknown>][] = [
      [DATA_VERSION_PROBE_QUERY, DATA_VERSION_PROBE_PARAMS],
      [NODE_FIND_QUERY, { id: HUB }],
      [NEIGHBOURS_QUERY, hop1Params],
      [NEIGHBOURS_QUERY, hop2Params],
    ];
    const scenarios: { name: string; url: string; statements: [string, Record<string, unknown>][]; note: string; before?: () => Promise<void> }[] = [
      { name: 'hub map', url: '/api/hubs', statements: [[HUB_MAP_QUERY, hubMapParams]], note: 'API answers from the data-version cache after the first call' },
      {
        name: `pool top ${POOL_LIMIT}, after a write to the talent graph`,
        url: `/api/hubs/${HUB}/pool?limit=${POOL_LIMIT}&anySkills=${poolSkills.join(',')}`,
        statements: poolStatements,
        before: changeGraph,
        note: `${HUB}, anySkills=${poolSkills.join(',')}; before each call, a write to the talent graph that does not say which candidates it changed (as a hub's or a sector's change does), so the API ranks the pool afresh (its first ${CACHED_RANK_ROWS} rows) and explains the page`,
      },
      {
        name: `pool top ${POOL_LIMIT}, after an import changed one of its people`,
        url: `/api/hubs/${HUB}/pool?limit=${POOL_LIMIT}&anySkills=${poolSkills.join(',')}`,
        statements: [[DATA_VERSION_PROBE_QUERY, DATA_VERSION_PROBE_PARAMS], [TALENT_CHANGES_QUERY, logRange], [POOL_RANK_QUERY, rescoreParams], ...pageStatements],
        before: importChange,
        note: `before each call, a one-row import turned the open-to-work flag of ${changedId} (ranked ${Math.min(50, (ranking!.ranked as RankedRow[]).length)}) on or off: the API reads the change marks and their log, scores that person again, puts them in place in the kept ranking, explains that person again (keeping the others' explanations) and reads the page's notice dates; the driver runs the five statements the answer is built from (change marks, log, that person's score, the page's explanation, its notice dates)`,
      },
      {
        name: `pool top ${POOL_LIMIT}, after a pipeline move`,
        url: `/api/hubs/${HUB}/pool?limit=${POOL_LIMIT}&anySkills=${poolSkills.join(',')}`,
        statements: [[DATA_VERSION_PROBE_QUERY, DATA_VERSION_PROBE_PARAMS], ...pageStatements],
        before: movePipeline,
        note: 'a candidate was moved in a mandate\'s pipeline (contacted, declined, in turn) before each call: the API reads the change marks and the page\'s notice dates (which the move may set), and answers from the kept ranking and the kept explanation (a move changes neither); the driver runs the change-mark read, the explanation and the notice dates, as for the unchanged graph',
      },
      {
        name: `pool top ${POOL_LIMIT}, unchanged graph`,
        url: `/api/hubs/${HUB}/pool?limit=${POOL_LIMIT}&anySkills=${poolSkills.join(',')}`,
        statements: [[DATA_VERSION_PROBE_QUERY, DATA_VERSION_PROBE_PARAMS], ...pageStatements],
        note: 'the same request again: the API reads the change mark and answers from the kept ranking and the kept explanation and notice dates of the page; the driver runs the change-mark read, the explanation and the notice dates',
      },
      {
        name: 'neighbourhood, after a write to the talent graph',
        url: `/api/graph/neighbourhood?id=${HUB}&depth=2&limit=${NEIGHBOURHOOD_LIMIT}`,
        statements: neighbourhoodStatements,
        before: changeGraph,
        note: `hub ${HUB}, depth 2, limit ${NEIGHBOURHOOD_LIMIT}; the talent graph changed before each call, so the API reads the change marks and the neighbourhood afresh; the driver runs the same four statements`,
      },
      {
        name: 'neighbourhood, unchanged graph',
        url: `/api/graph/neighbourhood?id=${HUB}&depth=2&limit=${NEIGHBOURHOOD_LIMIT}`,
        statements: neighbourhoodStatements,
        note: 'the same request again: the API reads the change mark and answers from the kept neighbourhood; the driver reads it afresh (the same four statements)',
      },
      {
        name: 'market map',
        url: `/api/searches/${searchId}/market-map`,
        statements: [
          [SEARCH_SUMMARIES_QUERY, { id: searchId }],
          [MARKET_MAP_CELLS_QUERY, { id: searchId, candidatesPerEmployer: neo4j.int(MARKET_MAP_CANDIDATES_PER_EMPLOYER) }],
          [MARKET_MAP_UNPLACED_QUERY, { id: searchId }],
        ],
        note: 'a mandate over the 40 largest employers around the hub',
      },
    ];

    const rows: string[] = [];
    const plans: string[] = [];
    for (const scenario of scenarios) {
      log(`Timing ${scenario.name}…`);
      const call = http(scenario.url);
      const answer = await call();
      carried = JSON.parse(answer);
      const bareStatements = () => raw(scenario.statements);
      const [api, bare, viaBareHttp] = await measureTurns(
        [call, bareStatements, async () => {
          await bareStatements();
          await carry();
        }],
        scenario.before,
      );
      rows.push(
        `| ${scenario.name} | ${api!.p50.toFixed(1)} | ${api!.p95.toFixed(1)} | ${bare!.p50.toFixed(1)} | ${bare!.p95.toFixed(1)} | ` +
          `${(api!.p95 / bare!.p95).toFixed(2)} | ${viaBareHttp!.p50.toFixed(1)} | ${viaBareHttp!.p95.toFixed(1)} | ${(viaBareHttp!.p95 / bare!.p95).toFixed(2)} | ` +
          `${(Buffer.byteLength(answer) / 1024).toFixed(0)} kB | ${scenario.note} |`,
      );
      for (const [query, params] of scenario.statements) {
        const name = queryTitle(query)?.slice(0, 60) ?? 'statement';
        const p = await profile(db, query, params);
        plans.push(
          `| ${scenario.name} | ${name}… | ${p.bad.length === 0 ? 'none' : p.bad.join(', ')} | ${p.dbHits} | ${p.operators.join(', ')} |`,
        );
      }
    }

    // What a fresh pool answer cannot do without, timed by the bare driver after the same write: the count of
    // the filtered pool (the `total` any answer carries) and the read of every input of its score. A ranking
    // afresh takes no less; set against the pool target, they say whether one can meet it.
    const floorParams = { hubId: HUB, anySkills: poolSkills };
    const floors: string[] = [];
    for (const [name, what] of [
      ['bench-pool-floor-count', 'counting the candidates of the pool the filter keeps (the answer\'s total)'],
      ['bench-pool-floor-inputs', 'reading every input of their scores, scoring and sorting none'],
    ] as const) {
      log(`Timing the pool floor ${name}…`);
      const [counted] = await db.read(q[name], floorParams);
      if (counted?.total !== ranking!.total) throw new Error(`${name} counts ${String(counted?.total)} candidates, the ranking ${String(ranking!.total)}`);
      const [floor] = await measureTurns([() => raw([[q[name], floorParams]])], changeGraph);
      floors.push(`  - ${what}: p50 ${floor!.p50.toFixed(1)} ms, p95 ${floor!.p95.toFixed(1)} ms (${name}.cypher)`);
    }
    const floorLines = [
      `- floors of a fresh pool answer (the pool top ${POOL_LIMIT} row's ${String(ranking!.total)} candidates), bare driver after the same write:`,
      ...floors,
    ];

    const report = [
      '',
      `## API (${new Date().toISOString().slice(0, 10)}): hub map, pool, neighbourhood, market map at ${counts.candidates} candidates`,
      '',
      '`npm run bench:api` (server/bench/api.bench.ts). Each row: ' +
        `${WARMUP} warm-up rounds, then ${RUNS} rounds, each one call through HTTP on loopback (Express app, JSON, zod-checked responses), ` +
        'one through the bare driver running the same statements with the same parameters, and one of the floor of any HTTP API: ' +
        'the same bare statements, then bare Express (no middleware) sending the answer the API gave, serialised afresh, to the same client ' +
        '(in turns, so all see the same load; the side that goes first rotates, and a row measured after a write makes that write before each call of every side). Milliseconds.',
      '',
      ...machine(version.version),
      `- world: ${counts.candidates} candidates, ${counts.employers} employers, ${counts.hubs} hubs (${world})`,
      '',
      '| query | API p50 | API p95 | driver p50 | driver p95 | API/driver p95 | driver + bare HTTP p50 | driver + bare HTTP p95 | that/driver p95 | response | notes |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      ...floorLines,
      '',
      'PROFILE of each statement (operators that do not scale: AllNodesScan, CartesianProduct, Eager):',
      '',
      '| query | statement | unscalable operators | db hits | operators |',
      '|---|---|---|---|---|',
      ...plans,
      '',
    ].join('\n');
    process.stdout.write(`${report}\n`);
    const file = path.join(PROJECT_ROOT, 'BENCHMARKS.md');
    if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n\nFigures appended by the `npm run bench:*` scripts, newest last.\n');
    appendFileSync(file, report);
    log(`Appended to ${path.relative(process.cwd(), file) || file}.`);
  } finally {
    for (const open of [server, bareHttpServer]) await new Promise<void>((resolve) => (open ? open.close(() => resolve()) : resolve()));
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
