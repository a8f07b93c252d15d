import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { loadEnv } from '../config.ts';
import { BadRequestError, HttpError } from '../errors.ts';
import { handle } from '../middleware/validate.ts';
import { requester } from '../middleware/requester.ts';
import { ErrorBodySchema, errorResponses, registry } from '../openapi.ts';
import { BooleanParamSchema, numberParam } from '../schemas/common.schema.ts';
import { ImportSummarySchema, importCandidates } from '../services/import.service.ts';
import { ImportFileError, TEXT_ENCODINGS, type TextEncodingName, textEncodingOf } from '../import/reader.ts';
import type { Format } from '../import/row-schema.ts';
import { isoDay, systemClock } from '../services/clock.ts';

/** The media type of an Excel workbook (.xlsx). */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The largest body POST /api/import reads; larger files go through `atlas import`, which streams any size. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export const ImportQuerySchema = z.strictObject({
  /** Overrides the Content-Type: `csv`, `json` or `xlsx`. */
  format: z.enum(['csv', 'json', 'xlsx']).optional(),
  /** Validate and resolve without writing. */
  dryRun: BooleanParamSchema.optional(),
  /** Place candidates in the nearest hub within this many km (default ATLAS_HUB_RADIUS_KM). */
  radiusKm: numberParam({ min: 0, max: 2000, minExclusive: true }).optional(),
  /** CSV delimiter; sniffed from the header when absent. */
  delimiter: z.enum(['comma', 'semicolon', 'tab']).optional(),
  /** CSV and JSON: the file's encoding when it is not UTF-8 (UTF-16 is recognised by its byte-order mark). */
  encoding: z.enum(TEXT_ENCODINGS).optional(),
});

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;

registry.registerPath({
  method: 'post',
  path: '/api/import',
  summary: 'Import candidates from a CSV, JSON or Excel (.xlsx) file (README, "Importing candidates")',
  description:
    'The body is the file: text/csv (one row per candidate), application/json (an array of candidate objects), application/x-ndjson (one candidate object per line) ' +
      `or ${XLSX_TYPE} (a workbook whose first sheet is laid out as the CSV is), at most 50 MB (once inflated, when sent with Content-Encoding gzip, deflate or br). ` +
    `A charset in the Content-Type is read as ?encoding is (${TEXT_ENCODINGS.join(', ')}). ` +
    'Valid rows are written even when others are rejected; the response then is 422 with the summary as details.',
  request: {
    query: ImportQuerySchema,
    body: {
      content: {
        'text/csv': { schema: z.string() },
        'application/json': { schema: z.array(z.record(z.string(), z.unknown())) },
        'application/x-ndjson': { schema: z.string() },
        [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: { description: 'Every row imported (or, with dryRun, would be)', content: { 'application/json': { schema: ImportSummarySchema.openapi('ImportSummary') } } },
    400: errorResponses[400],
    413: { description: 'The body is larger than 50 MB', content: { 'application/json': { schema: ErrorBodySchema } } },
    415: { description: 'Neither CSV, JSON nor an Excel workbook, or a charset or Content-Encoding the importer cannot read', content: { 'application/json': { schema: ErrorBodySchema } } },
    422: { description: 'Some rows were rejected (details: the summary, with each row, field and reason)', content: { 'application/json': { schema: ErrorBodySchema } } },
    503: errorResponses[503],
  },
});

function formatOf(req: Request, explicit: Format | undefined): Format {
  if (explicit) return explicit;
  if (req.is(['text/csv', 'application/csv', 'text/comma-separated-values'])) return 'csv';
  if (req.is(['application/json', '+json', 'application/x-ndjson', 'application/jsonl'])) return 'json';
  if (req.is([XLSX_TYPE])) return 'xlsx';
  throw new HttpError(
    415,
    'unsupported_media_type',
    `Send the file as text/csv, application/json, application/x-ndjson or ${XLSX_TYPE} (or name it with ?format=csv|json|xlsx).`,
  );
}

/** The Content-Encodings a body may come in, as express's own body parsers read them. */
const INFLATERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The body's Content-Encoding, undone by `bodyOf`; one it cannot undo is refused before anything is read. */
function inflaterOf(req: Request): (() => Transform) | undefined {
  const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '') return undefined;
  const inflater = INFLATERS[coding];
  if (!inflater) {
    throw new HttpError(415, 'unsupported_content_encoding', `The body's Content-Encoding "${coding.slice(0, 40)}" cannot be read: send it as is, or as gzip, deflate or br.`);
  }
  return inflater;
}

/**
 * The encoding a `charset` of the Content-Type names, when the query names
 * none: undefined for UTF-8, or for UTF-16, which its byte-order mark tells.
 * An unknown one is refused, naming it: read as UTF-8, its accented letters
 * would only come back as rows rejected for invalid UTF-8.
 */
function charsetOf(req: Request, format: Format): TextEncodingName | undefined {
  const charset = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(req.headers['content-type'] ?? '');
  const label = (charset?.[1] ?? charset?.[2] ?? '').trim();
  if (format === 'xlsx' || label === '') return undefined;
  const encoding = textEncodingOf(label);
  if (encoding) return encoding === 'utf-8' ? undefined : encoding;
  if (/^utf-?16(le|be)?$/i.test(label)) return undefined;
  throw new HttpError(
    415,
    'unsupported_charset',
    `The body's charset "${label.slice(0, 40)}" cannot be read: send the file as UTF-8 or in one of ${TEXT_ENCODINGS.join(', ')} (or name it with ?encoding=).`,
  );
}

/**
 * The request body as chunks, its Content-Encoding undone, stopped past
 * IMPORT_MAX_BYTES of what it inflates to: a few kilobytes of gzip can
 * inflate to gigabytes.
 */
async function* bodyOf(req: Request, inflater: (() => Transform) | undefined): AsyncGenerator<Buffer> {
  const inflate = inflater?.();
  if (inflate) {
    req.on('error', (error) => inflate.destroy(error));
    req.pipe(inflate);
  }
  let total = 0;
  try {
    for await (const chunk of (inflate ?? req) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > IMPORT_MAX_BYTES) {
        throw new HttpError(
          413,
          'payload_too_large',
          `The body is larger than ${IMPORT_MAX_BYTES / (1024 * 1024)} MB${inflate ? ' once inflated' : ''}; import larger files with \`atlas import FILE\`.`,
        );
      }
      yield chunk;
    }
  } catch (error) {
    if (inflate && typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('Z_')) {
      const message = `not valid ${String(req.headers['content-encoding']).slice(0, 40)} as its Content-Encoding says (${(error as Error).message})`;
      throw new BadRequestError(`The body is ${message}.`, [{ field: 'body', message }]);
    }
    throw error;
  } finally {
    if (inflate) {
      req.unpipe(inflate);
      inflate.destroy();
    }
  }
}

export function importRoutes({ db, clock = systemClock }: AppDeps): Router {
  const env = loadEnv();
  const defaultRadiusKm = env.ATLAS_HUB_RADIUS_KM;
  const defaults = { source: env.ATLAS_IMPORT_DEFAULT_SOURCE, lawfulBasis: env.ATLAS_IMPORT_DEFAULT_LAWFUL_BASIS };
  return Router().post(
    '/import',
    handle({ query: ImportQuerySchema }, async ({ query }, req, res) => {
      const format = formatOf(req, query.format);
      const inflater = inflaterOf(req);
      // ?encoding overrides the charset, as ?format does the type: a client may not control its headers.
      const encoding = query.encoding ?? charsetOf(req, format);
      const now = clock();
      let summary;
      try {
        summary = await importCandidates(db, bodyOf(req, inflater), {
          format,
          dryRun: query.dryRun ?? false,
          radiusKm: query.radiusKm ?? defaultRadiusKm,
          ...(query.delimiter && { delimiter: DELIMITERS[query.delimiter] }),
          ...(encoding && { encoding }),
          defaults,
          // The app's day: rows are checked against it ("in the future") and a row without obtained_at records it.
          today: isoDay(now),
          audit: { ...requester(req, res), now },
        });
      } catch (error) {
        // A file that cannot be read at all is the body's fault, named as such; what the reader
        // adds (a header's missing and found columns) goes with it.
        if (error instanceof ImportFileError) {
          const more = typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details) ? error.details : {};
          throw new BadRequestError(error.message, [{ field: 'body', message: error.message, ...more }]);
        }
        throw error;
      }
      if (summary.rows.rejected > 0 || summary.stopped) {
        const imported = summary.rows.created + summary.rows.updated + summary.rows.unchanged;
        throw new HttpError(
          422,
          'rows_rejected',
          `${summary.rows.rejected} of ${summary.rows.read} rows were rejected${summary.stopped ? ' and reading stopped early' : ''}; ${imported} ${summary.dryRun ? 'would be' : 'were'} imported.`,
          summary,
        );
      }
      return summary;
    }),
  );
}
