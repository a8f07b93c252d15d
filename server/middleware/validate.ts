import type { NextFunction, Request, RequestHandler, Response } from 'express';
import qs from 'qs';
import { z } from 'zod';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors.ts';

/**
 * The one place request input is checked: a handler receives params, query and
 * body already parsed by its zod schemas, or the client gets a 400 naming
 * every field that failed.
 */
export interface InputSchemas<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params?: P;
  query?: Q;
  body?: B;
}

export interface ValidInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** The message of a key the schema does not declare; parsedQuery tells it from a value given twice by it. */
const unknownKey = (where: string) =>
  `is not a ${where === 'query' ? 'query parameter' : 'field'} this route takes; see the API description (GET /api/openapi.json)`;

export function zodIssues(error: z.ZodError, where: string) {
  return error.issues.flatMap((issue) => {
    const at = [where, ...issue.path.map(String)];
    // zod names the object holding unknown keys (`query`): the client is told each key instead.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: unknownKey(where) }));
    // zod's "expected string, received undefined" speaks of JavaScript, not of the request.
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    return [{ field: at.join('.'), message: missing ? 'is required' : issue.message }];
  });
}

export function handle<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(
  schemas: InputSchemas<P, Q, B>,
  handler: (input: ValidInput<z.output<P>, z.output<Q>, z.output<B>>, req: Request, res: Response) => Promise<unknown> | unknown,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const issues: { field: string; message: string }[] = [];
    const params = parsed(schemas.params, req.params, 'params', issues);
    const query = schemas.query ? parsedQuery(schemas.query, req.query, issues) : noQuery(req.query, issues);
    // A request that takes no body refuses one rather than act without what it asks
    // (`POST /api/privacy/retention {"days": 30}` would erase by the configured periods).
    const body = schemas.body ? parsed(schemas.body, req.body, 'body', issues) : noBody(req.body, issues);
    if (issues.length > 0) {
      const first = issues[0]!;
      return next(new BadRequestError(`Invalid ${first.field}: ${first.message}`, issues));
    }
    const out = await handler({ params, query, body } as ValidInput<z.output<P>, z.output<Q>, z.output<B>>, req, res);
    if (out !== undefined && !res.headersSent) res.json(out);
  };
}

/** `value` as `schema` parses it (as it is without a schema), or undefined with its issues added to `issues`. */
function parsed(schema: z.ZodType | undefined, value: unknown, where: string, issues: { field: string; message: string }[]): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...zodIssues(result.error, where));
  return undefined;
}

/**
 * `query` as `schema` parses it. A scalar parameter given more than once (`?limit=5&limit=6`)
 * arrives as a list; whatever the schema would say of a list, the client is told the one thing
 * that is wrong, the same way for every route.
 */
function parsedQuery(schema: z.ZodType, query: Record<string, unknown>, issues: { field: string; message: string }[]): unknown {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  let found = zodIssues(result.error, 'query');
  for (const [key, value] of Object.entries(query)) {
    const field = `query.${key}`;
    const atKey = (f: string) => f === field || f.startsWith(`${field}.`);
    if (!Array.isArray(value) || value.length < 2 || !found.some((i) => atKey(i.field) && i.message !== unknownKey('query'))) continue;
    // A list parameter takes a one-value list (or names the value's index); a scalar refuses any list as such.
    const asList = schema.safeParse({ ...query, [key]: ['x'] });
    if (!asList.success && zodIssues(asList.error, 'query').some((i) => i.field === field)) {
      found = [...found.filter((i) => !atKey(i.field)), { field, message: 'is given more than once; give it once' }];
    }
  }
  issues.push(...found);
  return undefined;
}

/** A route that declares no query parameters refuses any, rather than act as if they were not there. */
function noQuery(query: Record<string, unknown>, issues: { field: string; message: string }[]): undefined {
  for (const key of Object.keys(query)) issues.push({ field: `query.${key}`, message: 'this route takes no query parameters' });
  return undefined;
}

/** The most `&`-separated parameters a query string may have; qs would silently drop the rest. */
export const QUERY_PARAMETER_LIMIT = 1_000;

/**
 * The app's query parser: qs as Express's "extended" setting runs it, but a query string over
 * the parameter limit is refused (a 400 naming `query`) instead of cut short, which would drop
 * whatever parameters came last.
 */
export function parseQuery(text: string | null): Record<string, unknown> {
  // Express passes null for a URL without `?`.
  if (!text) return {};
  // Counted as qs counts them (split on `&`, empty parts included).
  if (text.split('&', QUERY_PARAMETER_LIMIT + 1).length > QUERY_PARAMETER_LIMIT) {
    const message = `the query string has more than ${QUERY_PARAMETER_LIMIT} parameters`;
    throw new BadRequestError(`Invalid query: ${message}`, [{ field: 'query', message }]);
  }
  let dropped: string | undefined;
  const query = qs.parse(text, {
    allowPrototypes: true,
    parameterLimit: QUERY_PARAMETER_LIMIT,
    decoder(part, decode, charset, type) {
      const value: unknown = decode(part, decode, charset);
      if (type === 'key' && typeof value === 'string' && PROTO_KEY.test(value)) dropped ??= value;
      return value;
    },
  });
  // qs leaves out any `__proto__` name whatever its options, so the parameter would be ignored unseen.
  if (dropped !== undefined) {
    const field = `query.${dropped.replace(/\]?\[/g, '.').replace(/\]$/, '').slice(0, 100)}`;
    const message = 'is a name no parameter may have (__proto__)';
    throw new BadRequestError(`Invalid ${field}: ${message}`, [{ field, message }]);
  }
  return query;
}

/** A query key with `__proto__` as its name or as one of its brackets' (`__proto__[x]`, `a[__proto__]`). */
const PROTO_KEY = /(?:^|\[)__proto__(?:\]|\[|$)/;

/** Whether a request carries a body, as body-parser decides it (type-is's hasBody): a length, even 0, or chunks. */
export function carriesBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(req.headers['content-length']));
}

/** The one body type the API reads (POST /api/import reads its files itself). */
export const JSON_TYPE = 'application/json';

/** The 415 for a body the API does not read, naming the type it was sent as. */
export function unsupportedBodyType(req: Request): UnsupportedMediaTypeError {
  const type = req.headers['content-type']?.slice(0, 100);
  const message = type ? `a body of type ${type} is not read; send ${JSON_TYPE}` : `a body without a Content-Type is not read; send ${JSON_TYPE}`;
  return new UnsupportedMediaTypeError(`Unsupported body: ${message}`, [{ field: 'body', message }]);
}

/** An absent or empty body; anything else is an issue naming the body. */
function noBody(body: unknown, issues: { field: string; message: string }[]): undefined {
  const empty = body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
  if (!empty) issues.push({ field: 'body', message: 'this request takes no body; see the API description (GET /api/openapi.json)' });
  return undefined;
}
