import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { type ScheduledRun, DEFAULT_SNAPSHOT_CRON, InvalidScheduleError, scheduleWeeklySnapshots } from '../../server/services/list-schedule.service.ts';
import { createTargetList, getTargetList } from '../../server/services/lists.service.ts';
import { runRetention } from '../../server/services/privacy.service.ts';
import { loadRetentionConfig } from '../../server/privacy/retention.ts';
import { testDatabase } from '../support/db.ts';
import { GraphSpecBuilder, date } from '../support/graph.ts';
import { candidate, graphEdits, hub } from '../support/graph-edits.ts';
import { graphTextSearch } from '../support/privacy.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';

describe('scheduleWeeklySnapshots', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('scheduleWeeklySnapshots snapshots every list at each tick of its pattern and reports the run', async () => {
    const list = await createTargetList(db, { kind: 'pool', name: 'Oxford', hubId: 'oxford', filters: {} }, { now: TODAY });
    let schedule: ReturnType<typeof scheduleWeeklySnapshots> | undefined;
    const run = await new Promise<ScheduledRun>((resolve, reject) => {
      // Every second, so the test sees a tick; the weekly default is checked below.
      schedule = scheduleWeeklySnapshots(db, { pattern: '* * * * * *', clock: () => TODAY, onRun: resolve, onError: reject });
    });
    schedule!.stop();
    expect(run.week).toBe('2026-W03');
    expect(run.outcomes).toEqual([{ listId: list.id, name: 'Oxford', result: expect.objectContaining({ week: '2026-W03', rows: 5 }) }]);
    expect((await getTargetList(db, list.id)).snapshots.map((s) => s.week)).toEqual(['2026-W03']);
  });

  it('scheduleWeeklySnapshots runs beforeSnapshots first, so people erased at the end of retention are not on the week’s lists', async () => {
    await new GraphSpecBuilder().node('Candidate', { id: 'c-expired', name: 'Ezra Expired', obtainedAt: date('2020-01-01'), lawfulBasis: 'consent' }).write(db);
    await graphEdits.link(db, candidate('c-expired'), 'BASED_IN', hub('oxford'), { distanceKm: 1 });
    const list = await createTargetList(db, { kind: 'pool', name: 'Oxford before retention', hubId: 'oxford', filters: {} }, { now: TODAY });
    const order: string[] = [];
    let schedule: ReturnType<typeof scheduleWeeklySnapshots> | undefined;
    const run = await new Promise<ScheduledRun>((resolve, reject) => {
      schedule = scheduleWeeklySnapshots(db, {
        pattern: '* * * * * *',
        clock: () => TODAY,
        beforeSnapshots: async (now) => {
          order.push('retention');
          await runRetention(db, loadRetentionConfig(), { actor: 'schedule:test', now, apply: true });
        },
        onRun: (r) => {
          order.push('snapshots');
          resolve(r);
        },
        onError: reject,
      });
    });
    schedule!.stop();
    expect(order.slice(0, 2)).toEqual(['retention', 'snapshots']);
    expect(run.outcomes.find((o) => o.listId === list.id)?.result).toMatchObject({ rows: 5, created: true });
    expect(await graphTextSearch(db, ['Ezra'])).toEqual([]);
  });

  it('scheduleWeeklySnapshots runs on Monday mornings by default and refuses a bad pattern or time zone, naming it', () => {
    const weekly = scheduleWeeklySnapshots(db, { timezone: 'UTC', onRun: () => undefined, onError: () => undefined });
    const next = weekly.nextRun()!;
    weekly.stop();
    expect(DEFAULT_SNAPSHOT_CRON).toBe('0 6 * * 1');
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 6, 0]);
    expect(() => scheduleWeeklySnapshots(db, { pattern: '61 * * * *', onRun: () => undefined, onError: () => undefined })).toThrow(InvalidScheduleError);
    expect(() => scheduleWeeklySnapshots(db, { timezone: 'Mars/Olympus', onRun: () => undefined, onError: () => undefined })).toThrow(/Mars\/Olympus/);
  });
});
