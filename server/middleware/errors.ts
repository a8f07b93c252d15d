import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { classifyDbError } from '../db/neo4j.ts';
import { HttpError, NotFoundError, ServiceUnavailableError } from '../errors.ts';

export const notFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route ${req.method} ${req.baseUrl}${req.path}`));
};

/**
 * Turns anything thrown into the JSON error body. Driver errors are mapped
 * once here: unreachable or busy → 503 with Retry-After, constraint → 409; their
 * messages (which may quote Cypher) never leave the server.
 */
export function errorHandler(logger: Logger, { onUnavailable }: { onUnavailable?: (error: unknown) => void } = {}): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: HttpError;
    if (err instanceof HttpError) {
      error = err;
    } else if (isClientReadError(err)) {
      // body-parser's errors (http-errors): its own carry a `type`; a body that fails to
      // decompress as its Content-Encoding says is zlib's error with only a status.
      const message = bodyReadMessage(err, req.headers['content-encoding']);
      error = new HttpError(err.status, statusCode(err.status), `Invalid body: ${message}`, [{ field: 'body', message }]);
    } else if (err instanceof URIError) {
      // The router could not percent-decode a path parameter.
      error = new HttpError(400, 'bad_request', 'The path is not valid percent-encoded UTF-8.', [{ field: 'path', message: 'invalid percent-encoding' }]);
    } else {
      switch (classifyDbError(err)) {
        case 'unavailable':
          onUnavailable?.(err);
          error = new ServiceUnavailableError();
          break;
        case 'auth':
          error = new ServiceUnavailableError();
          break;
        case 'busy':
          // Every connection is in use: the client may try again, but the database is not down.
          error = new ServiceUnavailableError('The database is busy; try again shortly.');
          break;
        case 'constraint':
          error = new HttpError(409, 'conflict', 'The change conflicts with existing data.');
          break;
        default:
          error = new HttpError(500, 'internal', 'Internal error; it has been logged.');
      }
    }
    if (error.status >= 500) logger.error({ err, route: res.locals.rule?.path ?? req.route?.path, path: req.path }, 'request failed');
    // An answer already begun (a stream cut short) or sent (a body that stopped coming was answered 408,
    // and the route waiting on it failed after): only an unfinished one is cut, so the client sees it end early.
    if (res.headersSent) {
      if (!res.writableEnded) res.destroy();
      return;
    }
    sendError(res, error);
  };
}

/** Answers with `error` as every error is answered: its status and `{error:{code,message,details}}`. */
export function sendError(res: Response, error: HttpError): void {
  if (error instanceof ServiceUnavailableError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.status(error.status).json({ error: { code: error.code, message: error.message, details: detailsList(error) } });
}

/**
 * `details` is always a list of what the client should fix (empty when there is nothing to
 * name). A 422 keeps its details as they are: they are the outcome of the part that was
 * processed (the import's summary), as the API description says.
 */
function detailsList(error: HttpError): unknown {
  const { details } = error;
  if (details === undefined || details === null) return [];
  if (Array.isArray(details) || error.status === 422) return details;
  return [details];
}

/** `unsupported_media_type` for 415: the status's own name, as every other code. */
function statusCode(status: number): string {
  return (STATUS_CODES[status] ?? 'bad request').toLowerCase().replace(/[^a-z]+/g, '_');
}

/** An error raised by reading the request (http-errors: a 4xx status the client may be told). */
interface ClientReadError {
  status: number;
  expose: true;
  type?: unknown;
  encoding?: unknown;
  charset?: unknown;
}

function isClientReadError(err: unknown): err is ClientReadError {
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

function bodyReadMessage(err: ClientReadError, contentEncoding: string | undefined): string {
  switch (err.type) {
    case 'entity.parse.failed':
      return 'not valid JSON';
    case 'entity.too.large':
      return 'too large';
    case 'charset.unsupported':
      return `charset ${String(err.charset ?? '').slice(0, 40)} is not supported; send UTF-8`;
    case 'encoding.unsupported':
      return `Content-Encoding ${String(err.encoding ?? contentEncoding ?? '').slice(0, 40)} is not supported; send the body uncompressed or as gzip, deflate or br`;
    case 'request.size.invalid':
      return 'shorter or longer than its Content-Length';
    case 'request.aborted':
      return 'the request was aborted before the body was read';
    case undefined:
      if (contentEncoding) return `not ${contentEncoding.slice(0, 40)}-encoded as its Content-Encoding says`;
      return 'could not be read';
    default:
      return 'could not be read';
  }
}
