import type { FieldIssue, Format } from './row-schema.ts';

/** A row longer than this is not a candidate (a stray quote, a pasted document); it is rejected, not buffered further. */
export const MAX_ROW_CHARS = 1024 * 1024;

export interface SourceRow {
  /** CSV: the row number a spreadsheet shows (the header is row 1); JSON: the item's place from 0 (its array index), or for JSON Lines the line it starts on (from 1). */
  row: number;
  fields: Record<string, unknown>;
  /** Found while reading, before validation: invalid UTF-8, a wrong number of fields, an oversized row. */
  problem?: FieldIssue;
}

export interface RowSource {
  rows: AsyncIterable<SourceRow>;
  /** Columns (CSV) or keys (JSON) outside the import format; they are ignored. */
  readonly ignoredFields: ReadonlySet<string>;
  /** Set when the input could not be read to its end; the rows before `row` are read. */
  readonly stopped: { row: number; reason: string } | undefined;
  /** JSON Lines: rows are numbered by line (from 1, blank lines counted), as an editor shows them; known from the first row on. */
  readonly byLine?: boolean;
  /**
   * The rows the input says it holds, once known (a workbook's sheet says its
   * extent); progress is counted in rows against it where the input's bytes
   * say nothing (a workbook is read whole before its first row).
   */
  readonly expectedRows?: number | undefined;
}

/** The input as a whole cannot be imported (not CSV or JSON, empty, no usable header); nothing was written. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * The import field a column (CSV) or key (JSON) names: case, spaces, hyphens
 * and camelCase do not matter, so `Profile URL`, `profile-url` and
 * `profileUrl` all name `profile_url`, and `E-Mail` names `email`; the names
 * recruiting tools and spreadsheets give a field (`Full Name`, `LinkedIn URL`,
 * `Current Company`, `Legal basis`) name it too.
 */
export function fieldName(name: string): string {
  const field = columnKey(name);
  return FIELD_ALIASES[field] ?? field;
}

function columnKey(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Whether a column names its field by another name than the field's own: a column named as the field itself wins over it. */
export function isFieldAlias(name: string): boolean {
  return Object.hasOwn(FIELD_ALIASES, columnKey(name));
}

/**
 * Other names exports give a field. Only names that mean the field in every
 * export are here: a LinkedIn "Headline" is no job title, a "Start Date" may be
 * the day someone could start, and a bare "URL" may be the company's.
 */
const FIELD_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    name: ['full_name', 'fullname', 'candidate_name', 'display_name'],
    first_name: ['firstname', 'given_name', 'forename'],
    last_name: ['lastname', 'surname', 'family_name'],
    email: ['e_mail', 'email_address', 'e_mail_address', 'primary_email'],
    profile_url: ['profile', 'profile_link', 'linkedin', 'linked_in', 'linkedin_url', 'linked_in_url', 'linkedin_profile', 'linked_in_profile', 'linkedin_profile_url', 'linked_in_profile_url', 'public_profile_url'],
    current_employer: ['current_company', 'company', 'company_name', 'employer', 'current_organisation', 'current_organization', 'organisation', 'organization'],
    current_title: ['job_title', 'title', 'current_job_title', 'current_position', 'position', 'current_role', 'role'],
    location: ['current_location'],
    skills: ['skill', 'skillset', 'skill_set', 'key_skills', 'top_skills'],
    years_experience: ['years_of_experience', 'experience_years', 'yoe', 'total_years_of_experience'],
    open_to_work: ['opentowork'],
    source: ['lead_source', 'candidate_source'],
    lawful_basis: ['legal_basis', 'lawful_basis_for_processing', 'legal_basis_for_processing', 'gdpr_lawful_basis', 'gdpr_legal_basis'],
    obtained_at: ['date_obtained', 'obtained_on'],
  }).flatMap(([field, names]) => names.map((n) => [n, field])),
);

/** How a row is named in messages: the spreadsheet row for CSV and a workbook; for JSON the item's place from 0 (its array index), or the line a JSON Lines item is on. */
export function rowLabel(format: Format, row: number, byLine = false): string {
  return format !== 'json' ? `row ${row}` : byLine ? `line ${row}` : `item ${row} (counted from 0)`;
}

/** An error's first line, shortened, to quote inside a message to the user. */
export function errorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 160);
}

export function invalidUtf8Issue(field: string, offsets: number[]): FieldIssue {
  return {
    field,
    reason:
      `is not valid UTF-8 (byte offset ${offsets[0]}${offsets.length > 1 ? ` and ${offsets.length - 1} more` : ''}); save the file as UTF-8, ` +
      'or name its encoding (windows-1252 for a CSV that Excel saved on Windows in Western Europe, windows-1250 in Central Europe)',
  };
}

/**
 * The encodings a CSV or JSON file may be read in besides UTF-8 (the default,
 * and UTF-16 with its byte-order mark, which is recognised): the ones Excel
 * and older tools save text in across Europe.
 */
export const TEXT_ENCODINGS = ['utf-8', 'windows-1252', 'windows-1250', 'iso-8859-1', 'iso-8859-2', 'iso-8859-15'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

/** The encoding a label names, by the WHATWG table the runtime's TextDecoder reads ("cp1252" and "latin1" are windows-1252, "utf8" is utf-8), if it is one of TEXT_ENCODINGS. */
export function textEncodingOf(label: string): TextEncodingName | undefined {
  let name: string;
  try {
    name = new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
  return TEXT_ENCODINGS.find((e) => e === name);
}
