import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { type Command, CommanderError } from 'commander';
import { HttpError } from '../../errors.ts';
import type { CsvDelimiter } from '../../import/csv-reader.ts';
import { ImportFileError, TEXT_ENCODINGS, type TextEncodingName, rowLabel, textEncodingOf } from '../../import/reader.ts';
import type { Format } from '../../import/row-schema.ts';
import { type ImportSummary, classifyEmployer, importCandidates, mergeCandidates } from '../../services/import.service.ts';
import { type Progress, progressBar, progressCount } from '../progress.ts';
import { cliActor, cliOrigin } from '../actor.ts';
import { type CliContext, CliError, DATABASE_UNAVAILABLE_EXIT, DatabaseUnreachableError, databaseLost, parseCount, withDatabase } from '../context.ts';

/** Exit codes of `atlas import` (README, "Importing candidates"). */
export const IMPORT_EXIT = { ok: 0, rowsRejected: 1, fileUnusable: 2, databaseUnavailable: DATABASE_UNAVAILABLE_EXIT } as const;

const FORMATS_BY_EXTENSION: Record<string, Format> = { '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv', '.json': 'json', '.jsonl': 'json', '.ndjson': 'json', '.xlsx': 'xlsx' };
const DELIMITERS: Record<string, CsvDelimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t' };

function formatOf(file: string, explicit: string | undefined): Format {
  if (explicit !== undefined) {
    if (explicit !== 'csv' && explicit !== 'json' && explicit !== 'xlsx') throw new CliError(`--format must be csv, json or xlsx, got "${explicit}"`, IMPORT_EXIT.fileUnusable);
    return explicit;
  }
  const ext = path.extname(file).toLowerCase();
  const format = FORMATS_BY_EXTENSION[ext];
  if (format) return format;
  if (ext === '.xls' || ext === '.ods' || ext === '.numbers') {
    throw new CliError(`${file} is a ${ext} workbook, which cannot be read: save the sheet as "Excel Workbook (.xlsx)" or "CSV UTF-8" and import that.`, IMPORT_EXIT.fileUnusable);
  }
  throw new CliError(`Cannot tell the format of ${file} from its name: import a .csv, .json, .jsonl or .xlsx file, or pass --format csv|json|xlsx.`, IMPORT_EXIT.fileUnusable);
}

function parseRadius(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > 2000) throw new CliError(`--radius-km must be a number of km between 0 and 2000, got "${value}"`, 2);
  return n;
}

function parseEncoding(value: string): TextEncodingName {
  const known = textEncodingOf(value);
  if (!known) throw new CliError(`--encoding must be one of ${TEXT_ENCODINGS.join(', ')} (or a name for one, such as cp1252), got "${value}"`, IMPORT_EXIT.fileUnusable);
  return known;
}

function parseDelimiter(value: string): CsvDelimiter {
  const d = DELIMITERS[value.toLowerCase()];
  if (!d) throw new CliError(`--delimiter must be "," ";" or tab, got "${value}"`, 2);
  return d;
}

function printSummary(summary: ImportSummary, ctx: CliContext, asJson: boolean): void {
  const { rows } = summary;
  for (const r of summary.rejected) ctx.info(`rejected ${r.message}`);
  if (summary.stopped) ctx.info(`Reading stopped at ${rowLabel(summary.format, summary.stopped.row)}: ${summary.stopped.reason}`);
  for (const u of summary.unresolvedLocations) ctx.info(`location not found, kept as text: ${rowLabel(summary.format, u.row)}, "${u.location}" (${u.reason})`);
  if (summary.newEmployerCount > 0) {
    ctx.info(`${summary.newEmployerCount} new employer(s) with sector unknown; classify them with \`atlas employer set-sector EMPLOYER SECTOR\`:`);
    for (const e of summary.newEmployers) ctx.info(`  ${e.id}  ${e.name}`);
  }
  if (summary.ignoredFields.length > 0) ctx.info(`Ignored columns: ${summary.ignoredFields.join(', ')}`);
  if (asJson) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const lines = [
    `${summary.dryRun ? 'dry run (nothing written)' : 'imported'}: ${summary.format}`,
    `rows read: ${rows.read}`,
    `created: ${rows.created}`,
    `updated: ${rows.updated}`,
    `unchanged: ${rows.unchanged}`,
    `rejected: ${rows.rejected}`,
    `suppressed (erased on request): ${rows.suppressed}`,
    `placed in a hub: ${summary.placedInHub}`,
    `locations not found: ${summary.unresolvedLocationCount}`,
    `new employers: ${summary.newEmployerCount}`,
    `new skills: ${summary.newSkillCount}`,
    `candidates merged: ${summary.mergedCandidates}`,
    `nodes created: ${summary.writes.nodesCreated}`,
    `relationships created: ${summary.writes.relationshipsCreated}`,
    `seconds: ${(summary.elapsedMs / 1000).toFixed(1)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runImport(ctx: CliContext, file: string, opts: ImportCliOptions): Promise<number> {
  // `-`: standard input (`… | atlas import - --format csv`), whose size is unknown, so no progress bar.
  const stdin = file === '-';
  if (stdin && opts.format === undefined) throw new CliError('Reading standard input (-): pass --format csv, json or xlsx.', IMPORT_EXIT.fileUnusable);
  const format = formatOf(file, opts.format);
  const size = stdin ? 0 : fileSize(file);
  // A workbook is read whole before its first row, so its bytes say nothing of the rows to come: it
  // counts rows, against the extent its sheet gives where it gives one, from the first batch on.
  let bar: Progress | undefined = stdin || format === 'xlsx' ? undefined : progressBar('import (kB)', Math.ceil(size / 1024));
  const progress = ({ rows, bytes, expectedRows }: { rows: number; bytes: number; expectedRows?: number | undefined }) => {
    if (stdin) return;
    if (format !== 'xlsx') return bar?.update(Math.ceil(bytes / 1024));
    bar ??= expectedRows !== undefined ? progressBar('import (rows)', expectedRows) : progressCount('import (rows read)');
    bar.update(expectedRows !== undefined ? Math.min(rows, expectedRows) : rows);
  };
  const input = stdin ? process.stdin : createReadStream(file);
  const name = stdin ? 'standard input' : file;
  try {
    const summary = await withDatabase(ctx, (db) =>
      importCandidates(db, input, {
        format,
        dryRun: opts.dryRun ?? false,
        radiusKm: opts.radiusKm ?? ctx.env.ATLAS_HUB_RADIUS_KM,
        ...(opts.delimiter && { delimiter: opts.delimiter }),
        ...(opts.encoding && { encoding: opts.encoding }),
        ...(opts.batchSize && { batchSize: opts.batchSize }),
        defaults: { source: ctx.env.ATLAS_IMPORT_DEFAULT_SOURCE, lawfulBasis: ctx.env.ATLAS_IMPORT_DEFAULT_LAWFUL_BASIS },
        audit: { actor: cliActor(), origin: cliOrigin() },
        onProgress: progress,
      }),
    );
    bar?.stop();
    printSummary(summary, ctx, opts.json ?? false);
    return summary.rows.rejected > 0 || summary.stopped ? IMPORT_EXIT.rowsRejected : IMPORT_EXIT.ok;
  } catch (error) {
    bar?.stop();
    if (error instanceof ImportFileError) throw new CliError(`${name}: ${error.message}`, IMPORT_EXIT.fileUnusable);
    // Exit 1 would tell a script that rows were rejected and the others imported.
    if (error instanceof DatabaseUnreachableError) throw new CliError(`${error.message} Nothing was imported.`, IMPORT_EXIT.databaseUnavailable);
    throw databaseLost(error, 'the import', 'Batches written before are kept; run the same import again to finish it.') ?? error;
  }
}

/** The size of an import file, or a one-line error saying why it cannot be read. */
function fileSize(file: string): number {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CliError(`${file} is not a file.`, IMPORT_EXIT.fileUnusable);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, IMPORT_EXIT.fileUnusable);
  }
  if (size === 0) throw new CliError(`${file} is empty.`, IMPORT_EXIT.fileUnusable);
  return size;
}

interface ImportCliOptions {
  format?: string;
  dryRun?: boolean;
  radiusKm?: number;
  delimiter?: CsvDelimiter;
  encoding?: TextEncodingName;
  batchSize?: number;
  json?: boolean;
}

/** Service errors (not found, conflict, bad input) become one-line CLI errors. */
async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError) throw new CliError(error.message, error.status === 404 ? 1 : 2);
    throw error;
  }
}

export function registerImport(program: Command, context: () => CliContext): void {
  program
    .command('import')
    .description('import candidates from a CSV, JSON or Excel (.xlsx) file: validated row by row, placed in hubs, deduplicated, idempotent')
    .argument('<file>', 'a .csv, .json, .jsonl or .xlsx file in the import format (README, "Importing candidates"); - reads standard input (with --format)')
    .option('--format <format>', 'csv, json or xlsx (JSON Lines is json; default: from the file name)')
    .option('--dry-run', 'validate and resolve every row, report what would change, write nothing')
    .option('--radius-km <km>', 'place a candidate in the nearest hub within this distance (default ATLAS_HUB_RADIUS_KM)', parseRadius)
    .option('--delimiter <d>', 'CSV delimiter: "," ";" or tab (default: read from the header)', parseDelimiter)
    .option('--encoding <name>', `CSV or JSON file encoding: ${TEXT_ENCODINGS.join(', ')} (default utf-8; UTF-16 is recognised by its byte-order mark)`, parseEncoding)
    .option('--batch-size <n>', 'rows per write transaction', parseCount('--batch-size', { min: 1, max: 20_000 }))
    .option('--json', 'print the summary as one JSON object')
    .addHelpText(
      'after',
      '\nExit codes: 0 every row imported; 1 some rows rejected (the others were imported); 2 the file cannot be imported; 3 the database is unreachable or became unavailable (batches written before it did are kept).',
    )
    // Commander's usage errors exit 1, which here says rows were rejected and the others imported: a script would take a mistyped option for a partial import.
    .exitOverride((error) => {
      throw error.exitCode === 1 ? new CommanderError(IMPORT_EXIT.fileUnusable, error.code, error.message) : error;
    })
    .action(async (file: string, opts: ImportCliOptions) => {
      process.exitCode = await runImport(context(), file, opts);
    });

  program
    .command('merge')
    .description('merge two candidates known to be one person: KEEP survives, DROP is merged into it (jobs, skills, sources, pipeline entries move)')
    .argument('<keep>', 'id of the candidate that survives (its values win)')
    .argument('<drop>', 'id of the candidate merged into it and deleted')
    .option('--json', 'print { "survivor", "merged" }')
    .action(async (keep: string, drop: string, opts: { json?: boolean }) => {
      const ctx = context();
      const result = await asCli(() => withDatabase(ctx, (db) => mergeCandidates(db, keep, drop)));
      process.stdout.write(opts.json ? `${JSON.stringify({ survivor: result.survivor, merged: result.merged })}\n` : `merged ${result.merged} into ${result.survivor}\n`);
    });

  const employer = program.command('employer').description('manage employers');
  employer
    .command('set-sector')
    .description('classify an employer (e.g. one an import created with sector unknown) into a sector; re-derives its people\'s segments')
    .argument('<employer>', 'employer id, or its name (legal suffixes ignored)')
    .argument('<sector>', 'sector id')
    .option('--json', 'print the result as JSON')
    .action(async (employerRef: string, sectorId: string, opts: { json?: boolean }) => {
      const ctx = context();
      const result = await asCli(() => withDatabase(ctx, (db) => classifyEmployer(db, employerRef, sectorId)));
      process.stdout.write(
        opts.json ? `${JSON.stringify(result)}\n` : `${result.id} (${result.name}) is in sector ${result.sectorId}; segments of ${result.candidates} candidate(s) re-derived\n`,
      );
    });
}

