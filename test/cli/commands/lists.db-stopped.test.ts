import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, loadEnv, resolvePaths } from '../../../server/config.ts';
import { startInstance, stopInstance } from '../../../server/db/managed.ts';
import { type Database, createDatabase } from '../../../server/db/neo4j.ts';
import { applySchema } from '../../../server/db/schema.ts';
import { weekOf } from '../../../server/domain/iso-week.ts';
import { countByLabelAndType } from '../../../server/repositories/health.repository.ts';
import { getTargetList, SNAPSHOT_BATCH_SIZE } from '../../../server/services/lists.service.ts';
import { applyMigrations } from '../../../server/services/migrations.service.ts';
import { seedDemoWorld } from '../../../server/services/seed.service.ts';
import { clearGraph } from '../../support/db.ts';
import { runAtlas } from '../run.ts';

/**
 * `atlas snapshot` when its database goes down half way, on an instance of its
 * own (the suite's shared one stays up). The database process is killed, not
 * shut down: a clean shutdown lets running transactions finish, and a snapshot
 * of this world would be done before it closed. The snapshot exits 3 saying the
 * week was not recorded; once the database is back (recovered from its log)
 * the week is still unrecorded, and the same snapshot records it once, with
 * every row once.
 */

const env = { ...loadEnv(), ATLAS_NEO4J_HEAP: '384m', ATLAS_NEO4J_PAGECACHE: '64m' };
const paths = resolvePaths(env);
const INSTANCE = `${env.ATLAS_TEST_INSTANCE}-snapshot-stop`.slice(0, 32);
const log = () => {};

/** The managed instance, started (again), with a connection to it, its process and the environment the CLI reaches it by. */
async function started(): Promise<{ db: Database; pid: number; cliEnv: NodeJS.ProcessEnv }> {
  const { state } = await startInstance(env, paths, INSTANCE, log);
  const db = createDatabase({ uri: state.uri, password: state.password, username: 'neo4j', database: 'neo4j', source: `managed:${INSTANCE}` });
  return { db, pid: state.pid, cliEnv: { NEO4J_URI: state.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: state.password } };
}

const listRows = async (db: Database) => (await countByLabelAndType(db)).nodes.ListRow ?? 0;

describe('atlas snapshot with its database lost half way', () => {
  beforeAll(async () => {
    const { db } = await started();
    await applySchema(db);
    await clearGraph(db);
    await applyMigrations(db);
    await seedDemoWorld(db, { candidates: 12_000, seed: 5, replace: true });
    await db.close();
  }, 300_000);
  afterAll(async () => {
    await stopInstance(paths, INSTANCE, log);
  }, 120_000);

  it('exits 3 saying the week was not recorded, and once the database is back a re-run records it once with every row once', async () => {
    let { db, pid, cliEnv } = await started();
    const created = runAtlas(['list', 'create', '--name', 'Wide Amsterdam', '--hub', 'amsterdam', '--radius-km', '1000'], cliEnv);
    expect(created.status, created.stderr).toBe(0);
    const id = created.stdout.trim();
    const week = weekOf(new Date());

    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'server', 'cli', 'atlas.mjs'), 'snapshot', '--list', id], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...cliEnv },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 3000 && (await listRows(db)) === 0; i++) await sleep(10);
    // The first batch is committed: the database dies as a host or process failure would take it.
    process.kill(pid, 'SIGKILL');
    await db.close();
    expect(await exited, stderr).toBe(3);
    expect(stderr).toMatch(/The database became unavailable during the snapshot/);
    expect(stderr).toMatch(/was not recorded; run the same snapshot again/);

    ({ db, pid, cliEnv } = await started());
    try {
      const written = await listRows(db);
      expect(written).toBeGreaterThanOrEqual(SNAPSHOT_BATCH_SIZE);
      expect((await getTargetList(db, id)).snapshots.filter((s) => s.week === week)).toEqual([]);

      const rerun = runAtlas(['snapshot', '--list', id], cliEnv);
      expect(rerun.status, rerun.stderr).toBe(0);
      const result = JSON.parse(rerun.stdout) as { week: string; rows: number; created: boolean };
      expect(result).toMatchObject({ week, created: true });
      expect(result.rows).toBeGreaterThan(written);
      const ofWeek = (await getTargetList(db, id)).snapshots.filter((s) => s.week === week);
      expect(ofWeek).toEqual([expect.objectContaining({ week, rows: result.rows })]);

      const file = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-snapshot-stop-')), 'list.json');
      const exported = runAtlas(['export', '--list', id, '--format', 'json', '--out', file], cliEnv);
      expect(exported.status, exported.stderr).toBe(0);
      const ids = (JSON.parse(readFileSync(file, 'utf8')) as { id: string }[]).map((r) => r.id);
      expect(ids).toHaveLength(result.rows);
      expect(new Set(ids).size).toBe(result.rows);
    } finally {
      await db.close();
    }
  }, 300_000);
});
