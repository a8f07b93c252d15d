import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { AccessLocals } from './access.ts';

/**
 * One log line per request: request id (also sent back as X-Request-Id),
 * method, path (never the query string, which may carry search terms), the
 * policy route it matched, status, latency, and the user's id. Headers are
 * not logged at all, so neither is a token; bodies neither, so no contact
 * detail either.
 *
 * Written straight through pino when the response ends. pino-http did the
 * same with a child logger and serializers built per request, which cost a
 * trivial route about a third of its throughput; the lines are the same.
 */

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** What a request's line needs when its response ends, kept on the response. */
interface Pending {
  logger: Logger;
  req: Request;
  id: string;
  started: number;
}

const PENDING = Symbol('request-log');
type Logged = Response & { [PENDING]?: Pending };

export function requestLog(logger: Logger): RequestHandler {
  // The line's fields are fixed above and hold no header, body or query: redaction, a
  // sixth of a line's cost, has nothing to find in them.
  const lines = logger.child({}, { redact: [] });
  return (req, res, next) => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    (res as Logged)[PENDING] = { logger: lines, req, id, started };
    // One listener shared by every request, not a closure made for each. A response emits
    // 'close' once, whether it finished (just after 'finish') or the client hung up first; the
    // line tells the two apart (an aborted one is logged as an error, with the status as far as it got).
    res.on('close', ended);
    next();
  };
}

function ended(this: Logged): void {
  const pending = this[PENDING];
  if (!pending) return;
  this[PENDING] = undefined;
  logLine(pending.logger, pending.req, this, pending.id, performance.now() - pending.started);
}

function logLine(logger: Logger, req: Request, res: Response, id: string, ms: number): void {
  const locals = (res.locals ?? {}) as AccessLocals;
  const route = locals.rule?.path ?? null;
  const aborted = !res.writableFinished;
  const status = res.statusCode;
  const line = {
    req: { id, method: req.method, path: (req.originalUrl ?? req.url).split('?')[0] },
    res: { status },
    responseTime: Math.round(ms),
    route,
    user: locals.user?.id ?? null,
  };
  const message = `${req.method} ${route ?? 'unrouted'} ${status}${aborted ? ' (aborted)' : ''}`;
  if (aborted || status >= 500) logger.error(line, message);
  else logger.info(line, message);
}
