import { createWriteStream, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { HttpError } from '../../errors.ts';
import { describePeriod } from '../../privacy/dates.ts';
import { INFORMED_HOW, type InformedHow } from '../../privacy/notice.ts';
import { DEFAULT_RETENTION_FILE, type RetentionConfig, RetentionConfigError, loadRetentionConfig } from '../../privacy/retention.ts';
import type { Erasure, NoticeDue, RetentionItem } from '../../schemas/privacy.schema.ts';
import { auditTrail } from '../../services/audit.service.ts';
import { accessRequest, eraseCandidate, markInformed, noticeDueList, retentionDue, runRetention } from '../../services/privacy.service.ts';
import { cliActor, cliOrigin } from '../actor.ts';
import { type CliContext, CliError, parseCount, withDatabase } from '../context.ts';
import { progressBar } from '../progress.ts';

/** Service errors a user can act on become one-line CLI errors: bad input exits 2, the rest 1. */
async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError && error.status < 500) throw new CliError(error.message, error.status === 400 ? 2 : 1);
    throw error;
  }
}

export function retentionConfigOf(ctx: CliContext): RetentionConfig {
  try {
    return loadRetentionConfig(ctx.env.ATLAS_RETENTION_FILE ?? DEFAULT_RETENTION_FILE);
  } catch (error) {
    if (error instanceof RetentionConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

const acting = () => ({ actor: cliActor(), origin: cliOrigin(), now: new Date() });

/** Asks on a terminal; without one, only `--yes` lets an irreversible command run. */
async function confirm(question: string, yes: boolean): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new CliError(`${question} Not on a terminal: add --yes to go ahead.`, 2);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} Type "yes" to go ahead: `);
    if (answer.trim().toLowerCase() !== 'yes') throw new CliError('Nothing was erased.', 1);
  } finally {
    rl.close();
  }
}

function describeErasure(e: Erasure): string {
  return (
    `erased ${e.candidateId}: ${e.relationships} relationship(s), ${e.listRows} list row(s) emptied, ` +
    `${e.pipelineEntries} pipeline entr${e.pipelineEntries === 1 ? 'y' : 'ies'} kept as anonymous tombstones, ` +
    `${e.publications} sole-authored paper(s), ${e.savedViews} saved view(s); ${e.suppressedHashes} identifier hash(es) on the suppression list`
  );
}

function describeRetention(item: RetentionItem): string {
  const rule = `${item.policy.authority}${item.policy.country ? ` (${item.policy.country})` : ''}: ${describePeriod(item.policy.period)}${item.policy.variant === 'consent' ? ' with consent' : ''}`;
  return [item.id, item.name ?? '', item.country ?? '-', `${item.sinceWhat === 'last-contact' ? 'last contact' : 'obtained'} ${item.since}`, `expired ${item.expiresOn}`, rule].join('\t');
}

export function registerPrivacy(program: Command, context: () => CliContext): void {
  const privacy = program.command('privacy').description('GDPR: Art. 14 notices due, retention, access requests, the audit trail');

  privacy
    .command('due')
    .description('candidates not yet told their data is held (GDPR Art. 14), overdue first, with each deadline')
    .option('--limit <n>', 'how many to list (1 to 500)', parseCount('--limit', { min: 1, max: 500 }), 100)
    .option('--all', 'list every one (pages through them all)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nThe deadline is one calendar month after the data was obtained (31 January → 28/29 February), or the first contact if sooner.\n' +
        'Prints one line per candidate: status, due by, id, name, what sets the deadline.',
    )
    .action(async (flags: { limit: number; all?: boolean; json?: boolean }) => {
      const ctx = context();
      const pages = await withDatabase(ctx, async (db) => {
        const out: NoticeDue[] = [];
        let cursor: string | undefined;
        do {
          const page = await asCli(() => noticeDueList(db, { limit: flags.limit, ...(cursor && { cursor }) }, new Date()));
          out.push(page);
          cursor = page.nextCursor ?? undefined;
        } while (flags.all && cursor);
        return out;
      });
      const first = pages[0]!;
      const items = pages.flatMap((p) => p.items);
      if (flags.json) process.stdout.write(`${JSON.stringify({ ...first, items, nextCursor: pages.at(-1)!.nextCursor })}\n`);
      else for (const i of items) process.stdout.write(`${[i.notice.status, i.notice.dueBy ?? 'no date', i.id, i.name ?? '', i.notice.rule ?? ''].join('\t')}\n`);
      ctx.info(`${first.due} candidate(s) not informed, ${first.overdue} overdue (on ${first.today}); listed ${items.length}.`);
    });

  privacy
    .command('informed')
    .description('record that a candidate was informed (GDPR Art. 14): how, and when (default now)')
    .argument('<id>', 'candidate id')
    .requiredOption('--how <how>', `how they were told: ${INFORMED_HOW.join(', ')}`)
    .option('--at <timestamp>', 'when, e.g. 2026-01-05T10:00:00Z (default now; never in the future)')
    .action(async (id: string, flags: { how: string; at?: string }) => {
      if (!(INFORMED_HOW as readonly string[]).includes(flags.how)) throw new CliError(`--how must be one of ${INFORMED_HOW.join(', ')}, got "${flags.how}"`, 2);
      if (flags.at !== undefined && Number.isNaN(Date.parse(flags.at))) throw new CliError(`--at must be a timestamp such as 2026-01-05T10:00:00Z, got "${flags.at}"`, 2);
      const ctx = context();
      const at = flags.at === undefined ? undefined : new Date(flags.at).toISOString();
      const informed = await withDatabase(ctx, (db) => asCli(() => markInformed(db, id, { how: flags.how as InformedHow, ...(at && { at }) }, acting())));
      process.stdout.write(`${JSON.stringify(informed)}\n`);
    });

  privacy
    .command('retention')
    .description('candidates past their retention period (per country, counted from the last contact); --apply erases them')
    .option('--dry-run', 'list them, erase nobody (the default)')
    .option('--apply', 'erase every one of them (irreversible; asks on a terminal)')
    .option('--yes', 'with --apply: do not ask')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nThe periods come from fixtures/retention.json (or ATLAS_RETENTION_FILE), each citing its regulator.\n' +
        'Prints one line per candidate: id, name, country, the date counted from, when it expired, the rule.\n' +
        '`atlas schedule --retention` runs --apply before each weekly snapshot.',
    )
    .action(async (flags: { dryRun?: boolean; apply?: boolean; yes?: boolean; json?: boolean }) => {
      if (flags.dryRun && flags.apply) throw new CliError('give either --dry-run or --apply', 2);
      const ctx = context();
      const config = retentionConfigOf(ctx);
      const report = await withDatabase(ctx, async (db) => {
        if (!flags.apply) return runRetention(db, config, { ...acting(), apply: false });
        const due = await retentionDue(db, config, new Date());
        if (due.length > 0) await confirm(`${due.length} candidate(s) are past their retention period and will be erased.`, flags.yes === true);
        const bar = progressBar('Erasing', due.length);
        try {
          return await runRetention(db, config, { ...acting(), apply: true, onErased: (done) => bar.update(done) });
        } finally {
          bar.stop();
        }
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else for (const item of report.candidates) process.stdout.write(`${describeRetention(item)}\n`);
      for (const f of report.failed) ctx.info(`not erased ${f.id}: ${f.reason}`);
      ctx.info(
        report.applied
          ? `Erased ${report.erased.length} of ${report.candidates.length} candidate(s) past their retention period (on ${report.today}).`
          : `${report.candidates.length} candidate(s) past their retention period on ${report.today}; nothing erased (--apply erases them).`,
      );
    });

  privacy
    .command('export')
    .description('everything held on one candidate (GDPR Art. 15 access request), as JSON')
    .argument('<id>', 'candidate id')
    .option('--out <file>', 'write to this file (default: stdout)')
    .action(async (id: string, flags: { out?: string }) => {
      const ctx = context();
      const dsar = await withDatabase(ctx, (db) => asCli(() => accessRequest(db, id, retentionConfigOf(ctx), acting())));
      const text = `${JSON.stringify(dsar, null, 2)}\n`;
      if (flags.out === undefined || flags.out === '-') {
        process.stdout.write(text);
        return;
      }
      const target = path.resolve(flags.out);
      const partial = `${target}.partial-${process.pid}`;
      try {
        const file = createWriteStream(partial, { mode: 0o600 });
        file.end(text);
        await finished(file);
        renameSync(partial, target);
      } catch (error) {
        rmSync(partial, { force: true });
        throw new CliError(`Cannot write ${target}: ${(error as Error).message}`);
      }
      ctx.info(`Wrote everything held on ${id} to ${target}.`);
      process.stdout.write(`${target}\n`);
    });

  privacy
    .command('audit')
    .description('the audit trail, newest first')
    .option('--actor <name>', 'only this actor')
    .option('--action <action>', 'only this action (e.g. candidate.erase)')
    .option('--candidate <id>', 'only events about this candidate')
    .option('--from <timestamp>', 'at or after (ISO)')
    .option('--to <timestamp>', 'before (ISO)')
    .option('--limit <n>', 'how many (1 to 500)', parseCount('--limit', { min: 1, max: 500 }), 100)
    .action(async (flags: { actor?: string; action?: string; candidate?: string; from?: string; to?: string; limit: number }) => {
      for (const [name, value] of [['--from', flags.from], ['--to', flags.to]] as const) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) throw new CliError(`${name} must be a timestamp such as 2026-01-05T10:00:00Z, got "${value}"`, 2);
      }
      const ctx = context();
      const page = await withDatabase(ctx, (db) =>
        asCli(() =>
          auditTrail(db, {
            limit: flags.limit,
            ...(flags.actor && { actor: flags.actor }),
            ...(flags.action && { action: flags.action }),
            ...(flags.candidate && { candidateId: flags.candidate }),
            ...(flags.from && { from: new Date(flags.from).toISOString() }),
            ...(flags.to && { to: new Date(flags.to).toISOString() }),
          }),
        ),
      );
      for (const event of page.items) process.stdout.write(`${JSON.stringify(event)}\n`);
      if (page.nextCursor) ctx.info(`More events match; raise --limit or narrow the filters.`);
    });

  program
    .command('erase')
    .description('erase a candidate (GDPR Art. 17): the person, every relationship and list row; a re-import of them is refused')
    .argument('<id>', 'candidate id')
    .option('--yes', 'do not ask (needed without a terminal)')
    .option('--json', 'print what was removed as JSON')
    .addHelpText(
      'after',
      '\nPipeline entries stay as anonymous tombstones (stage and history only), so mandates keep their counts; keyed hashes\n' +
        'of the e-mail and profile URL go on the suppression list. Irreversible.',
    )
    .action(async (id: string, flags: { yes?: boolean; json?: boolean }) => {
      const ctx = context();
      await confirm(`Candidate ${id} will be erased.`, flags.yes === true);
      const erasure = await withDatabase(ctx, (db) => asCli(() => eraseCandidate(db, id, { ...acting(), reason: 'request' })));
      if (flags.json) process.stdout.write(`${JSON.stringify(erasure)}\n`);
      else process.stdout.write(`${describeErasure(erasure)}\n`);
    });
}
