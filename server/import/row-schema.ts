import { z } from 'zod';
import { InvalidIdentityError, parseEmail, profileKeys } from '../domain/identity.ts';
import { SENIORITIES } from '../schemas/common.schema.ts';
import { namesNoEmployer } from './employer-name.ts';
import { fold } from './text.ts';

/**
 * The import format: one row (CSV) or object (JSON) per candidate, with these
 * fields. CSV and JSON differ only in how multi-valued fields are written:
 * in CSV `skills` is `;`-separated and `previous_jobs` is
 * `Employer|Title|From|To; …`; in JSON both are arrays. README "Importing
 * candidates" documents each field.
 */
export const IMPORT_FIELDS = [
  'name',
  'email',
  'profile_url',
  'location',
  'current_employer',
  'current_title',
  'current_since',
  'previous_jobs',
  'skills',
  'seniority',
  'years_experience',
  'open_to_work',
  'source',
  'lawful_basis',
  'obtained_at',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * Columns that give a field in parts, as many exports split it: `first_name`
 * and `last_name` give `name`, `city` and `country` give `location`, where the
 * row has no value for that field itself.
 */
export const PART_FIELDS = ['first_name', 'last_name', 'city', 'country'] as const;
/** The fields a reader passes on to validation. */
export const SOURCE_FIELDS: ReadonlySet<string> = new Set<string>([...IMPORT_FIELDS, ...PART_FIELDS]);

export const REQUIRED_FIELDS = ['name', 'source', 'lawful_basis'] as const satisfies readonly ImportField[];
/** A candidate is recognised again by either; a file must have at least one of these columns. */
export const IDENTITY_FIELDS = ['email', 'profile_url'] as const satisfies readonly ImportField[];

/** GDPR Art. 6(1) lawful bases for processing a candidate's data. */
export const LAWFUL_BASES = ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interest'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** csv and xlsx rows are text cells, read by the same rules; json rows carry arrays, numbers and booleans. */
export type Format = 'csv' | 'json' | 'xlsx';

export interface ImportJob {
  employer: string;
  title?: string;
  /** ISO date; partial dates are the first day of their month or year. */
  from: string;
  to?: string;
}

/** A row after validation: normalised, with the identity keys computed. */
export interface ImportRow {
  name: string;
  email?: { address: string; key: string };
  /** `formerKeys`: what earlier rules made of the link, where it differs (the suppression list may hold those). */
  profile?: { url: string; key: string; formerKeys: string[] };
  location?: string;
  current?: { employer: string; title?: string; since?: string };
  previousJobs: ImportJob[];
  skills: string[];
  seniority?: (typeof SENIORITIES)[number];
  yearsExperience?: number;
  openToWork?: boolean;
  source: string;
  lawfulBasis: LawfulBasis;
  obtainedAt?: string;
}

const MAX_JOBS = 50;
const MAX_SKILLS = 200;

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER as never;
}

const SHOWN = /[\p{L}\p{N}\p{P}\p{S}]/u;
/** Characters that show nothing: format controls such as U+200B, fillers (U+3164), the blank braille pattern. */
const UNSEEN = /[\p{Default_Ignorable_Code_Point}\u2800]/u;

/** Whether a person sees anything of `text`: a letter, digit, punctuation or symbol that is drawn. */
export function isVisible(text: string): boolean {
  for (const ch of text) if (SHOWN.test(ch) && !UNSEEN.test(ch)) return true;
  return false;
}

/** Blank cells, cells holding only invisible characters, and JSON nulls are "not given". */
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && !isVisible(v)) ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** A JSON value's type, as a message names it. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A string, or the message that names what came instead: nothing (`required`) or a JSON value of another type. */
const stringOf = (expected: string, required = 'is required') =>
  z.string({ error: (i) => (i.input === undefined || i.input === null ? required : `expected ${expected}, got ${typeOf(i.input)}`) });

/** The code points of a text that shows nothing, to say what a cell holds. */
function codePoints(text: string): string {
  const points = [...new Set(text)].map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return points.length > 4 ? `${points.slice(0, 4).join(', ')}…` : points.join(', ');
}

const text = (max: number) =>
  stringOf('text')
    .trim()
    .superRefine((v, ctx) => {
      const problem =
        v === ''
          ? 'is required'
          : v.length > max
            ? `is longer than ${max} characters`
            : /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(v)
              ? 'contains control characters'
              : !isVisible(v)
                ? `is required: it holds only invisible characters (${codePoints(v)})`
                : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/**
 * Month names, long and short, in the languages of the places a team sources in, as
 * `Intl` gives them (LinkedIn and recruiting tools write job dates as "Mar 2021", "März 2021").
 * Built on the first date written with a month's name: it takes some 35 ms, which every
 * command and the server's start would otherwise pay.
 */
let months: ReadonlyMap<string, number> | undefined;

function monthNumber(name: string): number | undefined {
  months ??= new Map(
    ['en', 'en-GB', 'de', 'fr', 'nl', 'es', 'it', 'pt', 'pl', 'cs', 'ro', 'hu', 'sv', 'da', 'nb', 'fi'].flatMap((locale) =>
      (['long', 'short'] as const).flatMap((width) => {
        const format = new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' });
        return Array.from({ length: 12 }, (_, m) => [fold(format.format(new Date(Date.UTC(2021, m, 1)))), m + 1] as const);
      }),
    ),
  );
  return months.get(fold(name));
}

/** The words exports write for the end of a job that lasts. */
const ONGOING = /^(?:present|current|currently|now|today|ongoing|heute|aktuell|bis heute|actuel|aujourd'hui|heden|nu|obecnie|actualidad|presente|oggi)$/i;

/** The year, month and day a date is written with, or undefined when it is none of the forms read. */
function dateParts(value: string): { year: string; month?: string; day?: string } | undefined {
  // ISO (2021, 2021-03, 2021-03-01, also with / or .), and a timestamp's day (2021-03-01T09:30:00Z).
  let m = /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(value);
  if (m) return { year: m[1]!, month: m[3], day: m[4] };
  // Month and year (03/2021, 3.2021): a four-digit year last leaves no doubt which is which.
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(value);
  if (m) return { year: m[2]!, month: m[1] };
  // Day, month and year with dots (01.03.2021), as Central and Northern Europe write them; never month first.
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (m) return { year: m[3]!, month: m[2], day: m[1] };
  // A month's name and the year ("Mar 2021", "1 März 2021", "March 1, 2021"), or the year first ("2021 Mar").
  const named = /^(?:(\d{1,2})\.?\s+)?(\p{L}+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$/u.exec(value);
  const yearFirst = /^(\d{4})\s+(\p{L}+)\.?$/u.exec(value);
  const [name, year, day] = named ? [named[2]!, named[4]!, named[1] ?? named[3]] : yearFirst ? [yearFirst[2]!, yearFirst[1]!, undefined] : [];
  const month = name === undefined ? undefined : monthNumber(name);
  // A day on both sides of the month ("1 March 2, 2021") is none of these forms.
  if (month !== undefined && !(named?.[1] && named[3])) return { year: year!, month: String(month), day };
  return undefined;
}

/**
 * A date as an import gives it, checked against the calendar and stored as an ISO date
 * (a missing day or month is the first): `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (or with `/`),
 * a timestamp's day, `MM/YYYY`, `DD.MM.YYYY`, or a month's name with the year. Day and month
 * in numbers with `/` (01/03/2019) are refused: which comes first cannot be told. A year
 * before 1900 or after `latestYear` (the year after the import's day) is a typing slip.
 */
export function parsePartialDate(
  raw: string,
  latestYear = new Date().getUTCFullYear() + 1,
): { ok: true; date: string } | { ok: false; reason: string } {
  const value = raw.trim();
  const parts = dateParts(value);
  // LinkedIn writes "Present" for a job's end while it lasts.
  if (!parts && ONGOING.test(value)) return { ok: false, reason: `"${value}" is no date: leave the end of a job that has not ended empty` };
  if (!parts) {
    // 44256 is how a spreadsheet stores 2021-03-01 when the column is not formatted as dates.
    const serial = /^\d{5}(\.\d+)?$/.test(value) ? ' (a spreadsheet day number? format the column as dates)' : '';
    const order = /^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$/.test(value) ? ' (day and month written in numbers cannot be told apart)' : '';
    return { ok: false, reason: `"${value.slice(0, 40)}" is not a date${serial}${order}; write YYYY-MM-DD, YYYY-MM or YYYY` };
  }
  const year = Number(parts.year);
  const month = parts.month === undefined ? 1 : Number(parts.month);
  const day = parts.day === undefined ? 1 : Number(parts.day);
  if (year < 1900 || year > latestYear) return { ok: false, reason: `"${value}" has an unlikely year ${year}` };
  if (month < 1 || month > 12) return { ok: false, reason: `"${value}" is not a date (there is no month ${month})` };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return { ok: false, reason: `"${value}" is not a date (month ${month} of ${year} has no day ${day})` };
  return { ok: true, date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

const DATE = 'a date like 2019-02 or 2019-02-01';

/** A date field of a row imported on `today` (YYYY-MM-DD): its year may be at most the next one. */
const partialDate = (today: string) => {
  const latestYear = Number(today.slice(0, 4)) + 1;
  return stringOf(DATE).transform((raw, ctx) => {
    const parsed = parsePartialDate(raw, latestYear);
    return parsed.ok ? parsed.date : fail(ctx, parsed.reason);
  });
};

/**
 * The address of a mail client's form `Jane Doe <jane@example.org>` (the
 * name may be quoted, `"Doe, Jane" <…>`): the part in angle brackets, so the
 * key is the bare address's. Anything else is passed on as written.
 */
function emailAddressOf(raw: string): string {
  return /^\s*(?:"(?:[^"\\]|\\.)*"|[^"<>@]*?)\s*<([^<>]*)>\s*$/.exec(raw)?.[1] ?? raw;
}

/** How many addresses a value lists (`a@x.org; b@y.org`): a candidate has one email, and which one to keep is not guessed. */
function addressCount(raw: string): number {
  return raw.split(/[;,\s]+/).filter((part) => part.includes('@')).length;
}

const email = stringOf('an email address').transform((raw, ctx) => {
  const addresses = addressCount(raw.replace(/"(?:[^"\\]|\\.)*"/g, ''));
  if (addresses > 1) return fail(ctx, `holds ${addresses} addresses; only one address is allowed (a candidate has one email: keep the one to reach them at)`);
  try {
    return parseEmail(emailAddressOf(raw));
  } catch (error) {
    return fail(ctx, error instanceof InvalidIdentityError ? error.message : 'is not an email address');
  }
});

const profileUrl = stringOf('a link').transform((raw, ctx) => {
  try {
    const { key, former } = profileKeys(raw);
    return { url: raw.trim(), key, formerKeys: former };
  } catch (error) {
    return fail(ctx, error instanceof InvalidIdentityError ? error.message : 'is not a link');
  }
});

const lawfulBasis = stringOf(`one of ${LAWFUL_BASES.join(', ')}`).transform((raw, ctx) => {
  const v = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/^legitimate-interests$/, 'legitimate-interest');
  return (LAWFUL_BASES as readonly string[]).includes(v) ? (v as LawfulBasis) : fail(ctx, `"${raw.trim().slice(0, 40)}" is not one of ${LAWFUL_BASES.join(', ')}`);
});

const seniority = stringOf(`one of ${SENIORITIES.join(', ')}`)
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(SENIORITIES, { error: () => `must be one of ${SENIORITIES.join(', ')}` }));

const skillName = text(80).refine((v) => /[\p{L}\p{N}]/u.test(v), 'has no letter or digit');

/** A placeholder a sheet holds where there is no employer ("-", "—", "n/a", "none") reads as a blank. */
const employerGiven = (v: unknown) => (typeof v === 'string' && isVisible(v) && namesNoEmployer(v) ? undefined : v);

/** A past job, its dates read by `date` (partialDate of the import's day). */
const jobSchema = (date: ReturnType<typeof partialDate>) =>
  z.object({
    employer: z.preprocess(employerGiven, text(200)),
    title: optional(text(200)),
    from: z.preprocess(blankToUndefined, stringOf(DATE, 'is required (the month the job started)').pipe(date)),
    to: optional(date),
  });

/** A list of past jobs as a CSV cell writes it: `Employer|Title|From|To`, `;` or a line break between jobs. */
const jobsText = z.string().transform((raw, ctx) => {
  const items = raw
    .split(/;|\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.map((item, i) => {
    const parts = item.split('|').map((p) => p.trim());
    if (parts.length !== 4) {
      return fail(ctx, `job ${i + 1} ("${item.slice(0, 60)}") has ${parts.length} part(s); write Employer|Title|From|To, leaving a part empty if unknown`);
    }
    const [employer, title, from, to] = parts;
    return { employer, title, from, to };
  });
});

/**
 * Skills as a CSV cell writes them: `;` between them, or one a line (Alt+Enter in Excel), as
 * previous_jobs. A cell with neither but commas is a list written with commas, as LinkedIn and many
 * tools export skills ("Python, PyTorch"); commas beside `;` are left in, for the row to be refused.
 */
const skillsText = z.string().transform((raw) =>
  raw
    .split(/[;\n]/.test(raw) ? /;|\r?\n/ : ',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);

/** Years as a cell writes them; a European spreadsheet writes a decimal comma ("6,5"), and a count of years has no thousands to separate. */
const yearsText = z.string().transform((raw, ctx) => {
  const v = raw.trim();
  return /^\d+([.,]\d+)?$/.test(v) ? Number(v.replace(',', '.')) : fail(ctx, `"${v.slice(0, 20)}" is not a number of years`);
});

const booleanText = z.string().transform((raw, ctx) => {
  const v = raw.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(v)) return true;
  if (['false', 'no', 'n', '0'].includes(v)) return false;
  return fail(ctx, `"${raw.trim().slice(0, 20)}" is not yes/no (write true or false)`);
});

/**
 * A JSON field of its own type, or a string written as the CSV cell would be: exports that
 * turn every value into text ("7", "yes", "PyTorch; MONAI") are read as their spreadsheets are.
 * Each branch keeps its own messages.
 */
function jsonOrText<J extends z.ZodType, T extends z.ZodType>(json: J, asText: T) {
  return z.unknown().transform((value, ctx): z.output<J> | z.output<T> => {
    const parsed = (typeof value === 'string' ? asText : json).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

/**
 * The fields every format shares, after any CSV-specific splitting. Dates
 * after `today` (the import's day, YYYY-MM-DD) are refused.
 */
function rowSchema(format: Format, today: string) {
  const json = format === 'json';
  const date = partialDate(today);
  // A day ahead of the import's day in UTC: a row written where the next day has already begun (east of UTC) is no future.
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const jobs: z.ZodType<unknown[], unknown> = json ? jsonOrText(z.array(z.unknown(), { error: 'must be an array of jobs, or a text of Employer|Title|From|To jobs' }), jobsText) : jobsText;
  const skills: z.ZodType<unknown[], unknown> = json ? jsonOrText(z.array(z.unknown(), { error: 'must be an array of skill names, or a text with ";" between them' }), skillsText) : skillsText;
  const years: z.ZodType<number, unknown> = json ? jsonOrText(z.number({ error: 'must be a number of years' }), yearsText) : yearsText;
  const bool: z.ZodType<boolean, unknown> = json ? jsonOrText(z.boolean({ error: 'must be true or false' }), booleanText) : booleanText;

  return z
    .object({
      name: text(200),
      email: optional(email),
      profile_url: optional(profileUrl),
      location: optional(text(200)),
      current_employer: z.preprocess(employerGiven, optional(text(200))),
      current_title: optional(text(200)),
      current_since: optional(date),
      previous_jobs: optional(jobs.pipe(z.array(jobSchema(date)).max(MAX_JOBS, `lists more than ${MAX_JOBS} jobs`))),
      skills: optional(
        skills.pipe(
          z
            .array(
              skillName
                .refine((v) => !v.includes(','), 'contains ",", which no skill name has (separate skills with ";")')
                .refine((v) => !v.includes('|'), 'contains "|"; separate skills with ";"'),
            )
            .max(MAX_SKILLS, `lists more than ${MAX_SKILLS} skills`),
        ),
      ),
      seniority: optional(seniority),
      years_experience: optional(years.pipe(z.number().min(0, 'must not be negative').max(70, 'must be at most 70'))),
      open_to_work: optional(bool),
      source: text(100),
      lawful_basis: z.preprocess(blankToUndefined, lawfulBasis),
      obtained_at: optional(date),
    })
    .superRefine((row, ctx) => {
      if (!row.email && !row.profile_url) {
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'a candidate needs an email or a profile_url, to be recognised on the next import' });
      }
      if (!row.current_employer && (row.current_title || row.current_since)) {
        ctx.addIssue({ code: 'custom', path: ['current_employer'], message: 'is required when current_title or current_since is given' });
      }
      const future = (date: string) => `${date} is in the future; write the day it began, or leave it empty until then`;
      if (row.current_since && row.current_since > latest) ctx.addIssue({ code: 'custom', path: ['current_since'], message: future(row.current_since) });
      if (row.obtained_at && row.obtained_at > latest) ctx.addIssue({ code: 'custom', path: ['obtained_at'], message: future(row.obtained_at) });
      row.previous_jobs?.forEach((job, i) => {
        if (job.from > latest) ctx.addIssue({ code: 'custom', path: ['previous_jobs', i, 'from'], message: future(job.from) });
        if (job.to && job.to < job.from) {
          ctx.addIssue({ code: 'custom', path: ['previous_jobs', i, 'to'], message: `ends (${job.to}) before it starts (${job.from})` });
        }
      });
    })
    .transform((row): ImportRow => {
      const dedupedSkills = new Map<string, string>();
      for (const s of row.skills ?? []) if (!dedupedSkills.has(s.toLowerCase())) dedupedSkills.set(s.toLowerCase(), s);
      return {
        name: row.name,
        ...(row.email && { email: row.email }),
        ...(row.profile_url && { profile: row.profile_url }),
        ...(row.location && { location: row.location }),
        ...(row.current_employer && {
          current: {
            employer: row.current_employer,
            ...(row.current_title && { title: row.current_title }),
            ...(row.current_since && { since: row.current_since }),
          },
        }),
        previousJobs: (row.previous_jobs ?? []).map((j) => ({
          employer: j.employer,
          ...(j.title && { title: j.title }),
          from: j.from,
          ...(j.to && { to: j.to }),
        })),
        skills: [...dedupedSkills.values()],
        ...(row.seniority && { seniority: row.seniority }),
        ...(row.years_experience !== undefined && { yearsExperience: row.years_experience }),
        ...(row.open_to_work !== undefined && { openToWork: row.open_to_work }),
        source: row.source,
        lawfulBasis: row.lawful_basis,
        ...(row.obtained_at && { obtainedAt: row.obtained_at }),
      };
    });
}

/** The row schemas built so far, by format and day (an import, or a server running for days, uses few). */
const schemas = new Map<string, ReturnType<typeof rowSchema>>();

function schemaFor(format: Format, today: string) {
  const key = `${format} ${today}`;
  let schema = schemas.get(key);
  if (!schema) {
    if (schemas.size >= 16) schemas.delete(schemas.keys().next().value!);
    schema = rowSchema(format, today);
    schemas.set(key, schema);
  }
  return schema;
}

export interface FieldIssue {
  field: string;
  reason: string;
}

/** Zod issues as "field: reason", with list items named by their 1-based position. */
export function rowIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const [field, ...rest] = issue.path.map(String);
    const where = rest.map((p) => (/^\d+$/.test(p) ? (field === 'skills' ? `skill ${Number(p) + 1}` : `job ${Number(p) + 1}`) : p));
    return { field: field ?? '(row)', reason: where.length > 0 ? `${where.join(' ')}: ${issue.message}` : issue.message };
  });
}

/**
 * The row with the fields its part columns give: `first_name` and `last_name`
 * as `name`, `city` and `country` as `location`, where the row's own value for
 * the field is blank. A part that is no text (a JSON number) is passed on alone,
 * for the field's check to name what it is.
 */
function withParts(input: Record<string, unknown>): Record<string, unknown> {
  const { first_name, last_name, city, country, ...row } = input;
  const join = (field: string, parts: unknown[], separator: string) => {
    if (blankToUndefined(row[field]) !== undefined) return;
    const given = parts.map(blankToUndefined).filter((p) => p !== undefined);
    if (given.length === 0) return;
    row[field] = given.every((p) => typeof p === 'string') ? given.map((p) => p.trim()).join(separator) : given.find((p) => typeof p !== 'string');
  };
  join('name', [first_name, last_name], ' ');
  join('location', [city, country], ', ');
  return row;
}

/** One source row checked and read; dates after `today` (YYYY-MM-DD, the import's day; UTC's by default) are refused. */
export function validateRow(
  format: Format,
  input: Record<string, unknown>,
  today = new Date().toISOString().slice(0, 10),
): { ok: true; row: ImportRow } | { ok: false; issues: FieldIssue[] } {
  const result = schemaFor(format, today).safeParse(withParts(input));
  return result.success ? { ok: true, row: result.data } : { ok: false, issues: rowIssues(result.error) };
}
