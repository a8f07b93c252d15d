import { createReadStream, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT, loadEnv, resolvePaths } from '../config.ts';
import { defineQueries, loadCypher } from '../db/cypher.ts';
import { startInstance, stopInstance } from '../db/managed.ts';
import { type Database, createDatabase } from '../db/neo4j.ts';
import { applySchema } from '../db/schema.ts';
import { findVersion } from '../repositories/health.repository.ts';
import { type WriteCounts, addWrites, createCandidates, mergeEmployers, mergeSkills, noWrites } from '../repositories/import.repository.ts';
import { DEFAULT_BATCH_SIZE, importCandidates, preparedCreateBatches } from '../services/import.service.ts';
import { writeCandidateCsv } from './import-file.ts';
import { describeMachine, recordBenchmark } from './machine.ts';

/**
 * `npm run bench:import`: imports a generated 100k-candidate CSV through the
 * app's importer, then writes the same batches (as the importer prepared them)
 * with the bare UNWIND statements through the driver, into the same emptied
 * database, and compares the rates. The importer's extra work is everything
 * else: streaming, parsing, validation, the gazetteer, employer and candidate
 * look-ups, row hashes. Appends the figures to BENCHMARKS.md.
 *
 * Options: --rows N (default 100000), --instance NAME (default "bench-import"; a
 * running instance is reused and left running), --batch-size N.
 */

const q = defineQueries('graph-clear', 'bench-import-setup');

const IMPORT_STATEMENTS = [
  'import-employers-merge',
  'import-skills-merge',
  'import-candidates-find',
  'import-candidates-create',
  'import-candidates-update',
  'import-based-in-clear',
  'import-based-in-merge',
  'import-works-at-clear',
  'import-works-at-merge',
  'import-worked-at-merge',
  'import-has-skill-merge',
];

const log = (line: string) => process.stderr.write(`${line}\n`);

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

interface Run {
  seconds: number;
  writes: WriteCounts;
}

const rate = (n: number, s: number) => Math.round(n / s);

async function resetGraph(db: Database): Promise<void> {
  await db.autoCommit(q['graph-clear']);
  await db.write(q['bench-import-setup']);
}

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function walk(plan: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(plan);
  for (const child of plan.children) walk(child, out);
  return out;
}

/** Eager operators, and each node MERGE's lookup (a unique-index seek when a constraint backs it). */
async function planCheck(db: Database): Promise<string[]> {
  const rows: string[] = [];
  const session = db.driver.session({ database: db.database });
  try {
    for (const name of IMPORT_STATEMENTS) {
      const result = await session.run(`EXPLAIN ${loadCypher(name)}`);
      const ops = walk(result.summary.plan as unknown as PlanNode);
      const eager = ops.filter((o) => o.operatorType.split('@')[0] === 'Eager').length;
      const merges = ops.filter((o) => /^(Locking)?Merge/.test(o.operatorType));
      const nodeMerges = merges.filter((m) => walk(m).some((o) => /NodeUniqueIndexSeek|NodeByLabelScan|AllNodesScan|NodeIndexSeek/.test(o.operatorType)));
      const backed = nodeMerges.filter((m) => walk(m).some((o) => o.operatorType.startsWith('NodeUniqueIndexSeek'))).length;
      const scans = ops.filter((o) => /AllNodesScan|NodeByLabelScan|AllRelationshipsScan/.test(o.operatorType)).length;
      rows.push(`| ${name} | ${eager} | ${nodeMerges.length === 0 ? '–' : `${backed}/${nodeMerges.length}`} | ${scans} |`);
    }
  } finally {
    await session.close();
  }
  return rows;
}

async function main(): Promise<void> {
  const rows = Number(option('rows', '100000'));
  const instance = option('instance', 'bench-import');
  const batchSize = Number(option('batch-size', String(DEFAULT_BATCH_SIZE)));
  const env = loadEnv();
  const paths = resolvePaths(env);
  const { state, reused } = await startInstance(env, paths, instance, log);
  const db = createDatabase({ uri: state.uri, password: state.password, username: 'neo4j', database: 'neo4j', source: `managed:${instance}` });
  const dir = path.join(PROJECT_ROOT, '.atlas', 'bench-files');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `candidates-${rows}.csv`);
  const warmFile = path.join(dir, 'candidates-warmup.csv');
  try {
    await applySchema(db);
    const version = (await findVersion(db)).version;
    log(`Writing ${rows} candidates to ${path.relative(PROJECT_ROOT, file)}…`);
    await writeCandidateCsv(file, rows, { seed: 7 });
    await writeCandidateCsv(warmFile, 5000, { seed: 8 });
    const options = { format: 'csv' as const, radiusKm: env.ATLAS_HUB_RADIUS_KM, batchSize, today: '2025-01-15' };

    log('Warming up (5k rows through the importer and the bare statements)…');
    await resetGraph(db);
    await importCandidates(db, createReadStream(warmFile), options);
    await resetGraph(db);
    const warmBatches = [];
    for await (const batch of preparedCreateBatches(db, createReadStream(warmFile), options)) warmBatches.push(batch);
    for (const batch of warmBatches) await writeBare(db, batch);

    const loadBefore = os.loadavg()[0]!;
    log('Importer…');
    await resetGraph(db);
    global.gc?.();
    const rss: { at: number; mb: number }[] = [];
    const size = statSync(file).size;
    const started = performance.now();
    const summary = await importCandidates(db, createReadStream(file), {
      ...options,
      onProgress: ({ bytes }) => rss.push({ at: bytes / size, mb: process.memoryUsage().rss / 2 ** 20 }),
    });
    const importer: Run = { seconds: (performance.now() - started) / 1000, writes: summary.writes };
    log(`  ${summary.rows.created} created in ${importer.seconds.toFixed(1)} s`);

    log('Second import of the same file (nothing may change)…');
    const again = await importCandidates(db, createReadStream(file), options);

    log('Preparing the same batches for the bare statements (against the emptied database, as the importer saw it)…');
    await resetGraph(db);
    const batches = [];
    for await (const batch of preparedCreateBatches(db, createReadStream(file), options)) batches.push(batch);
    log('Bare UNWIND statements…');
    const bareStart = performance.now();
    const bareWrites = noWrites();
    for (const batch of batches) addWrites(bareWrites, await writeBare(db, batch));
    const bare: Run = { seconds: (performance.now() - bareStart) / 1000, writes: bareWrites };

    const loadAfter = os.loadavg()[0]!;
    const plans = await planCheck(db);
    const nodeRate = (r: Run) => rate(r.writes.nodesCreated, r.seconds);
    const relRate = (r: Run) => rate(r.writes.relationshipsCreated, r.seconds);
    const ratio = bare.seconds / importer.seconds;
    const quartiles = [0.25, 0.5, 0.75, 1].map((f) => rss.find((s) => s.at >= f - 1e-9) ?? rss[rss.length - 1]!);
    const body = [
      `\`npm run bench:import\` (server/bench/import.bench.ts): ${rows} generated candidates (${(size / 2 ** 20).toFixed(1)} MiB CSV, seed 7), batches of ${batchSize}, into an emptied database with 11 hubs and 10 skills. ` +
        'The baseline writes the batches the importer prepared with the same UNWIND statements (employers, skills, candidates with their relationships), straight through the driver: the difference is the importer\'s streaming, parsing, validation, gazetteer, look-ups and hashing.',
      '',
      '| run | seconds | nodes created | relationships created | nodes/s | relationships/s |',
      '|---|---|---|---|---|---|',
      `| importer | ${importer.seconds.toFixed(1)} | ${importer.writes.nodesCreated} | ${importer.writes.relationshipsCreated} | ${nodeRate(importer)} | ${relRate(importer)} |`,
      `| bare UNWIND | ${bare.seconds.toFixed(1)} | ${bare.writes.nodesCreated} | ${bare.writes.relationshipsCreated} | ${nodeRate(bare)} | ${relRate(bare)} |`,
      '',
      `Load average (1 min) before the importer run ${loadBefore.toFixed(1)}, after the bare run ${loadAfter.toFixed(1)}, on ${os.availableParallelism()} cores.`,
      `Importer rate / bare rate: **${(ratio * 100).toFixed(0)} %** (target ≥ 85 %). ` +
        `Rows: ${summary.rows.read} read, ${summary.rows.created} created, ${summary.rows.rejected} rejected, ${summary.placedInHub} placed in a hub, ${summary.unresolvedLocationCount} locations not found.`,
      `Second import of the same file: ${again.rows.unchanged} unchanged, ${again.rows.created} created, ${again.rows.updated} updated, ${again.writes.nodesCreated + again.writes.relationshipsCreated + again.writes.propertiesSet} writes, ${again.elapsedMs / 1000} s.`,
      `Importer RSS (MiB) at 25/50/75/100 % of the file: ${quartiles.map((s) => s.mb.toFixed(0)).join(' / ')}; peak ${Math.max(...rss.map((s) => s.mb)).toFixed(0)}.`,
      '',
      'Plans of the import statements (EXPLAIN): Eager operators, node MERGEs backed by a uniqueness constraint (unique-index seek), label or all-node scans.',
      '',
      '| statement | Eager | constraint-backed MERGE | scans |',
      '|---|---|---|---|',
      ...plans,
    ].join('\n');
    process.stdout.write(`${body}\n`);
    recordBenchmark(`Import: ${rows} candidates`, describeMachine(version), body);
    log('Appended to BENCHMARKS.md.');
  } finally {
    await db.close();
    if (!reused) await stopInstance(paths, instance, log);
  }
}

async function writeBare(db: Database, batch: Parameters<typeof createCandidates>[1] extends infer R ? { rows: R; employers: Parameters<typeof mergeEmployers>[1]; skills: Parameters<typeof mergeSkills>[1] } : never): Promise<WriteCounts> {
  return db.writeTx(async (tx) => {
    const writes = noWrites();
    addWrites(writes, await mergeEmployers(tx, batch.employers));
    addWrites(writes, await mergeSkills(tx, batch.skills));
    addWrites(writes, await createCandidates(tx, batch.rows));
    return writes;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:import: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
