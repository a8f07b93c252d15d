import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AccessLocals } from './access.ts';
import { bearerToken, parseToken } from '../auth/tokens.ts';
import { HttpError } from '../errors.ts';

/**
 * Requests per minute: one budget for the whole API per token (per address
 * for requests without a well-formed token, so guessing is slowed before any
 * hash is computed), and smaller ones for imports and exports per user.
 * 0 turns a limit off (`npm run bench:load` runs that way).
 */

export interface RateLimits {
  /** /api requests per minute per token, or per address without one. */
  perMinute: number;
  importPerMinute: number;
  exportPerMinute: number;
}

const WINDOW_MS = 60_000;

function limited(limit: number, key: (req: Request, res: Response) => string, what: string): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (_req, res, next) => {
      const retryAfter = res.getHeader('Retry-After');
      next(new HttpError(429, 'rate_limited', `Too many ${what}; try again in ${retryAfter ?? 60} s.`));
    },
  });
}

function tokenOrAddress(req: Request): string {
  const token = bearerToken(req.get('authorization'));
  const parsed = token === undefined ? undefined : parseToken(token);
  return parsed ? `token:${parsed.id}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

/** The API-wide limit; mounted before authentication. */
export function apiRateLimit(limits: RateLimits): RequestHandler {
  return limited(limits.perMinute, tokenOrAddress, 'requests');
}

/** The stricter limits of the routes whose policy row names one; mounted after authentication. */
export function routeRateLimits(limits: RateLimits): RequestHandler {
  const byUser = (_req: Request, res: Response) => `user:${(res.locals as AccessLocals).user?.id ?? 'anonymous'}`;
  const importLimit = limited(limits.importPerMinute, byUser, 'imports');
  const exportLimit = limited(limits.exportPerMinute, byUser, 'exports');
  return (req, res, next) => {
    const kind = (res.locals as AccessLocals).rule?.limit;
    if (kind === 'import') return importLimit(req, res, next);
    if (kind === 'export') return exportLimit(req, res, next);
    next();
  };
}
