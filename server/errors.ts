/**
 * Errors a route may throw; one middleware (middleware/errors.ts) turns them
 * into `{ "error": { "code", "message", "details" } }`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, 'bad_request', message, details);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(404, 'not_found', message, details);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'A valid bearer token is required.') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class MethodNotAllowedError extends HttpError {
  constructor(message: string) {
    super(405, 'method_not_allowed', message);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(415, 'unsupported_media_type', message, details);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(message = 'The database is unreachable; try again shortly.', readonly retryAfterSeconds = 5) {
    super(503, 'database_unavailable', message);
  }
}
