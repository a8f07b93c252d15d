import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { type ScheduledRun, DEFAULT_SNAPSHOT_CRON, InvalidScheduleError, scheduleWeeklySnapshots } from '../../server/services/list-schedule.service.ts';
import { createTargetList, getTargetList } from '../../server/services/lists.service.ts';
import { testDatabase } from '../support/db.ts';
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
