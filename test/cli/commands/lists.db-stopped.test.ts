import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/neo4j.ts';
import { applySchema } from '../../../server/db/schema.ts';
import { weekOf } from '../../../server/domain/iso-week.ts';
import { countByLabelAndType } from '../../../server/repositories/health.repository.ts';
import { getTargetList, SNAPSHOT_BATCH_SIZE } from '../../../server/services/lists.service.ts';
import { applyMigrations } from '../../../server/services/migrations.service.ts';
import { seedDemoWorld } from '../../../server/services/seed.service.ts';
import { clearGraph } from '../../support/db.ts';
import { ownInstance } from '../../support/own-instance.ts';
import { runAtlas, startAtlas } from '../run.ts';

/**
 * `atlas snapshot` when its database goes down half way, on an instance of its
 * own (the suite's shared one stays up). The database process is killed, not
 * shut down: a clean shutdown lets running transactions finish, and a snapshot
 * of this world would be done before it closed. The snapshot exits 3 saying the
 * week was not recorded; once the database is back (recovered from its log)
 * the week is still unrecorded, and the same snapshot records it once, with
 * every row once.
 */

const instance = ownInstance('snapshot-stop');

const listRows = async (db: Database) => (await countByLabelAndType(db)).nodes.ListRow ?? 0;

describe('atlas snapshot with its database lost half way', () => {
  beforeAll(async () => {
    const db = (await instance.start()).connect();
    await applySchema(db);
    await clearGraph(db);
    await applyMigrations(db);
    await seedDemoWorld(db, { candidates: 12_000, seed: 5, replace: true });
    await db.close();
  }, 300_000);
  afterAll(async () => {
    await instance.stop();
  }, 120_000);

  it('exits 3 saying the week was not recorded, and once the database is back a re-run records it once with every row once', async () => {
    let started = await instance.start();
    let db = started.connect();
    const created = runAtlas(['list', 'create', '--name', 'Wide Amsterdam', '--hub', 'amsterdam', '--radius-km', '1000'], started.cliEnv);
    expect(created.status, created.stderr).toBe(0);
    const id = created.stdout.trim();
    const week = weekOf(new Date());

    const child = startAtlas(['snapshot', '--list', id], started.cliEnv);
    for (let i = 0; i < 3000 && (await listRows(db)) === 0; i++) await sleep(10);
    // The first batch is committed: the database dies as a host or process failure would take it.
    process.kill(started.pid, 'SIGKILL');
    await db.close();
    expect(await child.exited, child.stderr()).toBe(3);
    expect(child.stderr()).toMatch(/The database became unavailable during the snapshot/);
    // It said so once its check of the connection failed, before the driver's retries ran out.
    expect(child.stderr()).toMatch(/atlas: the database at bolt:\/\/\S+ stopped answering; waiting for it \(about half a minute at most\) before giving up…\n[\s\S]*The database became unavailable/);
    expect(child.stderr()).toMatch(/was not recorded; run the same snapshot again/);

    started = await instance.start();
    db = started.connect();
    try {
      const written = await listRows(db);
      expect(written).toBeGreaterThanOrEqual(SNAPSHOT_BATCH_SIZE);
      expect((await getTargetList(db, id)).snapshots.filter((s) => s.week === week)).toEqual([]);

      const rerun = runAtlas(['snapshot', '--list', id], started.cliEnv);
      expect(rerun.status, rerun.stderr).toBe(0);
      const result = JSON.parse(rerun.stdout) as { week: string; rows: number; created: boolean };
      expect(result).toMatchObject({ week, created: true });
      expect(result.rows).toBeGreaterThan(written);
      const ofWeek = (await getTargetList(db, id)).snapshots.filter((s) => s.week === week);
      expect(ofWeek).toEqual([expect.objectContaining({ week, rows: result.rows })]);

      const file = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-snapshot-stop-')), 'list.json');
      const exported = runAtlas(['export', '--list', id, '--format', 'json', '--out', file], started.cliEnv);
      expect(exported.status, exported.stderr).toBe(0);
      const ids = (JSON.parse(readFileSync(file, 'utf8')) as { id: string }[]).map((r) => r.id);
      expect(ids).toHaveLength(result.rows);
      expect(new Set(ids).size).toBe(result.rows);
    } finally {
      await db.close();
    }
  }, 300_000);
});
