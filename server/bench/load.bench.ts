import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT, loadEnv, resolvePaths } from '../config.ts';
import { startInstance } from '../db/managed.ts';
import { type Database, createDatabase } from '../db/neo4j.ts';
import { applySchema } from '../db/schema.ts';
import { countHeadline, findVersion } from '../repositories/health.repository.ts';
import { seedDemoWorld } from '../services/seed.service.ts';
import { addUser, createUserToken } from '../services/users.service.ts';
import { describeMachine, recordBenchmark } from './machine.ts';

/**
 * `npm run bench:load`: the running server under autocannon on loopback, in
 * one run: a bare Express route (the baseline), a trivial authenticated route
 * (GET /api/me) beside it, an indexed lookup (a candidate's profile by id) at
 * 32 connections, flat out (its capacity) and at a steady LOOKUP_RATE (its
 * latency at that load), 200 connections for 60 s over a mix of hub map, pool,
 * profile and neighbourhood requests, each with a token, and the floors: the
 * bare route behind the security headers, the request log and both. The server runs in a
 * child process with the rate limits off (as ATLAS_RATE_LIMIT=0 would; a
 * real deployment keeps them). The phases follow a warm-up that lasts until
 * Neo4j answers at a steady cost (warmUp). Each phase gives the server's and
 * Neo4j's CPU per request. Appends the figures to BENCHMARKS.md.
 *
 * Options (after `--`): --candidates N (default 20000), --mixed-seconds S (60), --short (5 s phases and one warm-up round at least, for a smoke run).
 */

const INSTANCE = 'bench-load';
const SEED = 42;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Options {
  candidates: number;
  mixedSeconds: number;
  phaseSeconds: number;
  /** The warm-up's least rounds (WARM_UP_MIN_ROUNDS; one for a smoke run). */
  warmUpRounds: number;
}

function options(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  const short = argv.includes('--short');
  return {
    candidates: value('--candidates') ?? 20_000,
    mixedSeconds: value('--mixed-seconds') ?? (short ? 5 : 60),
    phaseSeconds: short ? 5 : 15,
    warmUpRounds: short ? 1 : WARM_UP_MIN_ROUNDS,
  };
}

async function ensureWorld(db: Database, candidates: number): Promise<string> {
  const counts = await countHeadline(db);
  if (counts.candidates === candidates) return `reused (${counts.candidates} candidates)`;
  log(`Seeding ${candidates} candidates (seed ${SEED}) into instance "${INSTANCE}"…`);
  const summary = await seedDemoWorld(db, { candidates, seed: SEED, replace: true });
  return `seeded in ${summary.seconds} s`;
}

async function token(db: Database, role: 'viewer' | 'sourcer'): Promise<string> {
  const user = await addUser(db, { name: `bench-${role}-${Date.now().toString(36)}`, role, now: new Date() });
  return (await createUserToken(db, { user: user.id, label: 'bench:load', now: new Date() })).token;
}

interface Server {
  child: ChildProcess;
  /** The app, as `atlas serve` builds it. */
  base: string;
  /** The bare Express app beside it: the baseline route and the floors. */
  baselineBase: string;
  /** The file the server's request log goes to, as a deployment's log would go to a file or journald. */
  logFile: string;
  /** The managed Neo4j's process, whose CPU each phase also reads. */
  neo4jPid: number;
}

async function startServer(connection: { uri: string; password: string; pid: number }): Promise<Server> {
  const target = path.join(PROJECT_ROOT, 'server', 'bench', 'load-target.ts');
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-load-'));
  const logFile = path.join(logDir, 'server.log');
  const out = openSync(logFile, 'w');
  // The request log (LOG_LEVEL, info by default) is written to a file, so its cost is the
  // server's alone: piped to this process, reading it would take autocannon's CPU. The port
  // comes back over IPC.
  const child = spawn(process.execPath, ['--import', 'tsx', target, '--uri', connection.uri, '--password', connection.password, '--rate-limits', 'off'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  closeSync(out);
  const ports = await new Promise<{ baseline: number; app: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening; its log: ${logFile}`)));
    child.on('message', (message: { listening?: { baseline: number; app: number } }) => {
      if (message.listening) resolve(message.listening);
    });
  });
  return { child, base: `http://127.0.0.1:${ports.app}`, baselineBase: `http://127.0.0.1:${ports.baseline}`, logFile, neo4jPid: connection.pid };
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Lines in the server's log: one per request answered, so the log is shown to have been written. */
function logLines(file: string): number {
  const text = readFileSync(file, 'utf8');
  return text.length === 0 ? 0 : text.split('\n').filter((line) => line.length > 0).length;
}

/**
 * The indexed lookup's steady load: the target's 800 req/s and 1 % more, so a
 * run a request or two short of its pace still shows the target's rate.
 */
const LOOKUP_RATE = 810;
const WARM_UP_SECONDS = 5;
const WARM_UP_MIN_ROUNDS = 12;
const WARM_UP_MAX_ROUNDS = 36;
const WARM_UP_SETTLED = 3;
const WARM_UP_GAIN = 0.05;

interface Phase {
  name: string;
  /** Which of the server's apps it drives: the app (default) or the bare baseline beside it. */
  on?: 'app' | 'baseline';
  connections: number;
  seconds: number;
  requests: { path: string }[];
  token?: string;
  /** Requests per second over all connections; flat out without it. */
  rate?: number;
}

interface Figures {
  name: string;
  connections: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status5xx: number;
  /** The server process's CPU time (user and system, all its threads) per request answered, in µs; undefined where /proc is not there. */
  cpuPerRequestUs?: number;
  /** Neo4j's CPU time per request answered, likewise. */
  neo4jCpuPerRequestUs?: number;
}

/**
 * CPU seconds a process has used, from /proc (Linux): undefined elsewhere.
 * Unlike req/s, it does not depend on how much of the 2 cores autocannon and
 * Neo4j take meanwhile: it is the server's own cost of a request.
 */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the command's name).
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux that Node runs on. */
const CLOCK_TICKS = 100;

async function run(server: Server, phase: Phase): Promise<Figures> {
  log(`${phase.name}: ${phase.connections} connections for ${phase.seconds} s…`);
  const pid = server.child.pid!;
  const cpuBefore = processCpuSeconds(pid);
  const neo4jBefore = processCpuSeconds(server.neo4jPid);
  const result = await autocannon({
    url: phase.on === 'baseline' ? server.baselineBase : server.base,
    connections: phase.connections,
    duration: phase.seconds,
    headers: phase.token ? { authorization: `Bearer ${phase.token}` } : {},
    requests: phase.requests.map((r) => ({ method: 'GET' as const, path: r.path })),
    ...(phase.rate !== undefined && { overallRate: phase.rate }),
  });
  return {
    name: phase.name,
    connections: phase.connections,
    seconds: phase.seconds,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    cpuPerRequestUs: perRequest(cpuBefore, processCpuSeconds(pid), result.requests.total),
    neo4jCpuPerRequestUs: perRequest(neo4jBefore, processCpuSeconds(server.neo4jPid), result.requests.total),
  };
}

function perRequest(before: number | undefined, after: number | undefined, requests: number): number | undefined {
  return before === undefined || after === undefined || requests === 0 ? undefined : ((after - before) * 1e6) / requests;
}

/**
 * Runs `phase` in rounds of WARM_UP_SECONDS, at least `minRounds` and
 * then until the last WARM_UP_SETTLED rounds have not lowered Neo4j's CPU per
 * request by more than WARM_UP_GAIN below the best of the rounds before them
 * (at most WARM_UP_MAX_ROUNDS). A Neo4j just started compiles its hot paths
 * only after thousands of queries: measured here, its first seconds of profile
 * lookups cost it 2.3 ms of CPU each, against 0.65 ms once warm, and the cost
 * falls over about a minute, too slowly for two rounds in a row to tell. The
 * phases then measure the steady state, as of a server that has been up for days.
 */
async function warmUp(server: Server, phase: Omit<Phase, 'name' | 'seconds'>, minRounds: number): Promise<Figures[]> {
  const best = (rounds: Figures[]) => Math.min(...rounds.map((f) => f.neo4jCpuPerRequestUs ?? Infinity));
  const rounds: Figures[] = [];
  for (let i = 1; i <= WARM_UP_MAX_ROUNDS; i++) {
    rounds.push(await run(server, { ...phase, name: `warm-up, round ${i}`, seconds: WARM_UP_SECONDS }));
    if (i < minRounds) continue;
    // Without /proc both bests are Infinity: the minimum rounds are the warm-up.
    if (best(rounds.slice(-WARM_UP_SETTLED)) >= best(rounds.slice(0, -WARM_UP_SETTLED)) * (1 - WARM_UP_GAIN)) break;
  }
  return rounds;
}

/** Requests the bench made outside autocannon (to find hubs and candidates): they are logged too. */
let setupRequests = 0;

async function json<T>(base: string, pathAndQuery: string, token: string): Promise<T> {
  setupRequests += 1;
  const res = await fetch(`${base}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Spreads `n` picks over `items` in a fixed order, so every run asks for the same things. */
function spread<T>(items: T[], n: number): T[] {
  return Array.from({ length: n }, (_, i) => items[(i * 7919) % items.length]!);
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const env = loadEnv();
  const paths = resolvePaths(env);
  const { state } = await startInstance(env, paths, INSTANCE, log);
  const db = createDatabase({ uri: state.uri, password: state.password, username: 'neo4j', database: 'neo4j', source: `managed:${INSTANCE}` });
  let server: Server | undefined;
  try {
    await applySchema(db);
    const world = await ensureWorld(db, opts.candidates);
    const version = await findVersion(db);
    const viewer = await token(db, 'viewer');
    const sourcer = await token(db, 'sourcer');
    server = await startServer(state);
    const { base } = server;

    const hubs = (await json<{ hubs: { id: string }[] }>(base, '/api/hubs', viewer)).hubs.map((h) => h.id);
    const candidates: string[] = [];
    for (const hub of hubs) {
      const pool = await json<{ items: { id: string }[] }>(base, `/api/hubs/${hub}/pool?limit=100`, viewer);
      candidates.push(...pool.items.map((c) => c.id));
    }
    log(`${hubs.length} hubs, ${candidates.length} candidate ids to ask for.`);
    const profiles = spread(candidates, 200).map((id) => ({ path: `/api/candidates/${id}` }));
    const mixed = spread(candidates, 100).flatMap((id, i) => {
      const hub = hubs[i % hubs.length]!;
      return [
        { path: '/api/hubs' },
        { path: `/api/hubs/${hub}/pool?limit=50` },
        { path: `/api/candidates/${id}` },
        { path: `/api/graph/neighbourhood?id=${id}&kind=candidate&depth=1&limit=100` },
      ];
    });

    // Warm the JITs (Node's and Neo4j's), the page cache and the token cache before measuring, with the
    // mixed requests and the lookups: each statement the phases run, the lookup's most.
    const warming = await warmUp(server, { connections: 32, requests: [...mixed, ...profiles], token: sourcer }, opts.warmUpRounds);
    const phases: Figures[] = [];
    phases.push(await run(server, { on: 'baseline', name: 'bare Express route (GET /bare)', connections: 32, seconds: opts.phaseSeconds, requests: [{ path: '/bare' }] }));
    phases.push(await run(server, { name: 'trivial authenticated route (GET /api/me)', connections: 32, seconds: opts.phaseSeconds, requests: [{ path: '/api/me' }], token: viewer }));
    const floors: Figures[] = [];
    for (const [what, path] of [
      ['security headers (helmet)', '/floor/headers'],
      ['request log', '/floor/log'],
      ['security headers and request log', '/floor/headers-log'],
    ] as const) {
      floors.push(await run(server, { on: 'baseline', name: `floor: the bare route behind the ${what} (GET ${path})`, connections: 32, seconds: opts.phaseSeconds, requests: [{ path }] }));
    }
    phases.push(await run(server, { name: 'indexed lookup (GET /api/candidates/{id})', connections: 32, seconds: opts.phaseSeconds, requests: profiles, token: sourcer }));
    // The same at a steady LOOKUP_RATE: the latency at that load, where flat out measures capacity (and a queue).
    const steady = await run(server, {
      name: `indexed lookup at a steady ${LOOKUP_RATE} req/s (GET /api/candidates/{id})`,
      connections: 32,
      seconds: opts.phaseSeconds,
      requests: profiles,
      token: sourcer,
      rate: LOOKUP_RATE,
    });
    phases.push(await run(server, { name: 'mixed: hub map, pool, profile, neighbourhood', connections: 200, seconds: opts.mixedSeconds, requests: mixed, token: sourcer }));

    // The log is complete once the server has exited (its buffered lines are written at exit).
    await stopServer(server);
    const lines = logLines(server.logFile);
    // Every request to the app is logged, and on the baseline's side those to the floors with the log.
    const logged = [...warming, ...phases.slice(1), steady, ...floors.slice(1)].reduce((sum, f) => sum + f.requests, setupRequests);
    const [bare, me, lookup, mix] = phases as [Figures, Figures, Figures, Figures];
    const ratio = me.rps / bare.rps;
    const row = (f: Figures) =>
      `| ${f.name} | ${f.connections} | ${f.seconds} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.requests} | ${f.errors + f.timeouts} | ${f.non2xx} | ${f.status5xx} | ${f.cpuPerRequestUs?.toFixed(0) ?? '–'} | ${f.neo4jCpuPerRequestUs?.toFixed(0) ?? '–'} |`;
    const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
    const body = [
      `Load average at start ${loadAtStart}, at end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share the machine).`,
      '',
      `World: ${opts.candidates} candidates (${world}); instance "${INSTANCE}" (heap ${env.ATLAS_NEO4J_HEAP}, page cache ${env.ATLAS_NEO4J_PAGECACHE}); server and Neo4j and autocannon on the same ${os.availableParallelism()} cores; rate limits off, request log at ${env.LOG_LEVEL}, written to a file: ${lines} lines for ${logged} requests to logged routes.`,
      '',
      `Warm-up: the mixed requests and the lookups at 32 connections, in rounds of ${WARM_UP_SECONDS} s, at least ${opts.warmUpRounds}, ` +
        `until ${WARM_UP_SETTLED} rounds have not lowered Neo4j's CPU a request by more than ${WARM_UP_GAIN * 100}% below the best before them: ` +
        `${warming.length} rounds, at ${warming.map((f) => f.rps.toFixed(0)).join(', ')} req/s (Neo4j CPU ${warming.map((f) => f.neo4jCpuPerRequestUs?.toFixed(0) ?? '–').join(', ')} µs a request).`,
      '',
      '| phase | connections | s | req/s | p50 ms | p99 ms | requests | errors + timeouts | non-2xx | 5xx | server CPU µs / request | Neo4j CPU µs / request |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...phases.map(row),
      row(steady),
      ...floors.map(row),
      '',
      `- authenticated / bare: ${(ratio * 100).toFixed(0)}% (target ≥ 80%: ${verdict(ratio >= 0.8)})` +
        (bare.cpuPerRequestUs !== undefined && me.cpuPerRequestUs !== undefined
          ? `; by the server's own CPU per request, which autocannon and Neo4j on the same cores do not move: ${bare.cpuPerRequestUs.toFixed(0)} µs bare, ${me.cpuPerRequestUs.toFixed(0)} µs authenticated (${((bare.cpuPerRequestUs / me.cpuPerRequestUs) * 100).toFixed(0)}%)`
          : ''),
      `- what the pieces every API route must have leave of the bare rate, before any access check: ${floors.map((f) => `${f.name.replace(/^floor: the bare route behind the | \(GET .*$/g, '')} ${((f.rps / bare.rps) * 100).toFixed(0)}%`).join(', ')}`,
      `- indexed lookup at 32 connections: flat out ${lookup.rps.toFixed(0)} req/s (p99 ${lookup.p99} ms); at a steady ${LOOKUP_RATE} req/s, ${steady.rps.toFixed(0)} req/s with p99 ${steady.p99} ms ` +
        `(target ≥ 800 req/s with p99 ≤ 50 ms: ${verdict([lookup, steady].some((f) => f.rps >= 800 && f.p99 <= 50 && f.errors + f.timeouts + f.non2xx === 0))}, by either run)`,
      `- mixed at 200 connections: ${mix.errors + mix.timeouts} errors, ${mix.status5xx} 5xx, ${mix.non2xx} non-2xx (target 0 errors, 0 5xx: ${verdict(mix.errors + mix.timeouts === 0 && mix.status5xx === 0)})`,
    ].join('\n');
    process.stdout.write(`${body}\n`);
    recordBenchmark('Load (npm run bench:load)', describeMachine(version.version), body);
  } finally {
    if (server) {
      await stopServer(server);
      rmSync(path.dirname(server.logFile), { recursive: true, force: true });
    }
    await db.close();
  }
}

await main();
