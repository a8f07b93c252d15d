import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { classifyDbError } from '../db/neo4j.ts';
import { HttpError, NotFoundError, ServiceUnavailableError } from '../errors.ts';

export const notFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route ${req.method} ${req.path}`));
};

/**
 * Turns anything thrown into the JSON error body. Driver errors are mapped
 * once here: unreachable → 503 with Retry-After, constraint → 409; their
 * messages (which may quote Cypher) never leave the server.
 */
export function errorHandler(logger: Logger, { onUnavailable }: { onUnavailable?: (error: unknown) => void } = {}): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: HttpError;
    if (err instanceof HttpError) {
      error = err;
    } else if (isBodyParserError(err)) {
      const message = bodyParserMessage(err);
      error = new HttpError(err.status ?? 400, err.type === 'entity.too.large' ? 'payload_too_large' : 'bad_request', message, [{ field: 'body', message }]);
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
        case 'constraint':
          error = new HttpError(409, 'conflict', 'The change conflicts with existing data.');
          break;
        default:
          error = new HttpError(500, 'internal', 'Internal error; it has been logged.');
      }
    }
    if (error.status >= 500) logger.error({ err, route: res.locals.rule?.path ?? req.route?.path, path: req.path }, 'request failed');
    if (error instanceof ServiceUnavailableError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(error.status).json({
      error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
    });
  };
}

interface BodyParserError {
  type: string;
  status?: number;
  message: string;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && 'type' in err && typeof (err as { type: unknown }).type === 'string' && 'status' in err;
}

function bodyParserMessage(err: BodyParserError): string {
  switch (err.type) {
    case 'entity.parse.failed':
      return 'The request body is not valid JSON.';
    case 'entity.too.large':
      return 'The request body is too large.';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'The request body encoding is not supported; send UTF-8.';
    default:
      return 'The request body could not be read.';
  }
}
