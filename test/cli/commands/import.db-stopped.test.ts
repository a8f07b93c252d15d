import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCandidateCsv } from '../../../server/bench/import-file.ts';
import type { Database } from '../../../server/db/neo4j.ts';
import { applySchema } from '../../../server/db/schema.ts';
import { countHeadline } from '../../../server/repositories/health.repository.ts';
import { applyMigrations } from '../../../server/services/migrations.service.ts';
import { clearGraph } from '../../support/db.ts';
import { candidateDump, writeImportWorld } from '../../support/import.ts';
import { ownInstance } from '../../support/own-instance.ts';
import { runAtlas, startAtlas } from '../run.ts';

/**
 * `atlas import` when its database stops half way, on an instance of its own
 * (the suite's shared one stays up): the import exits 3 saying so, the batches
 * it committed are kept, and once the database is back the same import finishes
 * them without a duplicate.
 */

const instance = ownInstance('import-stop');
// Large enough that the import is still writing when the database has stopped, on a fast machine too.
const ROWS = 40_000;

describe('atlas import with its database stopped half way', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-import-stop-'));
  const big = path.join(dir, 'big.csv');
  beforeAll(async () => {
    await writeCandidateCsv(big, ROWS, { seed: 13 });
    const db = (await instance.start()).connect();
    await applySchema(db);
    await clearGraph(db);
    await writeImportWorld(db);
    await applyMigrations(db);
    await db.close();
  }, 240_000);
  afterAll(async () => {
    await instance.stop();
  }, 120_000);

  it('exits 3 saying the database became unavailable, keeps the committed batches, and the re-run finishes without duplicates', async () => {
    let started = await instance.start();
    let db = started.connect();
    const child = startAtlas(['import', big, '--batch-size', '500'], started.cliEnv);
    for (let i = 0; i < 1200 && (await countHeadline(db)).candidates < 1500; i++) await sleep(100);
    await db.close();
    // A clean shutdown of the database, as an operator's restart or a failover does it, while batches are being written.
    await instance.stop();
    expect(await child.exited, child.stderr()).toBe(3);
    expect(child.stderr()).toMatch(/The database became unavailable during the import/);
    // It said so once its check of the connection failed, before the driver's retries ran out.
    expect(child.stderr()).toMatch(/atlas: the database at bolt:\/\/\S+ stopped answering; waiting for it \(about half a minute at most\) before giving up…\n[\s\S]*The database became unavailable/);
    expect(child.stderr()).toMatch(/Batches written before are kept; run the same import again to finish it\./);

    started = await instance.start();
    db = started.connect();
    try {
      const partial = (await countHeadline(db)).candidates;
      expect(partial).toBeGreaterThanOrEqual(1500);
      expect(partial).toBeLessThan(ROWS);
      // Whole batches only: each candidate's segment is derived in its batch's own transaction.
      const dump = await candidateDump(db);
      expect(dump).toHaveLength(partial);
      expect(dump.filter((c) => typeof (c.props as { segment?: unknown }).segment !== 'string').map((c) => c.id)).toEqual([]);

      const rerun = runAtlas(['import', big, '--json'], started.cliEnv);
      expect(rerun.status, rerun.stderr).toBe(0);
      const summary = JSON.parse(rerun.stdout) as { rows: { created: number; unchanged: number; updated: number; rejected: number } };
      expect(summary.rows.rejected).toBe(0);
      expect(summary.rows.unchanged).toBeGreaterThanOrEqual(partial);
      expect(summary.rows.created + summary.rows.unchanged + summary.rows.updated).toBe(ROWS);
      const all = await candidateDump(db);
      expect(all).toHaveLength(ROWS);
      expect(new Set(all.map((c) => (c.props as { emailKey: string }).emailKey)).size).toBe(ROWS);
    } finally {
      await db.close();
    }
  }, 300_000);
});
