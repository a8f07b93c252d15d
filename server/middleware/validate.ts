import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { BadRequestError } from '../errors.ts';

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

export function zodIssues(error: z.ZodError, where: string) {
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
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
    const query = parsed(schemas.query, req.query, 'query', issues);
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

/** An absent or empty body; anything else is an issue naming the body. */
function noBody(body: unknown, issues: { field: string; message: string }[]): undefined {
  const empty = body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
  if (!empty) issues.push({ field: 'body', message: 'this request takes no body; see the API description (GET /api/openapi.json)' });
  return undefined;
}
