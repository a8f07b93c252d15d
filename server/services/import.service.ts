import { createHmac } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { classifyDbError } from '../db/neo4j.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import type { Database } from '../db/neo4j.ts';
import { type Draft, type EmployerRef, type HubPlacement, type ResolvedRow, combine, groupByIdentity, rowDraft, rowEntry } from '../import/combine.ts';
import { type CsvDelimiter, readCsv } from '../import/csv-reader.ts';
import { employerNameKey, guessEmployerKind, newEmployerId } from '../import/employer-name.ts';
import { type PlaceResolution, distanceKm, gazetteer } from '../import/gazetteer.ts';
import { readJson } from '../import/json-reader.ts';
import { readXlsx } from '../import/xlsx-reader.ts';
import { ImportFileError, type RowSource, type SourceRow, type TextEncodingName, rowLabel } from '../import/reader.ts';
import { type FieldIssue, type Format, type ImportRow, validateRow } from '../import/row-schema.ts';
import { distinctSlug } from '../import/text.ts';
import {
  type CandidateCreate,
  type CandidateKey,
  type CandidateProps,
  type CandidateState,
  type EmployerCreate,
  type FoundCandidate,
  type HubRef,
  type Tx,
  type WriteCounts,
  addFormerIdentifiers,
  addWrites,
  clearBasedIn,
  clearWorksAt,
  createCandidates,
  deriveSegments,
  findCandidatePair,
  findCandidates,
  findEmployers,
  findEmployersByNormName,
  listSectors,
  loadCandidates,
  loadHubs,
  loadSkills,
  mergeBasedIn,
  mergeCandidatePair,
  mergeEmployers,
  mergeHasSkill,
  mergeSkills,
  mergeWorkedAt,
  mergeWorksAt,
  noWrites,
  setEmployerSector,
  updateCandidates,
} from '../repositories/import.repository.ts';
import { SUPPRESSION_REASON, newSalt } from '../privacy/suppression.ts';
import { ensureInstallationSecret, findInstallationSecret } from '../repositories/installation.repository.ts';
import { type AuditContext, recordAuditEvent } from './audit.service.ts';
import { suppressionChecker } from './privacy.service.ts';

/**
 * Imports a team's candidates from CSV or JSON: each row validated, its
 * location placed in a hub, its employers and skills matched to the graph,
 * rows of one person merged, and written in batches (one transaction each),
 * so an interrupted import keeps every committed batch and a re-run finishes
 * it. Re-importing a row that has not changed writes nothing.
 */

export const DEFAULT_BATCH_SIZE = 1000;
/** Lists in the summary are capped; the counts beside them are not. */
const LIST_CAP = 500;

export interface ImportOptions {
  format: Format;
  /** Validate and resolve, count what would change, write nothing. */
  dryRun?: boolean;
  /** A located candidate belongs to the nearest hub within this distance. */
  radiusKm: number;
  /** CSV only; sniffed from the header when absent. */
  delimiter?: CsvDelimiter;
  /** CSV and JSON: the file's encoding, when it is not UTF-8 (UTF-16 is recognised by its byte-order mark). */
  encoding?: TextEncodingName;
  batchSize?: number;
  /** Called after each batch and at the end: rows read, bytes read, and the rows the input says it holds where it says (a workbook). */
  onProgress?: (progress: { rows: number; bytes: number; expectedRows?: number | undefined }) => void;
  /** The import's day (YYYY-MM-DD): recorded as `obtainedAt` when a row gives none, and the latest day a row's dates may give. */
  today?: string;
  /** The installation's defaults for rows without a source or lawful basis (ATLAS_IMPORT_DEFAULT_*). */
  defaults?: { source?: string; lawfulBasis?: string };
  /** Who imports, for the audit trail (an import that writes is recorded; a dry run is not). */
  audit?: AuditContext & { now?: Date };
}

const RowProblemSchema = z.object({
  /** CSV: the spreadsheet row (header = 1); JSON: the array index, or the line of a JSON Lines item (from 1). */
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
  message: z.string(),
});

export const ImportSummarySchema = z.object({
  format: z.enum(['csv', 'json', 'xlsx']),
  dryRun: z.boolean(),
  rows: z.object({
    read: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    /** Of the rejected rows, those naming a person erased on request (on the suppression list). */
    suppressed: z.number().int(),
  }),
  /** Rows not imported, each with its field and reason (the first 500). */
  rejected: z.array(RowProblemSchema),
  /** Set when the input could not be read to its end. */
  stopped: z.object({ row: z.number().int(), reason: z.string() }).nullable(),
  /** Locations kept as text because the gazetteer does not know them (the first 500). */
  unresolvedLocations: z.array(z.object({ row: z.number().int(), location: z.string(), reason: z.string() })),
  unresolvedLocationCount: z.number().int(),
  /** Candidates placed in a hub. */
  placedInHub: z.number().int(),
  /** Employers created with sector unknown: classify them with `atlas employer set-sector` (the first 500). */
  newEmployers: z.array(z.object({ id: z.string(), name: z.string() })),
  newEmployerCount: z.number().int(),
  newSkills: z.array(z.object({ id: z.string(), name: z.string() })),
  newSkillCount: z.number().int(),
  /** Existing candidates found to be one person by a row naming both, and merged. */
  mergedCandidates: z.number().int(),
  /** Columns or keys outside the format, ignored. */
  ignoredFields: z.array(z.string()),
  writes: z.object({
    nodesCreated: z.number().int(),
    nodesDeleted: z.number().int(),
    relationshipsCreated: z.number().int(),
    relationshipsDeleted: z.number().int(),
    propertiesSet: z.number().int(),
  }),
  elapsedMs: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** The input is no CSV or JSON a person would recognise; said before anything is read as rows. */
function guardInput(input: AsyncIterable<Buffer | string>, format: Format, onBytes: (n: number) => void, encoding: TextEncodingName = 'utf-8'): AsyncIterable<Buffer | string> {
  if (format === 'xlsx') {
    if (encoding !== 'utf-8') throw new ImportFileError(`An .xlsx workbook carries its own encoding: the encoding (${encoding}) is for CSV and JSON files.`);
    return guardWorkbook(input, onBytes);
  }
  return (async function* () {
    // Excel's "Unicode text" and some exports are UTF-16 with a byte-order mark, and a file in an encoding the
    // user names is read in it: either is passed on as the text it is, in UTF-8.
    let decoder: TextChunkDecoder | undefined = encoding === 'utf-8' ? undefined : iconv.getDecoder(encoding);
    let undecided: Buffer | undefined = decoder ? undefined : Buffer.alloc(0);
    let checked = false;
    const inspect = (head: Buffer) => {
      checked = true;
      if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
        throw new ImportFileError(`This is a ZIP archive (an Excel .xlsx workbook?), not ${format === 'csv' ? 'CSV' : 'JSON'}: import it as xlsx (a .xlsx file name, or the format xlsx).`);
      }
      if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw new ImportFileError('This is a PDF, not CSV, JSON or an Excel workbook.');
      if (head.subarray(0, 8).equals(COMPOUND_FILE)) {
        throw new ImportFileError(
          `This is an Excel workbook (an old .xls, or an .xlsx protected with a password), not ${format === 'csv' ? 'CSV' : 'JSON'}: save the sheet as "CSV UTF-8" and import that.`,
        );
      }
      if (utf16WithoutMark(head)) {
        throw new ImportFileError('This is UTF-16 text without a byte-order mark, which cannot be told apart from other encodings: save it as UTF-8 (or "Unicode text", which writes the mark).');
      }
      if (isBinary(head)) throw new ImportFileError('This is a binary file, not CSV or JSON text (it contains NUL bytes).');
      const start = head.toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
      if (format === 'csv' && (start === '[' || start === '{')) {
        throw new ImportFileError('This looks like JSON, not CSV: name the file .json or pass the format json.');
      }
    };
    for await (const chunk of input) {
      let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      onBytes(buf.length);
      if (undecided) {
        // The byte-order mark may arrive split over two chunks.
        buf = Buffer.concat([undecided, buf]);
        if (buf.length < 2) {
          undecided = buf;
          continue;
        }
        undecided = undefined;
        const bom = utf16Encoding(buf);
        if (bom) decoder = iconv.getDecoder(bom);
      }
      if (decoder) buf = Buffer.from(decoder.write(buf), 'utf8');
      if (buf.length === 0) continue;
      if (!checked) inspect(buf.subarray(0, 8192));
      // In slices: the parser reads a chunk in one go, and the database's answers to the batch being
      // written wait meanwhile (a file stream's 64 KiB chunk holds a few hundred rows).
      for (let i = 0; i < buf.length; i += INPUT_SLICE) yield buf.subarray(i, i + INPUT_SLICE);
    }
    const rest = undecided ?? Buffer.from(decoder?.end() ?? '', 'utf8');
    if (rest.length > 0) {
      if (!checked) inspect(rest);
      yield rest;
    }
  })();
}

/**
 * Decodes text chunk by chunk, a character split between two chunks kept for
 * the next (iconv-lite: Node 20's own TextDecoder reads windows-1252 as
 * Latin-1, turning €, Œ, curly quotes and dashes into control characters).
 */
interface TextChunkDecoder {
  write(chunk: Buffer): string;
  end(): string | undefined;
}

/** A workbook is a ZIP archive: anything else is refused by what it looks like. */
async function* guardWorkbook(input: AsyncIterable<Buffer | string>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  // An OLE compound file: an old .xls, or an .xlsx encrypted with a password, told apart by the streams it holds.
  let compound: { tail: Buffer; encrypted: boolean } | undefined;
  for await (const chunk of input) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    onBytes(buf.length);
    if (compound) {
      compound.encrypted ||= holdsEncryptedPackage(compound, buf);
      continue;
    }
    if (head) {
      buf = Buffer.concat([head, buf]);
      if (buf.length < 4) {
        head = buf;
        continue;
      }
      head = undefined;
      if (buf.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
        if (!buf.subarray(0, 8).equals(COMPOUND_FILE)) {
          throw new ImportFileError('This is not an Excel workbook (.xlsx is a ZIP archive): import it as CSV or JSON, or save the sheet as .xlsx.');
        }
        compound = { tail: Buffer.alloc(0), encrypted: false };
        compound.encrypted = holdsEncryptedPackage(compound, buf);
        continue;
      }
    }
    yield buf;
  }
  if (compound) {
    throw new ImportFileError(
      compound.encrypted
        ? 'This workbook is protected with a password (encrypted), so it cannot be read: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, emptied) or save a copy as "CSV UTF-8", and import that.'
        : 'This is an old Excel workbook (.xls), not .xlsx: save it as "Excel Workbook (.xlsx)" or "CSV UTF-8" and import that.',
    );
  }
  if (head) throw new ImportFileError(head.length === 0 ? 'The file is empty.' : 'This is not an Excel workbook (.xlsx is a ZIP archive).');
}

/** The signature of an OLE compound file (.xls, .doc, and Office files encrypted with a password). */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an encrypted Office file keeps its workbook in, named in the compound file's directory (UTF-16). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Whether the chunk (with the end of the one before, so a name across two is found) names the encrypted package. */
function holdsEncryptedPackage(state: { tail: Buffer }, chunk: Buffer): boolean {
  const text = Buffer.concat([state.tail, chunk]);
  state.tail = Buffer.from(text.subarray(Math.max(0, text.length - ENCRYPTED_PACKAGE.length + 1)));
  return text.includes(ENCRYPTED_PACKAGE);
}

/**
 * Whether the start of a file is binary: control bytes that text never holds
 * (NUL and the like) make up more than 1% of it. A stray NUL in a text file (a
 * paste, a bad export) is no binary file: the row holding it is rejected, and
 * the other rows are read.
 */
function isBinary(head: Buffer): boolean {
  let controls = 0;
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) controls++;
  return controls > 1 && controls * 100 > head.length;
}

/** Text in UTF-16 with no byte-order mark: NUL as the high byte of most characters, at every odd (little-endian) or even (big-endian) place. */
function utf16WithoutMark(head: Buffer): boolean {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return false;
  let odd = 0;
  let even = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0 && head[i + 1] !== 0) even++;
    if (head[i + 1] === 0 && head[i] !== 0) odd++;
  }
  return Math.max(odd, even) > pairs * 0.6;
}

/** UTF-16 by its byte-order mark (little- or big-endian), else undefined. */
function utf16Encoding(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

interface ImportContext {
  db: Database;
  options: Required<Pick<ImportOptions, 'radiusKm' | 'batchSize' | 'today'>> & ImportOptions;
  hubs: HubRef[];
  /** Lower-cased skill name or id → skill id. */
  skills: Map<string, string>;
  /** normName → employer; bounded, refilled from the graph per batch. */
  employers: Map<string, EmployerRef & { isNew: boolean }>;
  places: Map<string, PlaceResolution>;
  newEmployers: Map<string, string>;
  newSkills: Map<string, string>;
  summary: ImportSummary;
  /** Null when nobody was ever erased. */
  suppressed: Awaited<ReturnType<typeof suppressionChecker>>;
  /** The installation's key for new candidate ids; a throwaway one until `idKeyStored` (see writeBatch). */
  idKey: string;
  idKeyStored: boolean;
  /**
   * What the batch written last may have changed of what a look-up finds: its drafts' identity
   * keys and new ids, and every candidate it found. A batch whose look-up ran before that batch
   * committed (see prepareBatch) and names one of these looks again, in its own transaction.
   */
  lastWritten: Set<string>;
  /** Whether the source numbers its rows by line (JSON Lines), for messages. */
  byLine: () => boolean;
}

const CACHE_CAP = 50_000;
/** The most bytes of the input parsed in one go (see guardInput). */
const INPUT_SLICE = 16 * 1024;
/** Rows read between two turns of the event loop (a few milliseconds of parsing and validation). */
const YIELD_EVERY = 10;

async function createContext(db: Database, options: ImportOptions): Promise<ImportContext> {
  const [hubs, skills, suppressed, idKey] = await Promise.all([
    loadHubs(db),
    loadSkills(db),
    suppressionChecker(db),
    findInstallationSecret(db, 'candidate-id-key'),
  ]);
  return {
    idKey: idKey ?? newSalt(),
    idKeyStored: idKey !== null,
    db,
    options: { batchSize: DEFAULT_BATCH_SIZE, today: new Date().toISOString().slice(0, 10), ...options },
    hubs,
    skills: new Map(skills.flatMap((s) => [[s.id.toLowerCase(), s.id] as const, ...(s.name ? [[s.name.toLowerCase(), s.id] as const] : [])])),
    employers: new Map(),
    places: new Map(),
    newEmployers: new Map(),
    newSkills: new Map(),
    summary: emptySummary(options),
    suppressed,
    lastWritten: new Set(),
    byLine: () => false,
  };
}

function openSource(input: AsyncIterable<Buffer | string>, options: ImportOptions, onBytes: (n: number) => void): RowSource {
  const guarded = guardInput(input, options.format, onBytes, options.encoding);
  const defaulted = new Set([...(options.defaults?.source ? ['source'] : []), ...(options.defaults?.lawfulBasis ? ['lawful_basis'] : [])]);
  if (options.format === 'xlsx') return readXlsx(guarded, { defaulted });
  return options.format === 'csv' ? readCsv(guarded, { delimiter: options.delimiter, defaulted }) : readJson(guarded);
}

export async function importCandidates(db: Database, input: AsyncIterable<Buffer | string>, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  let bytes = 0;
  const source = openSource(input, options, (n) => {
    bytes += n;
  });
  const ctx = await createContext(db, options);
  ctx.byLine = () => source.byLine === true;
  const { summary } = ctx;

  for await (const batch of readAhead(batches(ctx, source.rows))) {
    await writeBatch(ctx, batch);
    options.onProgress?.({ rows: summary.rows.read, bytes, expectedRows: source.expectedRows });
  }

  // A batch's write-time rejections come in after the next batch's validation ones: back to file order.
  summary.rejected.sort((a, b) => a.row - b.row);
  summary.stopped = source.stopped ?? null;
  summary.ignoredFields = [...source.ignoredFields].sort();
  summary.newEmployerCount = ctx.newEmployers.size;
  summary.newEmployers = [...ctx.newEmployers].slice(0, LIST_CAP).map(([id, name]) => ({ id, name }));
  summary.newSkillCount = ctx.newSkills.size;
  summary.newSkills = [...ctx.newSkills].slice(0, LIST_CAP).map(([id, name]) => ({ id, name }));
  summary.elapsedMs = Math.round(performance.now() - started);
  options.onProgress?.({ rows: summary.rows.read, bytes, expectedRows: source.expectedRows });
  if (options.audit && !summary.dryRun) {
    const { now = new Date(), ...who } = options.audit;
    await recordAuditEvent(db, { action: 'import.run', ...who, at: now, details: { format: summary.format, ...summary.rows, stopped: summary.stopped !== null } });
  }
  return summary;
}

/**
 * The batches of `source`, the next one read, validated and resolved while the
 * caller writes the current one (the database works while this process parses).
 * One batch ahead, no more, so memory does not grow with the file. The writes stay
 * one after the other: a batch's look-ups see every batch before it committed.
 */
async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = source.next();
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => {});
      yield current.value;
    }
  } finally {
    // Stopped early (a write failed): close the input once the batch being read is done,
    // without holding up the failure (an upload may be slow to deliver the rest of it).
    const close = () => source.return(undefined);
    next.then(close, close).catch(() => {});
  }
}

/**
 * The importer's batches as it would write new candidates, resolved and
 * ready, without writing: the benchmark feeds them to the bare statements.
 */
export async function* preparedCreateBatches(
  db: Database,
  input: AsyncIterable<Buffer | string>,
  options: ImportOptions,
): AsyncGenerator<{ rows: CandidateCreate[]; employers: EmployerCreate[]; skills: { id: string; name: string }[] }> {
  const ctx = await createContext(db, options);
  const source = openSource(input, options, () => {});
  ctx.byLine = () => source.byLine === true;
  for await (const batch of batches(ctx, source.rows)) {
    yield { rows: [...batch.creates.values()], employers: batch.employers, skills: batch.skills };
  }
}

function emptySummary(options: ImportOptions): ImportSummary {
  return {
    format: options.format,
    dryRun: options.dryRun ?? false,
    rows: { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, suppressed: 0 },
    rejected: [],
    stopped: null,
    unresolvedLocations: [],
    unresolvedLocationCount: 0,
    placedInHub: 0,
    newEmployers: [],
    newEmployerCount: 0,
    newSkills: [],
    newSkillCount: 0,
    mergedCandidates: 0,
    ignoredFields: [],
    writes: noWrites(),
    elapsedMs: 0,
  };
}

function reject(ctx: ImportContext, row: number, issues: FieldIssue[]): void {
  const { summary } = ctx;
  summary.rows.rejected++;
  if (summary.rejected.length >= LIST_CAP * 2) return;
  for (const issue of issues) {
    summary.rejected.push({ row, ...issue, message: `${rowLabel(ctx.options.format, row, ctx.byLine())}, ${issue.field}: ${issue.reason}` });
  }
}

/** Reads, validates and resolves rows into batches of people ready to write. */
async function* batches(ctx: ImportContext, rows: AsyncIterable<SourceRow>): AsyncGenerator<PreparedBatch> {
  let pending: ResolvedRow[] = [];
  for await (const source of rows) {
    // Rows already buffered arrive as microtasks, which run before any I/O: without a pause,
    // the database's answers to the batch being written would wait until this batch is read.
    if (++ctx.summary.rows.read % YIELD_EVERY === 0) await setImmediate();
    if (source.problem) {
      reject(ctx, source.row, [source.problem]);
      continue;
    }
    const checked = validateRow(ctx.options.format, withDefaults(source.fields, ctx.options.defaults), ctx.options.today);
    if (!checked.ok) {
      reject(ctx, source.row, checked.issues);
      continue;
    }
    pending.push(resolveRow(ctx, source.row, checked.row));
    if (pending.length >= ctx.options.batchSize) {
      yield await prepareBatch(ctx, pending);
      pending = [];
    }
  }
  if (pending.length > 0) yield await prepareBatch(ctx, pending);
}

function resolveRow(ctx: ImportContext, row: number, data: ImportRow): ResolvedRow {
  const resolved: ResolvedRow = { row, data, jobEmployers: [], skillIds: [], entry: '' };
  if (data.location) {
    let place = ctx.places.get(data.location);
    if (!place) {
      if (ctx.places.size >= CACHE_CAP) ctx.places.clear();
      place = gazetteer().resolve(data.location, ctx.hubs);
      ctx.places.set(data.location, place);
    }
    if (place.ok) {
      resolved.place = place.place;
      resolved.hub = nearestHub(ctx.hubs, place.place, ctx.options.radiusKm);
    } else {
      ctx.summary.unresolvedLocationCount++;
      if (ctx.summary.unresolvedLocations.length < LIST_CAP) {
        ctx.summary.unresolvedLocations.push({ row, location: data.location, reason: place.reason });
      }
    }
  }
  for (const name of data.skills) {
    // The slug is the new skill's id; a hash joins it where it is cut, so two long names never share one.
    let id = ctx.skills.get(name.toLowerCase()) ?? ctx.skills.get(distinctSlug(name));
    if (!id) {
      id = distinctSlug(name);
      ctx.skills.set(name.toLowerCase(), id);
      ctx.skills.set(id, id);
      ctx.newSkills.set(id, name);
    }
    if (!resolved.skillIds.includes(id)) resolved.skillIds.push(id);
  }
  resolved.entry = rowEntry(data, resolved.hub?.id);
  return resolved;
}

export function nearestHub(hubs: HubRef[], at: { latitude: number; longitude: number }, radiusKm: number): HubPlacement | undefined {
  let best: HubPlacement | undefined;
  for (const hub of hubs) {
    const d = distanceKm(at, hub);
    if (d <= radiusKm && (!best || d < best.distanceKm)) best = { id: hub.id, latitude: hub.latitude, longitude: hub.longitude, distanceKm: d };
  }
  return best;
}

/** Employers by normalised name: the graph's, else a new one (listed in the summary). */
async function resolveEmployers(ctx: ImportContext, rows: ResolvedRow[]): Promise<void> {
  // Each name's key worked out once a batch: a name recurs on many rows.
  const keyOf = new Map<string, string>();
  for (const r of rows) {
    for (const name of [r.data.current?.employer, ...r.data.previousJobs.map((j) => j.employer)]) {
      if (name && !keyOf.has(name)) keyOf.set(name, employerNameKey(name));
    }
  }
  // The cache is bounded: started afresh before this batch's look-up, never after it, so every employer the batch names is in it.
  if (ctx.employers.size + keyOf.size > CACHE_CAP) ctx.employers.clear();
  const names = new Map<string, string>();
  for (const [name, norm] of keyOf) if (!ctx.employers.has(norm) && !names.has(norm)) names.set(norm, name);
  if (names.size > 0) {
    const found = await findEmployersByNormName(ctx.db, [...names.keys()]);
    for (const [normName, name] of names) {
      const id = found.get(normName);
      if (id) ctx.employers.set(normName, { id, name, normName, kind: guessEmployerKind(name), isNew: false });
      else {
        const created = { id: newEmployerId(normName), name, normName, kind: guessEmployerKind(name), isNew: true };
        ctx.employers.set(normName, created);
        if (!ctx.newEmployers.has(created.id)) ctx.newEmployers.set(created.id, name);
      }
    }
  }
  const ref = (name: string) => ctx.employers.get(keyOf.get(name)!)!;
  for (const r of rows) {
    if (r.data.current) r.currentEmployer = ref(r.data.current.employer);
    r.jobEmployers = r.data.previousJobs.map((j) => ref(j.employer));
  }
}

/** A blank or missing source or lawful basis takes the installation's default, when one is set. */
function withDefaults(fields: Record<string, unknown>, defaults: ImportOptions['defaults']): Record<string, unknown> {
  if (!defaults) return fields;
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  const out = { ...fields };
  if (defaults.source && blank(out.source)) out.source = defaults.source;
  if (defaults.lawfulBasis && blank(out.lawful_basis)) out.lawful_basis = defaults.lawfulBasis;
  return out;
}

/** Rows naming a person erased on request are refused, whichever identifier matches. */
async function withoutSuppressed(ctx: ImportContext, rows: ResolvedRow[]): Promise<ResolvedRow[]> {
  if (!ctx.suppressed || rows.length === 0) return rows;
  const refused = await ctx.suppressed(
    rows.map((r) => ({ emailKey: r.data.email?.key ?? null, profileKey: r.data.profile?.key ?? null, otherProfileKeys: r.data.profile?.formerKeys })),
  );
  const kept: ResolvedRow[] = [];
  rows.forEach((r, i) => {
    const matched = refused[i]!;
    if (matched.length === 0) return void kept.push(r);
    ctx.summary.rows.suppressed++;
    reject(ctx, r.row, [{ field: matched[0] === 'email' ? 'email' : 'profile_url', reason: SUPPRESSION_REASON }]);
  });
  return kept;
}

interface PreparedBatch {
  drafts: Draft[];
  /** Each draft as a new candidate, with the id `idKey` gives it (the installation's key may be settled after). */
  creates: Map<Draft, CandidateCreate>;
  idKey: string;
  /** Employers and skills first seen in this import that the batch names; MERGEd before its candidates. */
  employers: EmployerCreate[];
  skills: { id: string; name: string }[];
  /** The batch's look-up keys (lookupKeys, with the ids `idKey` gives). */
  keys: CandidateKey[];
  /**
   * What those keys found when the batch was prepared: every batch before the one being written
   * meanwhile had committed. Looking up there takes the look-up's round trip off the write's path.
   */
  found: FoundCandidate[];
}

async function prepareBatch(ctx: ImportContext, resolved: ResolvedRow[]): Promise<PreparedBatch> {
  const rows = await withoutSuppressed(ctx, resolved);
  await resolveEmployers(ctx, rows);
  const employers = new Map<string, EmployerCreate>();
  const skills = new Map<string, { id: string; name: string }>();
  for (const r of rows) {
    for (const e of [r.currentEmployer, ...r.jobEmployers]) {
      if (e && ctx.newEmployers.has(e.id)) employers.set(e.id, { id: e.id, name: e.name, normName: e.normName, kind: e.kind });
    }
    for (const id of r.skillIds) {
      const name = ctx.newSkills.get(id);
      if (name !== undefined) skills.set(id, { id, name });
    }
  }
  const drafts: Draft[] = [];
  const creates = new Map<Draft, CandidateCreate>();
  const groups = groupByIdentity(rows);
  for (let i = 0; i < groups.length; i++) {
    // A turn of the event loop now and then, so the database's answers to the batch being written wait for no more than a few rows.
    if (i > 0 && i % YIELD_EVERY === 0) await setImmediate();
    const draft = groups[i]!.map(rowDraft).reduce((a, b) => combine(a, b, ctx.options.today));
    drafts.push(draft);
    // Worked out here, while the previous batch is written, rather than inside this batch's transaction.
    creates.set(draft, createParams(draft, ctx.options.today, ctx.idKey));
  }
  const keys = lookupKeys(drafts, (d) => creates.get(d)!.id);
  const found = await ctx.db.readTx((tx) => findCandidates(tx, keys));
  return { drafts, creates, idKey: ctx.idKey, employers: [...employers.values()], skills: [...skills.values()], keys, found };
}

/**
 * The keys a batch's drafts are looked up by: each draft's profile and email keys, paired in
 * order, and the id it would get as a new candidate.
 */
function lookupKeys(drafts: Draft[], newId: (d: Draft) => string): CandidateKey[] {
  const keys: CandidateKey[] = [];
  drafts.forEach((draft, ref) => {
    // By id too: a candidate created from a key it has since replaced still owns the id that key gives.
    const profiles = draft.identityKeys.filter((k) => k.startsWith('p:')).map((k) => k.slice(2));
    const emails = draft.identityKeys.filter((k) => k.startsWith('e:')).map((k) => k.slice(2));
    for (let i = 0; i < Math.max(1, profiles.length, emails.length); i++) {
      keys.push({ ref, id: i === 0 ? newId(draft) : null, profileKey: profiles[i] ?? null, emailKey: emails[i] ?? null });
    }
  });
  return keys;
}

/**
 * Whether what `batch` found when it was prepared still holds: its ids were worked out with the
 * installation's key, and the batch written since (the only write it may not have seen, but for
 * other writers, whose duplicates the key constraints refuse) touched none of its keys and none
 * of the candidates it found.
 */
function foundStillHolds(ctx: ImportContext, batch: PreparedBatch): boolean {
  if (batch.idKey !== ctx.idKey) return false;
  const touched = ctx.lastWritten;
  if (touched.size === 0) return true;
  for (const k of batch.keys) {
    if ((k.id !== null && touched.has(k.id)) || (k.profileKey !== null && touched.has(`p:${k.profileKey}`)) || (k.emailKey !== null && touched.has(`e:${k.emailKey}`))) return false;
  }
  return !batch.found.some((f) => touched.has(f.id));
}

type Outcome = 'created' | 'updated' | 'unchanged';

interface BatchResult {
  outcomes: Map<Draft, Outcome>;
  /** Rows already applied to the candidate, counted unchanged even when their group is written. */
  unchangedRows: Set<number>;
  writes: WriteCounts;
  merged: number;
  placed: number;
  /** The keys and ids it wrote or found (ImportContext.lastWritten). */
  touched: Set<string>;
  /** The candidates it created, updated or merged: all its change to the talent graph is theirs (WriteOptions.changedCandidates). */
  changed: string[];
}

/** A batch changes the talent graph only in its people (new employers and skills score no one else). */
const BATCH_WRITE = { changedCandidates: (result: BatchResult) => result.changed };

async function writeBatch(ctx: ImportContext, prepared: PreparedBatch): Promise<void> {
  const { drafts } = prepared;
  // The installation's id key is created with the first batch that may write, not before: a file
  // refused whole, or a dry run, writes nothing (the ids a dry run works with are never stored).
  if (!ctx.options.dryRun && !ctx.idKeyStored) {
    ctx.idKey = await ensureInstallationSecret(ctx.db, 'candidate-id-key', ctx.idKey, new Date().toISOString());
    ctx.idKeyStored = true;
  }
  // What the batch found when it was prepared, if that still holds; else (and when the transaction
  // is retried, or refused by a key constraint that another writer's new candidate holds) it looks
  // again inside its own transaction.
  const holds = foundStillHolds(ctx, prepared);
  let prefound = holds ? prepared.found : undefined;
  const once = () => {
    const given = prefound;
    prefound = undefined;
    return given;
  };
  const { dryRun } = ctx.options;
  const apply = (given?: () => FoundCandidate[] | undefined) =>
    dryRun ? ctx.db.readTx((tx) => applyBatch(ctx, tx, prepared, true, given?.())) : ctx.db.writeTx((tx) => applyBatch(ctx, tx, prepared, false, given?.()), BATCH_WRITE);
  let result: BatchResult;
  try {
    try {
      result = await apply(once);
    } catch (error) {
      if (!isRowError(error) || !holds) throw error;
      result = await apply();
    }
  } catch (error) {
    // Only a statement the database refused (a constraint, a bad value) is a row's fault.
    if (!isRowError(error)) throw error;
    // One bad record must not cost its batch: write the people one by one to find it.
    result = { outcomes: new Map(), unchangedRows: new Set(), writes: noWrites(), merged: 0, placed: 0, touched: new Set(), changed: [] };
    for (const draft of drafts) {
      try {
        const one = await ctx.db.writeTx((tx) => applyBatch(ctx, tx, { ...prepared, drafts: [draft] }, false), BATCH_WRITE);
        for (const [d, o] of one.outcomes) result.outcomes.set(d, o);
        for (const r of one.unchangedRows) result.unchangedRows.add(r);
        for (const t of one.touched) result.touched.add(t);
        addWrites(result.writes, one.writes);
        result.merged += one.merged;
        result.placed += one.placed;
      } catch (single) {
        if (!isRowError(single)) throw single;
        // The database's own words quote the statement, its internal ids or the value another
        // candidate holds, and the summary is an API answer: the row is told the kind of refusal.
        const reason =
          classifyDbError(single) === 'constraint'
            ? 'could not be written: it conflicts with a record the database holds (an e-mail or profile link of another candidate)'
            : 'could not be written: the database refused a value in it';
        for (const row of draft.rows) reject(ctx, row, [{ field: '(row)', reason }]);
      }
    }
  }
  const { rows } = ctx.summary;
  for (const [draft, outcome] of result.outcomes) {
    draft.rows.forEach((row, i) => {
      if (outcome === 'unchanged' || result.unchangedRows.has(row)) rows.unchanged++;
      else if (outcome === 'created' && i === 0) rows.created++;
      else rows.updated++;
    });
  }
  ctx.lastWritten = result.touched;
  addWrites(ctx.summary.writes, result.writes);
  ctx.summary.mergedCandidates += result.merged;
  ctx.summary.placedInHub += result.placed;
}

function isRowError(error: unknown): boolean {
  const kind = classifyDbError(error);
  return kind === 'constraint' || kind === 'client';
}

/** How many candidates merging these groups of one person's ids removes: groups sharing an id are one person. */
function mergesOf(groups: string[][]): number {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const up = parent.get(id);
    return up === undefined ? id : root(up);
  };
  let merges = 0;
  for (const [first, ...rest] of groups) {
    for (const id of rest) {
      const [a, b] = [root(first!), root(id)];
      if (a !== b) {
        parent.set(b, a);
        merges++;
      }
    }
  }
  return merges;
}

/**
 * Writes a batch: the candidates its keys find (`prefound`, when what it found when prepared still
 * holds; else looked up here) are updated, several drafts finding one candidate being one person,
 * and the others created.
 */
async function applyBatch(ctx: ImportContext, tx: Tx, batch: PreparedBatch, dryRun: boolean, prefound?: FoundCandidate[]): Promise<BatchResult> {
  const { today } = ctx.options;
  const writes = noWrites();
  let merged = 0;
  // The first batch is prepared before the installation's id key is settled: should another
  // import have settled it first, that batch's ids are worked out again with the stored key.
  const keyed = batch.idKey === ctx.idKey ? batch.creates : new Map(batch.drafts.map((d) => [d, createParams(d, today, ctx.idKey)]));
  const asCreated = (d: Draft) => keyed.get(d)!;
  const keys = prefound ? batch.keys : lookupKeys(batch.drafts, (d) => asCreated(d).id);
  let found = prefound ?? (await findCandidates(tx, keys));
  const touched = new Set<string>(found.map((f) => f.id));
  for (const d of batch.drafts) {
    for (const k of d.identityKeys) touched.add(k);
    touched.add(asCreated(d).id);
  }

  // A draft whose keys find two candidates says they are one person: merge them first.
  const idsByRef = new Map<number, string[]>();
  for (const f of found) {
    const ids = idsByRef.get(f.ref) ?? [];
    if (!ids.includes(f.id)) ids.push(f.id);
    idsByRef.set(f.ref, ids);
  }
  const conflicted = [...idsByRef.values()].filter((ids) => ids.length > 1);
  if (conflicted.length > 0 && !dryRun) {
    for (const [survivor, ...duplicates] of conflicted) {
      for (const duplicate of duplicates) {
        const result = await mergeCandidatePair(tx, survivor!, duplicate, today);
        if (result.merged) merged++;
        addWrites(writes, result.writes);
      }
    }
    found = await findCandidates(tx, keys);
  } else if (conflicted.length > 0) {
    // Nothing is merged in a dry run, but the summary says what the import would merge.
    merged = mergesOf(conflicted);
  }

  const existing = new Map<string, FoundCandidate>();
  const targetOf = new Map<Draft, string>();
  for (const f of found) {
    existing.set(f.id, f);
    const draft = batch.drafts[f.ref]!;
    if (!targetOf.has(draft)) targetOf.set(draft, f.id);
  }
  // Drafts that reach the same candidate (through different keys) are combined in file order.
  const byTarget = new Map<string, Draft>();
  const outcomes = new Map<Draft, Outcome>();
  const creates: Draft[] = [];
  for (const draft of batch.drafts) {
    const id = targetOf.get(draft);
    if (!id) {
      creates.push(draft);
      continue;
    }
    const before = byTarget.get(id);
    byTarget.set(id, before ? combine(before, draft, today) : draft);
  }

  const unchangedRows = new Set<number>();
  const updates: { id: string; draft: Draft; formerKeys: string[] }[] = [];
  for (const [id, draft] of byTarget) {
    const f = existing.get(id)!;
    const applied = new Set(f.importHashes);
    const fresh = draft.entries.filter((e) => !applied.has(e));
    if (fresh.length === 0) {
      outcomes.set(draft, 'unchanged');
      continue;
    }
    draft.rows.forEach((row, i) => {
      if (applied.has(draft.rowEntries[i]!)) unchangedRows.add(row);
    });
    outcomes.set(draft, 'updated');
    updates.push({ id, draft, formerKeys: f.formerKeys });
  }
  for (const draft of creates) outcomes.set(draft, 'created');
  const placed = [...creates, ...updates.map((u) => u.draft)].filter((d) => d.location?.hub).length;
  if (dryRun) return { outcomes, unchangedRows, writes, merged, placed, touched, changed: [] };

  addWrites(writes, await mergeEmployers(tx, batch.employers));
  addWrites(writes, await mergeSkills(tx, batch.skills));
  const created = creates.map(asCreated);
  addWrites(writes, await createCandidates(tx, created));
  addWrites(writes, await addFormerIdentifiers(tx, creates.flatMap((d) => formerOfCreated(d, asCreated(d).id))));
  if (updates.length > 0) await writeUpdates(tx, updates, today, writes);
  const written = [...created.map((c) => c.id), ...updates.map((u) => u.id)];
  addWrites(writes, await deriveSegments(tx, written));
  return { outcomes, unchangedRows, writes, merged, placed, touched, changed: [...new Set([...conflicted.flat(), ...written])] };
}

/**
 * A new candidate's id: derived from its identity key, so a re-run of an
 * interrupted import finds the same one, keyed with the installation's secret
 * (HMAC-SHA256), so an id seen in a link or an export cannot be tested against
 * a guessed address by someone who may not see contact details.
 */
function newCandidateId(draft: Draft, idKey: string): string {
  const key = draft.props.profileKey ? `p:${draft.props.profileKey}` : `e:${draft.props.emailKey}`;
  return `cand-${createHmac('sha256', idKey).update(key).digest('hex').slice(0, 16)}`;
}

function propsOf(id: string, d: Draft, today: string): CandidateProps {
  const p = d.props;
  const openToWork = p.openToWork ?? false;
  return {
    id,
    name: p.name ?? null,
    email: p.email ?? null,
    emailKey: p.emailKey ?? null,
    profileUrl: p.profileUrl ?? null,
    profileKey: p.profileKey ?? null,
    locationText: d.location?.text ?? null,
    latitude: d.location?.latitude ?? null,
    longitude: d.location?.longitude ?? null,
    yearsExperience: p.yearsExperience ?? null,
    seniority: p.seniority ?? null,
    openToWork,
    passive: !openToWork,
    sources: d.sources,
    lawfulBasis: p.lawfulBasis ?? null,
    obtainedAt: p.obtainedAt ?? today,
    importHashes: d.entries,
  };
}

function createParams(d: Draft, today: string, idKey: string): CandidateCreate {
  const hub = d.location?.hub;
  return {
    ...propsOf(newCandidateId(d, idKey), d, today),
    hubs: hub ? [{ id: hub.id, latitude: hub.latitude, longitude: hub.longitude }] : [],
    current: d.current ? [d.current] : [],
    jobs: [...d.jobs.values()],
    skills: [...d.skillIds].map((id) => ({ id })),
  };
}

/** The candidate as the graph has it, as a draft to combine a batch's draft onto. */
function existingDraft(f: CandidateState): Draft {
  const p = f.props;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const location = p.location as { x: number; y: number } | null | undefined;
  const current = f.currentJobs[0];
  return {
    rows: [],
    props: Object.fromEntries(
      Object.entries({
        name: str('name'),
        email: str('email'),
        emailKey: str('emailKey'),
        profileUrl: str('profileUrl'),
        profileKey: str('profileKey'),
        yearsExperience: typeof p.yearsExperience === 'number' ? p.yearsExperience : undefined,
        seniority: str('seniority'),
        openToWork: typeof p.openToWork === 'boolean' ? p.openToWork : undefined,
        lawfulBasis: str('lawfulBasis'),
        obtainedAt: str('obtainedAt'),
      }).filter(([, v]) => v !== undefined),
    ),
    ...(str('locationText') !== undefined && {
      location: {
        text: str('locationText')!,
        latitude: location?.y ?? null,
        longitude: location?.x ?? null,
        hub: f.hubIds[0] ? { id: f.hubIds[0], latitude: 0, longitude: 0, distanceKm: 0 } : null,
      },
    }),
    ...(current && { current: { employerId: current.employerId, title: current.title, since: current.since } }),
    jobs: new Map(),
    skillIds: new Set(),
    sources: (p.sources as string[] | null) ?? [],
    entries: (p.importHashes as string[] | null) ?? [],
    rowEntries: [],
    identityKeys: [],
  };
}

/** A draft's identity keys as the graph keeps them: 'p:' or 'e:' and the normalised profile link or email. */
function currentKeys(props: { profileKey?: unknown; emailKey?: unknown }): string[] {
  return [
    ...(typeof props.profileKey === 'string' ? [`p:${props.profileKey}`] : []),
    ...(typeof props.emailKey === 'string' ? [`e:${props.emailKey}`] : []),
  ];
}

/** A new candidate's former identifiers: the keys its rows gave besides the profile link and email it keeps (later rows win). */
function formerOfCreated(d: Draft, id: string): { id: string; keys: string[] }[] {
  const kept = new Set(currentKeys(d.props));
  const keys = d.identityKeys.filter((k) => !kept.has(k));
  return keys.length > 0 ? [{ id, keys }] : [];
}

/**
 * The former identifiers an update adds to a candidate: its current ones and every
 * key the rows gave, less those it now holds and those recorded already (empty
 * when nothing changes, so a re-import writes nothing).
 */
function formerAdded(recorded: string[], current: string[], draft: Draft, after: string[]): string[] {
  const skip = new Set([...recorded, ...after]);
  return [...new Set([...current, ...draft.identityKeys])].filter((k) => !skip.has(k));
}

async function writeUpdates(tx: Tx, updates: { id: string; draft: Draft; formerKeys: string[] }[], today: string, writes: WriteCounts): Promise<void> {
  const states = await loadCandidates(tx, updates.map((u) => u.id));
  const props: CandidateProps[] = [];
  const rehome: string[] = [];
  const homes: { id: string; hubId: string }[] = [];
  const endCurrent: string[] = [];
  const current: { id: string; employerId: string; title: string | null; since: string | null }[] = [];
  const jobs: { id: string; employerId: string; title: string | null; from: string; to: string | null }[] = [];
  const skills: { id: string; skillId: string }[] = [];
  const formers: { id: string; keys: string[] }[] = [];
  for (const { id, draft, formerKeys } of updates) {
    const found = states.get(id)!;
    const base = existingDraft(found);
    const merged = combine(base, draft, today);
    const former = formerAdded(formerKeys, currentKeys(base.props), draft, currentKeys(merged.props));
    if (former.length > 0) formers.push({ id, keys: former });
    // The rows are re-read now: their date, not the earlier one, is when the data was obtained.
    props.push({ ...propsOf(id, merged, today), obtainedAt: draft.props.obtainedAt ?? today });
    if (draft.location) {
      const before = found.hubIds[0] ?? null;
      const after = draft.location.hub?.id ?? null;
      if (before !== after) {
        rehome.push(...found.basedIn);
        if (after) homes.push({ id, hubId: after });
      }
    }
    if (draft.current && merged.current) {
      if (base.current && base.current.employerId !== merged.current.employerId) endCurrent.push(...found.currentJobs.map((j) => j.rel));
      current.push({ id, ...merged.current });
    }
    for (const job of merged.jobs.values()) jobs.push({ id, ...job });
    for (const skillId of draft.skillIds) skills.push({ id, skillId });
  }
  addWrites(writes, await updateCandidates(tx, props));
  addWrites(writes, await clearBasedIn(tx, rehome));
  addWrites(writes, await mergeBasedIn(tx, homes));
  addWrites(writes, await clearWorksAt(tx, endCurrent));
  addWrites(writes, await mergeWorksAt(tx, current));
  addWrites(writes, await mergeWorkedAt(tx, jobs));
  addWrites(writes, await mergeHasSkill(tx, skills));
  addWrites(writes, await addFormerIdentifiers(tx, formers));
}

/**
 * `atlas merge KEEP DROP`: two candidates a user knows to be one person become
 * KEEP, as if their records had been imported as one (DROP's first, KEEP's
 * second): KEEP's values win, DROP's fill the gaps, history, skills, sources,
 * pipeline entries and every other relationship move to KEEP.
 */
export async function mergeCandidates(
  db: Database,
  survivorId: string,
  duplicateId: string,
  { today = new Date().toISOString().slice(0, 10) }: { today?: string } = {},
): Promise<{ survivor: string; merged: string; writes: WriteCounts }> {
  if (survivorId === duplicateId) throw new BadRequestError('Name two different candidates to merge.');
  const found = await findCandidatePair(db, [survivorId, duplicateId]);
  const missing = [survivorId, duplicateId].filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0) throw new NotFoundError(`No candidate with id ${missing.map((id) => `"${id}"`).join(' or ')}.`);
  return db.writeTx(async (tx) => {
    const result = await mergeCandidatePair(tx, survivorId, duplicateId, today);
    if (!result.merged) throw new NotFoundError(`Candidate "${duplicateId}" or "${survivorId}" disappeared before the merge.`);
    addWrites(result.writes, await deriveSegments(tx, [survivorId]));
    return { survivor: survivorId, merged: duplicateId, writes: result.writes };
  }, { changedCandidates: () => [survivorId, duplicateId] });
}

/** `atlas employer set-sector EMPLOYER SECTOR`: an employer (by id, or by name) is in that sector only. */
export async function classifyEmployer(db: Database, employer: string, sectorId: string) {
  const matches = await findEmployers(db, employer, employerNameKey(employer));
  const exact = matches.filter((m) => m.byId);
  const chosen = exact.length === 1 ? exact : matches;
  if (chosen.length === 0) throw new NotFoundError(`No employer with id or name "${employer}".`);
  if (chosen.length > 1) {
    throw new ConflictError(`"${employer}" names ${chosen.length} employers; give one id: ${chosen.map((m) => `${m.id} (${m.name})`).join(', ')}.`);
  }
  const result = await setEmployerSector(db, chosen[0]!.id, sectorId);
  if (!result) {
    const sectors = await listSectors(db);
    throw new NotFoundError(`No sector "${sectorId}". Sectors: ${sectors.map((s) => s.id).join(', ') || '(none yet: load a world first)'}.`);
  }
  return result;
}
