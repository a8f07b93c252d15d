import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AccessLocals } from './access.ts';

/**
 * One log line per request: request id (also sent back as X-Request-Id),
 * method, path (never the query string, which may carry search terms), the
 * policy route it matched, status, latency, and the user's id. Headers are
 * not logged at all, so neither is a token; bodies neither, so no contact
 * detail either.
 */

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestLog(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    wrapSerializers: false,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: Request) => ({ id: req.id, method: req.method, path: (req.originalUrl ?? req.url).split('?')[0] }),
      res: (res: Response) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${(res as Response).locals?.rule?.path ?? 'unrouted'} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${(res as Response).locals?.rule?.path ?? 'unrouted'} ${res.statusCode}`,
    customSuccessObject: (_req, res, value: Record<string, unknown>) => withRoute(res as Response, value),
    customErrorObject: (_req, res, _error, value: Record<string, unknown>) => withRoute(res as Response, value),
  });
  return middleware as unknown as RequestHandler;
}

function withRoute(res: Response, value: Record<string, unknown>): Record<string, unknown> {
  const locals = (res.locals ?? {}) as AccessLocals;
  return { ...value, route: locals.rule?.path ?? null, user: locals.user?.id ?? null };
}
