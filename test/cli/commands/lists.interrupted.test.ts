import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { Database } from '../../../server/db/neo4j.ts';
import { weekOf } from '../../../server/domain/iso-week.ts';
import { countByLabelAndType } from '../../../server/repositories/health.repository.ts';
import { SNAPSHOT_BATCH_SIZE } from '../../../server/services/lists.service.ts';
import { seedDemoWorld } from '../../../server/services/seed.service.ts';
import { type Agent, authedAgent } from '../../support/app.ts';
import { testDatabase } from '../../support/db.ts';
import { runAtlas, startAtlas } from '../run.ts';

/**
 * A snapshot whose process is killed between two batches of rows: the week
 * stays unrecorded (the pending snapshot is never read), and running the
 * snapshot again records it once, with every row once.
 */

describe('atlas snapshot, interrupted', () => {
  let db: Database;
  let env: NodeJS.ProcessEnv;
  let app: Express;
  let api: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    await seedDemoWorld(db, { candidates: 6000, seed: 5, replace: true });
    const { uri, password } = inject('neo4j');
    env = { NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password };
    app = createApp({ db, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
    api = await authedAgent(app, db, 'sourcer');
  }, 300_000);
  afterAll(async () => {
    await db.close();
  });

  it('atlas snapshot killed after its first batch leaves the week unrecorded, and a re-run records it once with every row once', async () => {
    const pool = await api.get('/api/hubs/amsterdam/pool?radiusKm=1000&limit=1');
    const total = pool.body.total as number;
    expect(total).toBeGreaterThan(2 * SNAPSHOT_BATCH_SIZE);
    const created = runAtlas(['list', 'create', '--name', 'Wide Amsterdam', '--hub', 'amsterdam', '--radius-km', '1000'], env);
    expect(created.status, created.stderr).toBe(0);
    const id = created.stdout.trim();
    const week = weekOf(new Date());

    const child = startAtlas(['snapshot', '--list', id], env);
    for (let i = 0; i < 3000 && !((await countByLabelAndType(db)).nodes.ListRow! > 0); i++) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await child.exited;
    const written = (await countByLabelAndType(db)).nodes.ListRow ?? 0;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(total);
    const interrupted = await api.get(`/api/lists/${id}`);
    expect(interrupted.body.snapshots.filter((s: { week: string }) => s.week === week)).toEqual([]);

    const rerun = runAtlas(['snapshot', '--list', id], env);
    expect(rerun.status, rerun.stderr).toBe(0);
    const list = await api.get(`/api/lists/${id}`);
    const ofWeek = list.body.snapshots.filter((s: { week: string }) => s.week === week);
    expect(ofWeek).toHaveLength(1);
    expect(ofWeek[0].rows).toBe(total);
    const exported = await api.get(`/api/lists/${id}/export?format=json`);
    expect(exported.status).toBe(200);
    const ids = (exported.body as { id: string }[]).map((r) => r.id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  }, 300_000);
});
