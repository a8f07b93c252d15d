import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
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
 * real deployment keeps them). Appends the figures to BENCHMARKS.md.
 *
 * Options (after `--`): --candidates N (default 20000), --mixed-seconds S (60), --short (5 s phases, for a smoke run).
 */

const INSTANCE = 'bench-load';
const SEED = 42;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Options {
  candidates: number;
  mixedSeconds: number;
  phaseSeconds: number;
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

async function startServer(connection: { uri: string; password: string }): Promise<{ child: ChildProcess; base: string }> {
  const target = path.join(PROJECT_ROOT, 'server', 'bench', 'load-target.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', target, '--uri', connection.uri, '--password', connection.password, '--rate-limits', 'off'], {
    cwd: PROJECT_ROOT,
    // The request log (LOG_LEVEL, info by default) is written, so its cost is measured, and dropped.
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
    lines.on('line', (line) => {
      const match = /^LISTENING (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
  lines.close();
  child.stdout!.resume();
  return { child, base: `http://127.0.0.1:${port}` };
}

/** The indexed lookup's steady load: above the 800 req/s of the target, so a run a little short of its rate still shows it. */
const LOOKUP_RATE = 850;

interface Phase {
  name: string;
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
}

async function run(base: string, phase: Phase): Promise<Figures> {
  log(`${phase.name}: ${phase.connections} connections for ${phase.seconds} s…`);
  const result = await autocannon({
    url: base,
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
  };
}

async function json<T>(base: string, pathAndQuery: string, token: string): Promise<T> {
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
  let server: { child: ChildProcess; base: string } | undefined;
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

    // Warm the JIT, the page cache and the token cache before measuring.
    await run(base, { name: 'warm-up', connections: 32, seconds: 5, requests: mixed, token: sourcer });
    const phases: Figures[] = [];
    phases.push(await run(base, { name: 'bare Express route (GET /bare)', connections: 32, seconds: opts.phaseSeconds, requests: [{ path: '/bare' }] }));
    phases.push(await run(base, { name: 'trivial authenticated route (GET /api/me)', connections: 32, seconds: opts.phaseSeconds, requests: [{ path: '/api/me' }], token: viewer }));
    const floors: Figures[] = [];
    for (const [what, path] of [
      ['security headers (helmet)', '/floor/headers'],
      ['request log', '/floor/log'],
      ['security headers and request log', '/floor/headers-log'],
    ] as const) {
      floors.push(await run(base, { name: `floor: the bare route behind the ${what} (GET ${path})`, connections: 32, seconds: opts.phaseSeconds, requests: [{ path }] }));
    }
    phases.push(await run(base, { name: 'indexed lookup (GET /api/candidates/{id})', connections: 32, seconds: opts.phaseSeconds, requests: profiles, token: sourcer }));
    // The same at a steady LOOKUP_RATE: the latency at that load, where flat out measures capacity (and a queue).
    const steady = await run(base, {
      name: `indexed lookup at a steady ${LOOKUP_RATE} req/s (GET /api/candidates/{id})`,
      connections: 32,
      seconds: opts.phaseSeconds,
      requests: profiles,
      token: sourcer,
      rate: LOOKUP_RATE,
    });
    phases.push(await run(base, { name: 'mixed: hub map, pool, profile, neighbourhood', connections: 200, seconds: opts.mixedSeconds, requests: mixed, token: sourcer }));

    const [bare, me, lookup, mix] = phases as [Figures, Figures, Figures, Figures];
    const ratio = me.rps / bare.rps;
    const row = (f: Figures) =>
      `| ${f.name} | ${f.connections} | ${f.seconds} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.requests} | ${f.errors + f.timeouts} | ${f.non2xx} | ${f.status5xx} |`;
    const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
    const body = [
      `Load average at start ${loadAtStart}, at end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share the machine).`,
      '',
      `World: ${opts.candidates} candidates (${world}); instance "${INSTANCE}" (heap ${env.ATLAS_NEO4J_HEAP}, page cache ${env.ATLAS_NEO4J_PAGECACHE}); server and Neo4j and autocannon on the same ${os.availableParallelism()} cores; rate limits off, request log at ${env.LOG_LEVEL} (written, not kept).`,
      '',
      '| phase | connections | s | req/s | p50 ms | p99 ms | requests | errors + timeouts | non-2xx | 5xx |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...phases.map(row),
      row(steady),
      ...floors.map(row),
      '',
      `- authenticated / bare: ${(ratio * 100).toFixed(0)}% (target ≥ 80%: ${verdict(ratio >= 0.8)})`,
      `- what the pieces every API route must have leave of the bare rate, before any access check: ${floors.map((f) => `${f.name.replace(/^floor: the bare route behind the | \(GET .*$/g, '')} ${((f.rps / bare.rps) * 100).toFixed(0)}%`).join(', ')}`,
      `- indexed lookup at 32 connections: flat out ${lookup.rps.toFixed(0)} req/s (p99 ${lookup.p99} ms); at a steady ${LOOKUP_RATE} req/s, ${steady.rps.toFixed(0)} req/s with p99 ${steady.p99} ms ` +
        `(target ≥ 800 req/s with p99 ≤ 50 ms: ${verdict([lookup, steady].some((f) => f.rps >= 800 && f.p99 <= 50 && f.errors + f.timeouts + f.non2xx === 0))}, by either run)`,
      `- mixed at 200 connections: ${mix.errors + mix.timeouts} errors, ${mix.status5xx} 5xx, ${mix.non2xx} non-2xx (target 0 errors, 0 5xx: ${verdict(mix.errors + mix.timeouts === 0 && mix.status5xx === 0)})`,
    ].join('\n');
    process.stdout.write(`${body}\n`);
    recordBenchmark('Load (npm run bench:load)', describeMachine(version.version), body);
  } finally {
    server?.child.kill('SIGTERM');
    await db.close();
  }
}

await main();
