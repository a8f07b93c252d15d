import { createWriteStream, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Database } from '../../db/neo4j.ts';
import { HttpError } from '../../errors.ts';
import { zodIssues } from '../../middleware/validate.ts';
import { SEGMENTS, SENIORITIES } from '../../schemas/common.schema.ts';
import { CSV_DELIMITERS, EXPORT_FORMATS, type ExportFormat, ListCreateSchema, type TargetList } from '../../schemas/lists.schema.ts';
import { RANKING_PROFILE_NAMES } from '../../schemas/ranking.schema.ts';
import { prepareExport, runExport } from '../../services/list-export.service.ts';
import { DEFAULT_SNAPSHOT_CRON, InvalidScheduleError, scheduleWeeklySnapshots } from '../../services/list-schedule.service.ts';
import { createTargetList, listTargetLists, snapshotAllLists, takeSnapshot } from '../../services/lists.service.ts';
import { runRetention } from '../../services/privacy.service.ts';
import { type CliContext, CliError, databaseLost, withDatabase } from '../context.ts';
import { progressBar } from '../progress.ts';
import { cliActor, cliOrigin } from '../actor.ts';
import { retentionConfigOf } from './privacy.ts';

/** Runs service work, turning the errors a user can act on (bad input 2, the rest 1) into one-line CliErrors. */
async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError && error.status < 500) throw new CliError(error.message, error.status === 400 ? 2 : 1);
    throw error;
  }
}

const csvList = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

interface CreateFlags {
  name: string;
  hub?: string;
  search?: string;
  allSkills?: string[];
  anySkills?: string[];
  sectors?: string[];
  seniority?: string[];
  segment?: string[];
  passiveOnly?: boolean;
  openToWork?: boolean;
  radiusKm?: string;
  profile?: string;
  targetSeniority?: string[];
  json?: boolean;
}

/** Body field → the flag that sets it, so a validation message names what the user typed. */
const FLAG_OF: Record<string, string> = {
  'body.name': '--name',
  'body.hubId': '--hub',
  'body.searchId': '--search',
  'body.filters.allSkills': '--all-skills',
  'body.filters.anySkills': '--any-skills',
  'body.filters.sectors': '--sectors',
  'body.filters.seniority': '--seniority',
  'body.filters.segment': '--segment',
  'body.radiusKm': '--radius-km',
  'body.profile': '--profile',
  'body.targetSeniority': '--target-seniority',
};

function listCreateInput(flags: CreateFlags) {
  if ((flags.hub === undefined) === (flags.search === undefined)) throw new CliError('give either --hub (a pool list) or --search (a mandate list)', 2);
  const body =
    flags.hub !== undefined
      ? {
          kind: 'pool',
          name: flags.name,
          hubId: flags.hub,
          filters: {
            allSkills: flags.allSkills,
            anySkills: flags.anySkills,
            sectors: flags.sectors,
            seniority: flags.seniority,
            segment: flags.segment,
            passiveOnly: flags.passiveOnly,
            openToWork: flags.openToWork,
          },
          radiusKm: flags.radiusKm === undefined ? undefined : Number(flags.radiusKm),
          profile: flags.profile,
          targetSeniority: flags.targetSeniority,
        }
      : { kind: 'search', name: flags.name, searchId: flags.search };
  const parsed = ListCreateSchema.safeParse(JSON.parse(JSON.stringify(body)));
  if (!parsed.success) {
    const [first] = zodIssues(parsed.error, 'body');
    const field = first!.field.replace(/\.\d+$/, '');
    throw new CliError(`${FLAG_OF[field] ?? field}: ${first!.message}`, 2);
  }
  return parsed.data;
}

function describeList(list: TargetList): string {
  const source = list.kind === 'pool' ? `hub ${list.hub?.name ?? list.hub?.id}` : `search "${list.search?.title ?? list.search?.id}"`;
  const latest = list.snapshots[0];
  const snapshot = latest ? `${latest.week} (${latest.rows} rows)` : 'no snapshot';
  return [list.id, list.name, list.kind, source, snapshot, list.problem ? `PROBLEM: ${list.problem}` : ''].filter(Boolean).join('\t');
}

const CRONTAB_HELP = `
Instead of a long-running process, a crontab line can take the week's snapshots
(every Monday at 06:00, in the checkout's folder):

  0 6 * * 1  cd /path/to/talent-atlas && npx atlas snapshot --all >> .atlas/snapshots.log 2>&1
`;

export function registerLists(program: Command, context: () => CliContext): void {
  const list = program.command('list').description('target lists: saved pool queries or mandate pipelines, exported every week');

  list
    .command('create')
    .description('save a target list: a hub pool with filters (--hub), or a mandate’s pipeline (--search)')
    .requiredOption('--name <name>', 'what the list is called (it names the exported files)')
    .option('--hub <id>', 'a pool list of this hub')
    .option('--search <id>', 'a mandate list of this search’s pipeline')
    .option('--all-skills <ids>', 'pool: people with every one of these skills (comma-separated)', csvList)
    .option('--any-skills <ids>', 'pool: people with at least one of these skills', csvList)
    .option('--sectors <ids>', 'pool: people who worked in one of these sectors', csvList)
    .option('--seniority <levels>', `pool: only these levels (${SENIORITIES.join(', ')})`, csvList)
    .option('--segment <segments>', `pool: only these segments (${SEGMENTS.join(', ')})`, csvList)
    .option('--passive-only', 'pool: only passive candidates')
    .option('--open-to-work', 'pool: only candidates open to work')
    .option('--radius-km <km>', 'pool: add everyone located within this distance of the hub')
    .option('--profile <name>', `pool: the ranking profile (${RANKING_PROFILE_NAMES.join(', ')})`)
    .option('--target-seniority <levels>', 'pool: levels that fit fully (default: --seniority, else the profile’s)', csvList)
    .option('--json', 'print the saved list as JSON (default: its id)')
    .action(async (flags: CreateFlags) => {
      const input = listCreateInput(flags);
      const saved = await withDatabase(context(), (db) => asCli(() => createTargetList(db, input, { now: new Date(), actor: cliActor() })));
      context().info(`Saved target list "${saved.name}".`);
      process.stdout.write(flags.json ? `${JSON.stringify(saved)}\n` : `${saved.id}\n`);
    });

  list
    .command('ls')
    .description('every target list, newest first, with its latest snapshot')
    .option('--json', 'print { "items": [...] }')
    .action(async (flags: { json?: boolean }) => {
      const lists = await withDatabase(context(), listTargetLists);
      if (flags.json) process.stdout.write(`${JSON.stringify(lists)}\n`);
      else for (const item of lists.items) process.stdout.write(`${describeList(item)}\n`);
      if (!flags.json && lists.items.length === 0) context().info('No target lists yet; create one with `atlas list create`.');
    });

  program
    .command('snapshot')
    .description('record who is on a list this ISO week, with rank, score and stage (a week is recorded once)')
    .option('--list <id>', 'the list to snapshot')
    .option('--all', 'snapshot every list')
    .option('--week <week>', 'the ISO week, e.g. 2026-W48: only the current one, as a snapshot records the list as it is now (the default)')
    .option('--replace', 'take a week already recorded again, replacing it')
    .addHelpText('after', '\nPrints one JSON line per list: {listId, week, takenAt, rows, created} (created is false when the week was recorded already).')
    .action(async (flags: { list?: string; all?: boolean; week?: string; replace?: boolean }) => {
      if (Boolean(flags.list) === Boolean(flags.all)) throw new CliError('give either --list <id> or --all', 2);
      const ctx = context();
      await withDatabase(ctx, async (db) => {
        const now = new Date();
        if (flags.list) {
          const result = await asCli(() => takeSnapshot(db, flags.list!, { week: flags.week, replace: flags.replace, now })).catch((error: unknown) => {
            // A snapshot is recorded whole or not at all (pending until its last row), so running it again is all it takes.
            throw databaseLost(error, `the snapshot of list ${flags.list}`, "The week's snapshot was not recorded; run the same snapshot again.") ?? error;
          });
          ctx.info(result.created ? `Recorded ${result.week}: ${result.rows} rows.` : `${result.week} was recorded already (${result.rows} rows); unchanged.`);
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const outcomes = await asCli(() => snapshotAllLists(db, { week: flags.week, now })).catch((error: unknown) => {
          throw databaseLost(error, 'the snapshots', 'Lists whose snapshot was finished are recorded; run `atlas snapshot --all` again to take the rest.') ?? error;
        });
        for (const outcome of outcomes) {
          if (outcome.result) process.stdout.write(`${JSON.stringify(outcome.result)}\n`);
          else ctx.info(`List ${outcome.listId} ("${outcome.name}") skipped: ${outcome.error}`);
        }
        const failed = outcomes.filter((o) => o.error).length;
        ctx.info(`Snapshotted ${outcomes.length - failed} of ${outcomes.length} lists.`);
        if (failed > 0) throw new CliError(`${failed} list${failed === 1 ? '' : 's'} could not be snapshotted (see above)`);
      });
    });

  program
    .command('export')
    .description('write a week of a list as CSV, XLSX or JSON: rows flagged new / kept / moved, then the dropped ones')
    .requiredOption('--list <id>', 'the list to export')
    .option('--format <format>', `${EXPORT_FORMATS.join(', ')}`, 'csv')
    .option('--week <week>', 'the ISO week (default: the current one, snapshotted on the spot when missing)')
    .option('--delimiter <name>', `CSV field separator: ${Object.keys(CSV_DELIMITERS).join(', ')} (semicolon for Excel in comma-decimal locales)`, 'comma')
    .option('--out <file>', 'where to write ("-" for stdout; default: list-<name>-<week>.<ext> here)')
    .addHelpText('after', '\nPrints the file written on stdout. A file is only left in place once it is complete.')
    .action(async (flags: { list: string; format: string; week?: string; delimiter: string; out?: string }) => {
      const format = z.enum(EXPORT_FORMATS).safeParse(flags.format);
      if (!format.success) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${flags.format}"`, 2);
      if (!(flags.delimiter in CSV_DELIMITERS)) {
        throw new CliError(`--delimiter must be one of ${Object.keys(CSV_DELIMITERS).join(', ')}, got "${flags.delimiter}"`, 2);
      }
      const ctx = context();
      await withDatabase(ctx, (db) => exportToFile(ctx, db, { ...flags, format: format.data, delimiter: flags.delimiter as keyof typeof CSV_DELIMITERS }));
    });

  program
    .command('schedule')
    .description('take every list’s snapshot each week, on a cron schedule, until stopped (Ctrl-C)')
    .option('--cron <pattern>', 'when to run (minute hour day month weekday)', DEFAULT_SNAPSHOT_CRON)
    .option('--timezone <zone>', 'IANA time zone of the pattern, e.g. Europe/London (default: this machine’s)')
    .option('--retention', 'before each run, erase everyone past their retention period (as `atlas privacy retention --apply --yes`)')
    .addHelpText('after', `\nLogs each run to stderr and prints one JSON line per run on stdout.\n${CRONTAB_HELP}`)
    .action(async (flags: { cron: string; timezone?: string; retention?: boolean }) => {
      const ctx = context();
      const retention = flags.retention ? retentionConfigOf(ctx) : undefined;
      await withDatabase(ctx, async (db) => {
        let schedule: ReturnType<typeof scheduleWeeklySnapshots>;
        try {
          schedule = scheduleWeeklySnapshots(db, {
            pattern: flags.cron,
            timezone: flags.timezone,
            onRun: (run) => {
              const taken = run.outcomes.filter((o) => o.result?.created).length;
              const failed = run.outcomes.filter((o) => o.error);
              ctx.info(`${run.startedAt.toISOString()} ${run.week}: ${taken} snapshot(s) taken, ${run.outcomes.length - taken - failed.length} already there, ${failed.length} failed (${run.seconds} s).`);
              for (const f of failed) ctx.info(`  ${f.listId} ("${f.name}"): ${f.error}`);
              process.stdout.write(`${JSON.stringify({ week: run.week, at: run.startedAt.toISOString(), outcomes: run.outcomes })}\n`);
            },
            onError: (error) => ctx.info(`${new Date().toISOString()} run failed: ${error instanceof Error ? error.message : String(error)}`),
            ...(retention && {
              beforeSnapshots: async (now: Date) => {
                const report = await runRetention(db, retention, { actor: `schedule:${cliActor()}`, origin: cliOrigin(), now, apply: true });
                ctx.info(`${now.toISOString()} retention: erased ${report.erased.length} of ${report.candidates.length} past their period.`);
              },
            }),
          });
        } catch (error) {
          if (error instanceof InvalidScheduleError) throw new CliError(`--cron/--timezone: ${error.message}`, 2);
          throw error;
        }
        ctx.info(`Snapshotting every list on "${flags.cron}"${flags.timezone ? ` (${flags.timezone})` : ''}; next run ${schedule.nextRun()?.toISOString()}. Ctrl-C stops.`);
        await new Promise<void>((resolve) => {
          for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
        });
        schedule.stop();
        ctx.info('Schedule stopped.');
      });
    });
}

async function exportToFile(
  ctx: CliContext,
  db: Database,
  flags: { list: string; format: ExportFormat; week?: string; delimiter: keyof typeof CSV_DELIMITERS; out?: string },
): Promise<void> {
  const now = new Date();
  // Every check (list, week, snapshot) happens before a file is created.
  const plan = await asCli(() => prepareExport(db, flags.list, { format: flags.format, week: flags.week, delimiter: flags.delimiter, now }));
  const toStdout = flags.out === '-';
  const target = toStdout ? undefined : path.resolve(flags.out ?? plan.fileName);
  const partial = target && `${target}.partial-${process.pid}`;
  let out: Writable;
  let done: Promise<unknown>;
  if (partial) {
    const file = createWriteStream(partial);
    out = file;
    done = new Promise<void>((resolve, reject) => file.once('close', () => resolve()).once('error', reject));
  } else {
    // stdout is never ended by a stream; a pass-through carries the back-pressure to it.
    const pass = new PassThrough();
    pass.pipe(process.stdout, { end: false });
    out = pass;
    done = finished(pass);
  }
  // Awaited on success; on failure the export's own error is the one reported.
  done.catch(() => undefined);
  const bar = toStdout ? { update() {}, stop() {} } : progressBar(`Exporting ${plan.week}`, plan.rows);
  try {
    const rows = await runExport(db, plan, out, { actor: cliActor(), now, onProgress: (n) => bar.update(Math.min(n, plan.rows)) });
    await done;
    bar.stop();
    if (target && partial) {
      renameSync(partial, target);
      process.stdout.write(`${target}\n`);
    }
    ctx.info(`Exported ${plan.rows} rows of ${plan.week}${plan.previousWeek ? ` (changes since ${plan.previousWeek})` : ''}, ${rows - plan.rows} dropped, as ${plan.format}.`);
  } catch (error) {
    bar.stop();
    if (partial) rmSync(partial, { force: true });
    throw error;
  }
}
