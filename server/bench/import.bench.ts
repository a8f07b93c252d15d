import { createReadStream, mkdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT, loadEnv, resolvePaths } from '../config.ts';
import { defineQueries, loadCypher } from '../db/cypher.ts';
import { startInstance, stopInstance } from '../db/managed.ts';
import { type Database, createDatabase } from '../db/neo4j.ts';
import { applySchema } from '../db/schema.ts';
import { findVersion } from '../repositories/health.repository.ts';
import { BATCH_STATEMENTS, type WriteCounts, addWrites, createCandidates, deriveSegments, mergeEmployers, mergeSkills, noWrites } from '../repositories/import.repository.ts';
import { DEFAULT_BATCH_SIZE, importCandidates, preparedCreateBatches } from '../services/import.service.ts';
import { writeCandidateCsv } from './import-file.ts';
import { describeMachine, recordBenchmark } from './machine.ts';

/**
 * `npm run bench:import`: imports a generated 100k-candidate CSV through the
 * app's importer, and writes the same batches (as the importer prepared them)
 * with the same statements straight through the driver (the bare baseline:
 * employers, skills, candidates, segments, one transaction per batch), each
 * into the same emptied database (after an untimed import of the whole file, so
 * that no timed run is the first at full size), twice each in the order importer,
 * bare, bare, importer, and compares the rates over both runs of each. The importer's extra work
 * is everything else: streaming, parsing, validation, the gazetteer, employer
 * and candidate look-ups, row hashes. Wall time and the CPU time of this
 * process and of Neo4j are recorded, the latter being what other work on a
 * shared machine hardly moves. Appends the figures to BENCHMARKS.md.
 *
 * Options: --rows N (default 100000), --instance NAME (default "bench-import"; a
 * running instance is reused and left running), --batch-size N.
 */

const q = defineQueries('graph-clear', 'bench-import-setup');

const log = (line: string) => process.stderr.write(`${line}\n`);

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

interface Run {
  seconds: number;
  writes: WriteCounts;
  /** CPU seconds this process and the Neo4j process used meanwhile. */
  cpu: { node: number; neo4j: number };
}

/**
 * CPU seconds a process has used so far (Linux /proc, in clock ticks of 1/100 s;
 * NaN elsewhere): figures that other work on a shared machine moves far less than
 * wall time.
 */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Starts a CPU meter over this process and Neo4j's; the returned function reads it. */
function cpuMeter(neo4jPid: number): () => Run['cpu'] {
  const node = process.cpuUsage();
  const neo4j = cpuSeconds(neo4jPid);
  return () => {
    const used = process.cpuUsage(node);
    return { node: (used.user + used.system) / 1e6, neo4j: cpuSeconds(neo4jPid) - neo4j };
  };
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
async function planCheck(db: Database): Promise<{ row: string; eager: number; nodeMerges: number; backed: number }[]> {
  const rows: { row: string; eager: number; nodeMerges: number; backed: number }[] = [];
  const session = db.driver.session({ database: db.database });
  try {
    for (const name of BATCH_STATEMENTS) {
      const result = await session.run(`EXPLAIN ${loadCypher(name)}`);
      const ops = walk(result.summary.plan as unknown as PlanNode);
      const eager = ops.filter((o) => o.operatorType.split('@')[0] === 'Eager').length;
      const merges = ops.filter((o) => /^(Locking)?Merge/.test(o.operatorType));
      const nodeMerges = merges.filter((m) => walk(m).some((o) => /NodeUniqueIndexSeek|NodeByLabelScan|AllNodesScan|NodeIndexSeek/.test(o.operatorType)));
      const backed = nodeMerges.filter((m) => walk(m).some((o) => o.operatorType.startsWith('NodeUniqueIndexSeek'))).length;
      const scans = ops.filter((o) => /AllNodesScan|NodeByLabelScan|AllRelationshipsScan/.test(o.operatorType)).length;
      const row = `| ${name} | ${eager} | ${nodeMerges.length === 0 ? '–' : `${backed}/${nodeMerges.length}`} | ${scans} |`;
      rows.push({ row, eager, nodeMerges: nodeMerges.length, backed });
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
    for await (const batch of preparedCreateBatches(db, createReadStream(warmFile), options)) await writeBare(db, batch, { segmentsMs: 0 });
    // Then the whole file once, untimed: the first run at full size took a quarter more of Neo4j's
    // CPU than the same run last (its store files growing to the file's size, its statements met at
    // that size), in eleven of twelve runs, and that run was always the importer's.
    log('Warming up at full size (the whole file through the importer, untimed)…');
    await resetGraph(db);
    await importCandidates(db, createReadStream(file), options);

    // Four timed runs in the order importer, bare, bare, importer: whatever drifts over the
    // benchmark (Neo4j's JIT warming, its store files growing, the machine's other load) then
    // weighs on both sides alike, where one run each favoured whichever went second.
    const loadBefore = os.loadavg()[0]!;
    const size = statSync(file).size;
    const rss: { at: number; mb: number }[] = [];
    const timeImporter = async (track: boolean) => {
      await resetGraph(db);
      const cpu = cpuMeter(state.pid);
      const started = performance.now();
      const summary = await importCandidates(db, createReadStream(file), {
        ...options,
        ...(track && { onProgress: ({ bytes }: { bytes: number }) => rss.push({ at: bytes / size, mb: process.memoryUsage().rss / 2 ** 20 }) }),
      });
      const run: Run = { seconds: (performance.now() - started) / 1000, writes: summary.writes, cpu: cpu() };
      log(`  ${summary.rows.created} created in ${run.seconds.toFixed(1)} s`);
      return { run, summary };
    };
    const timing = { segmentsMs: 0 };
    const timeBare = async () => {
      log('  preparing the same batches (against the emptied database, as the importer saw it)…');
      await resetGraph(db);
      const batches = [];
      for await (const batch of preparedCreateBatches(db, createReadStream(file), options)) batches.push(batch);
      const cpu = cpuMeter(state.pid);
      const started = performance.now();
      const writes = noWrites();
      for (const batch of batches) addWrites(writes, await writeBare(db, batch, timing));
      const run: Run = { seconds: (performance.now() - started) / 1000, writes, cpu: cpu() };
      log(`  ${writes.nodesCreated} nodes in ${run.seconds.toFixed(1)} s`);
      return run;
    };

    log('Importer, run 1 of 2…');
    global.gc?.();
    const liveBefore = process.memoryUsage().heapUsed / 2 ** 20;
    const first = await timeImporter(true);
    const summary = first.summary;
    global.gc?.();
    const liveAfter = process.memoryUsage().heapUsed / 2 ** 20;
    log('Second import of the same file (nothing may change)…');
    const again = await importCandidates(db, createReadStream(file), options);
    log('Bare UNWIND statements, run 1 of 2…');
    const bare1 = await timeBare();
    log('Bare UNWIND statements, run 2 of 2…');
    const bare2 = await timeBare();
    log('Importer, run 2 of 2…');
    const second = await timeImporter(false);
    const runs = [
      ['importer, run 1', first.run],
      ['bare UNWIND, run 1', bare1],
      ['bare UNWIND, run 2', bare2],
      ['importer, run 2', second.run],
    ] as const;
    const combined = (a: Run, b: Run): Run => {
      const writes = noWrites();
      addWrites(writes, a.writes);
      addWrites(writes, b.writes);
      return { seconds: a.seconds + b.seconds, writes, cpu: { node: a.cpu.node + b.cpu.node, neo4j: a.cpu.neo4j + b.cpu.neo4j } };
    };
    const importer = combined(first.run, second.run);
    const bare = combined(bare1, bare2);
    const bareWithoutSegments = (bare.seconds * 1000 - timing.segmentsMs) / 1000;

    const loadAfter = os.loadavg()[0]!;
    const plans = await planCheck(db);
    const nodeRate = (r: Run) => rate(r.writes.nodesCreated, r.seconds);
    const relRate = (r: Run) => rate(r.writes.relationshipsCreated, r.seconds);
    const ratio = bare.seconds / importer.seconds;
    const quartiles = [0.25, 0.5, 0.75, 1].map((f) => rss.find((s) => s.at >= f - 1e-9) ?? rss[rss.length - 1]!);
    const peak = Math.max(...rss.map((s) => s.mb));
    const eager = plans.reduce((n, p) => n + p.eager, 0);
    const unbacked = plans.reduce((n, p) => n + p.nodeMerges - p.backed, 0);
    const met = (ok: boolean) => (ok ? 'met' : '**missed**');
    const perHundredK = (Math.max(first.run.seconds, second.run.seconds) * 100_000) / rows;
    const body = [
      `\`npm run bench:import\` (server/bench/import.bench.ts): ${rows} generated candidates (${(size / 2 ** 20).toFixed(1)} MiB CSV, seed 7), batches of ${batchSize}, into an emptied database with 11 hubs and 10 skills. ` +
        'The importer streams the file, validates, resolves (gazetteer, employers, skills), merges rows of one person and hashes them, reading and looking up the next batch (import-candidates-find, in a read transaction of its own) while the database writes the current one, ' +
        'and writes each batch in one transaction: employers, skills, candidates with their relationships, their segments (segments-derive). ' +
        'The baseline writes the same batches, as the importer prepared them beforehand, with the same statements but the look-up, straight through the driver, one transaction per batch. ' +
        'Before the timed runs, the whole file goes through the importer once, untimed, so that no timed run is the first at full size. ' +
        'CPU seconds are those of this process and of the Neo4j process during each run: unlike wall time, other work on the machine hardly moves them.',
      '',
      '| run | seconds | nodes created | relationships created | nodes/s | relationships/s | CPU s: Node / Neo4j |',
      '|---|---|---|---|---|---|---|',
      ...[...runs, ['importer, both runs', importer] as const, ['bare UNWIND, both runs', bare] as const].map(
        ([name, r]) =>
          `| ${name} | ${r.seconds.toFixed(1)} | ${r.writes.nodesCreated} | ${r.writes.relationshipsCreated} | ${nodeRate(r)} | ${relRate(r)} | ${r.cpu.node.toFixed(1)} / ${r.cpu.neo4j.toFixed(1)} |`,
      ),
      '',
      `Load average (1 min) before the first run ${loadBefore.toFixed(1)}, after the last ${loadAfter.toFixed(1)}, on ${os.availableParallelism()} cores. ` +
        'The rates and the ratio below are over both runs of each side.',
      `Of the bare runs, segments-derive took ${(timing.segmentsMs / 1000).toFixed(1)} s; without it the bare statements took ${bareWithoutSegments.toFixed(1)} s ` +
        `(${rate(bare.writes.relationshipsCreated, bareWithoutSegments)} relationships/s; importer / that: ${((bareWithoutSegments / importer.seconds) * 100).toFixed(0)} %).`,
      `Rows: ${summary.rows.read} read, ${summary.rows.created} created, ${summary.rows.rejected} rejected, ${summary.placedInHub} placed in a hub, ${summary.unresolvedLocationCount} locations not found. ` +
        `Second import of the same file: ${again.rows.unchanged} unchanged, ${again.rows.created} created, ${again.rows.updated} updated, ${again.writes.nodesCreated + again.writes.relationshipsCreated + again.writes.propertiesSet} writes, ${again.elapsedMs / 1000} s.`,
      `Importer RSS (MiB) at 25/50/75/100 % of the file: ${quartiles.map((s) => s.mb.toFixed(0)).join(' / ')}; peak ${peak.toFixed(0)}. ` +
        `Live heap after a full GC: ${liveBefore.toFixed(0)} MiB before the import (the gazetteer, built by the warm-up, included), ${liveAfter.toFixed(0)} MiB after it.`,
      '',
      '| target | measured | |',
      '|---|---|---|',
      `| importer rate ≥ 85 % of the bare rate | ${(ratio * 100).toFixed(0)} % | ${met(ratio >= 0.85)} |`,
      `| ≥ 20,000 nodes/s | ${nodeRate(importer)} | ${met(nodeRate(importer) >= 20_000)} |`,
      `| ≥ 20,000 relationships/s | ${relRate(importer)} | ${met(relRate(importer) >= 20_000)} |`,
      `| 100,000 candidates in ≤ 2 min | ${perHundredK.toFixed(0)} s (the slower run)${rows === 100_000 ? '' : ', scaled'} | ${met(perHundredK <= 120)} |`,
      `| memory flat | live heap ${liveBefore.toFixed(0)} → ${liveAfter.toFixed(0)} MiB, RSS peak ${peak.toFixed(0)} MiB | ${met(liveAfter - liveBefore < 16)} |`,
      `| no Eager, every node MERGE constraint-backed | ${eager} Eager, ${unbacked} unbacked | ${met(eager === 0 && unbacked === 0)} |`,
      '',
      'Plans of the import statements (EXPLAIN, on the graph the bare run left): Eager operators, node MERGEs backed by a uniqueness constraint (unique-index seek), label or all-node scans.',
      '',
      '| statement | Eager | constraint-backed MERGE | scans |',
      '|---|---|---|---|',
      ...plans.map((p) => p.row),
    ].join('\n');
    process.stdout.write(`${body}\n`);
    recordBenchmark(`Import: ${rows} candidates`, describeMachine(version), body);
    log('Appended to BENCHMARKS.md.');
  } finally {
    await db.close();
    if (!reused) await stopInstance(paths, instance, log);
  }
}

/**
 * One prepared batch through the statements the importer writes new candidates with, in one
 * transaction: employers, skills, candidates with their relationships, their segments
 * (`timing` sums the time of the last, so the figures can be given without it too).
 */
async function writeBare(
  db: Database,
  batch: Parameters<typeof createCandidates>[1] extends infer R ? { rows: R; employers: Parameters<typeof mergeEmployers>[1]; skills: Parameters<typeof mergeSkills>[1] } : never,
  timing: { segmentsMs: number },
): Promise<WriteCounts> {
  return db.writeTx(async (tx) => {
    const writes = noWrites();
    addWrites(writes, await mergeEmployers(tx, batch.employers));
    addWrites(writes, await mergeSkills(tx, batch.skills));
    addWrites(writes, await createCandidates(tx, batch.rows));
    const started = performance.now();
    addWrites(writes, await deriveSegments(tx, batch.rows.map((r) => r.id)));
    timing.segmentsMs += performance.now() - started;
    return writes;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:import: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
