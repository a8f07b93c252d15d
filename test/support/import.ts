import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { defineQueries } from '../../server/db/cypher.ts';
import type { Database, Row } from '../../server/db/neo4j.ts';
import type { SourceRow } from '../../server/import/reader.ts';
import { readXlsx } from '../../server/import/xlsx-reader.ts';
import { type ImportOptions, type ImportSummary, importCandidates } from '../../server/services/import.service.ts';
import { GraphSpecBuilder, point } from './graph.ts';

const q = defineQueries('candidate-dump');

export const CSV_HEADER =
  'name,email,profile_url,location,current_employer,current_title,current_since,previous_jobs,skills,seniority,years_experience,open_to_work,source,lawful_basis';

/** Imports text as a file would be, in chunks of `chunk` bytes. */
export function importText(db: Database, text: string | Buffer, options: Partial<ImportOptions> = {}, chunk = 4096): Promise<ImportSummary> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  return importCandidates(db, chunks(), { format: 'csv', radiusKm: 100, today: '2025-01-15', ...options });
}

/** A CSV file's rows as an Excel workbook's first sheet, as a user saving the sheet as .xlsx gets it. */
export async function csvToXlsx(csv: string | Buffer): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Candidates');
  for (const record of parse(csv, { relax_column_count: true, bom: true }) as string[][]) sheet.addRow(record);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Hubs, a sector, a skill and an employer that imports resolve against. */
export async function writeImportWorld(db: Database): Promise<void> {
  await new GraphSpecBuilder()
    .node('Hub', { id: 'oxford', name: 'Oxford', location: point(51.752, -1.2577), catchmentKm: 60, countryCode: 'GB' })
    .node('Hub', { id: 'munich', name: 'Munich', location: point(48.1351, 11.582), catchmentKm: 60, countryCode: 'DE' })
    .node('Hub', { id: 'nijmegen', name: 'Nijmegen', location: point(51.8126, 5.8372), catchmentKm: 60, countryCode: 'NL' })
    .node('Hub', { id: 'amsterdam', name: 'Amsterdam', location: point(52.3676, 4.9041), catchmentKm: 60, countryCode: 'NL' })
    .node('Hub', { id: 'krakow', name: 'Kraków', location: point(50.0647, 19.945), catchmentKm: 60, countryCode: 'PL' })
    .node('Sector', { id: 'radiology', name: 'Radiology AI', target: true })
    .node('Sector', { id: 'automotive', name: 'Automotive', target: false })
    .rel('automotive', 'PIVOTS_TO', 'radiology', { weight: 0.6 })
    .node('Skill', { id: 'pytorch', name: 'PyTorch', group: 'tooling' })
    .node('Employer', { id: 'siemens-healthineers', name: 'Siemens Healthineers', normName: 'siemens healthineers', kind: 'company' })
    .rel('siemens-healthineers', 'IN_SECTOR', 'radiology')
    .write(db);
}

export interface DumpedRelationship {
  type: string;
  to?: string;
  from?: string;
  props: Row;
}

export interface DumpedCandidate {
  id: string;
  props: Row;
  outgoing: DumpedRelationship[];
  incoming: DumpedRelationship[];
}

const sortBy = (rows: DumpedRelationship[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Candidates with their properties and relationships, sorted; `omit` drops bookkeeping properties. */
export async function candidateDump(db: Database, omit: string[] = []): Promise<DumpedCandidate[]> {
  const rows = await db.read(q['candidate-dump']);
  return rows.map((r) => ({
    id: r.id as string,
    props: Object.fromEntries(Object.entries(r.props as Row).filter(([k]) => !omit.includes(k)).sort(([a], [b]) => a.localeCompare(b))),
    outgoing: sortBy(r.outgoing as DumpedRelationship[]),
    incoming: sortBy(r.incoming as DumpedRelationship[]),
  }));
}

/** A workbook as exceljs writes it, filled by `fill`. */
export async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A buffer in chunks of `size` bytes, as a stream or an upload hands it on. */
export async function* chunks(buffer: Buffer, size = 1024): AsyncGenerator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

/** Every row readXlsx gives of `input`, with the source (its `stopped`, `ignoredFields`, `expectedRows`). */
export async function readXlsxRows(input: AsyncIterable<Buffer>) {
  const source = readXlsx(input);
  const rows: SourceRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return { rows, source };
}

/** `text` in a single-byte encoding (windows-1252, iso-8859-2…), as Excel and older tools save CSV; each character must exist in it. */
export function encodeIn(text: string, encoding: string): Buffer {
  const bytes = iconv.encode(text, encoding);
  if (iconv.decode(bytes, encoding) !== text) throw new Error(`"${text}" has characters that ${encoding} lacks`);
  return bytes;
}
