import { Cron } from 'croner';
import type { Database } from '../db/neo4j.ts';
import { weekOf } from '../domain/iso-week.ts';
import type { Clock } from './clock.ts';
import { type ListSnapshotOutcome, snapshotAllLists } from './lists.service.ts';

/**
 * Weekly snapshots on a schedule: every list is snapshotted for the current
 * ISO week at each tick of a cron pattern (by default Monday 06:00), so a
 * team's Monday list is ready without anyone running it. A run still going
 * when the next tick comes is not started twice.
 */

/** Monday, 06:00: the week's list is there before the working day starts. */
export const DEFAULT_SNAPSHOT_CRON = '0 6 * * 1';

export class InvalidScheduleError extends Error {
  override name = 'InvalidScheduleError';
}

export interface ScheduledRun {
  week: string;
  startedAt: Date;
  seconds: number;
  outcomes: ListSnapshotOutcome[];
}

export interface ScheduleOptions {
  pattern?: string;
  /** An IANA time zone for the pattern (default: the machine's). */
  timezone?: string;
  clock?: Clock;
  onRun: (run: ScheduledRun) => void;
  /**
   * Work to do at each tick before the snapshots (`atlas schedule --retention`
   * erases people past retention first, so the week's lists never hold them).
   * A failure goes to onError and the snapshots are still taken.
   */
  beforeSnapshots?: (now: Date) => Promise<void>;
  /** A failed run (the database down, say); the schedule keeps going. */
  onError: (error: unknown) => void;
}

export interface WeeklySchedule {
  nextRun(): Date | null;
  stop(): void;
}

export function scheduleWeeklySnapshots(
  db: Database,
  { pattern = DEFAULT_SNAPSHOT_CRON, timezone, clock = () => new Date(), onRun, onError, beforeSnapshots }: ScheduleOptions,
): WeeklySchedule {
  let job: Cron;
  const run = async () => {
    const startedAt = clock();
    if (beforeSnapshots) await beforeSnapshots(startedAt).catch(onError);
    try {
      const outcomes = await snapshotAllLists(db, { now: startedAt });
      onRun({ week: weekOf(startedAt), startedAt, seconds: Math.round((clock().getTime() - startedAt.getTime()) / 100) / 10, outcomes });
    } catch (error) {
      onError(error);
    }
  };
  try {
    job = new Cron(pattern, { timezone, protect: true }, run);
  } catch (error) {
    throw new InvalidScheduleError(`"${pattern}" is not a cron pattern${timezone ? ` for time zone ${timezone}` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { nextRun: () => job.nextRun(), stop: () => job.stop() };
}
