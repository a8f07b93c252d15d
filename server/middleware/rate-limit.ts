import { hash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AccessLocals } from './access.ts';
import { bearerToken, parseToken } from '../auth/tokens.ts';
import { HttpError } from '../errors.ts';

/**
 * Requests per minute: one budget for the whole API per token (per address
 * for requests without a well-formed token), a small one for failed sign-ins
 * per address (each costs a hash, so guessing is slowed before it costs
 * much), and smaller ones for imports and exports per user. 0 turns the
 * limits off (`npm run bench:load` runs that way).
 */

export interface RateLimits {
  /** /api requests per minute per token, or per address without one. */
  perMinute: number;
  importPerMinute: number;
  exportPerMinute: number;
}

const WINDOW_MS = 60_000;
/** Requests answered 401 per minute per address before the address must wait. */
export const FAILED_SIGN_INS_PER_MINUTE = 30;

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

const address = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;

/** The whole token's digest, not its id: someone who knows an id (it is no secret) cannot spend its holder's budget. */
function tokenOrAddress(req: Request): string {
  const token = bearerToken(req.get('authorization'));
  return token !== undefined && parseToken(token) ? `token:${hash('sha256', token, 'base64url')}` : address(req);
}

/**
 * The API-wide limit and the failed sign-in limit; mounted before authentication
 * (nothing when off). The sign-in limit counts and holds back only requests that
 * present a token not verified lately nor being checked (`verified`): a request with
 * no token costs no hash and is answered 401 at once, a signed-in user keeps working
 * while someone at the same address guesses, and a client's burst of requests with a
 * token whose cache entry expired is one sign-in, not one per request.
 */
export function apiRateLimit(limits: RateLimits, verified: (token: string) => boolean = () => false): RequestHandler[] {
  if (limits.perMinute <= 0) return [];
  const failures: RequestHandler = rateLimit({
    windowMs: WINDOW_MS,
    limit: FAILED_SIGN_INS_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: address,
    // Only answers refusing the token count.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    identifier: 'sign-in',
    skip: (req) => {
      const token = bearerToken(req.get('authorization'));
      return token === undefined || verified(token);
    },
    handler: (_req, res, next) => {
      next(new HttpError(429, 'rate_limited', `Too many failed sign-ins from this address; try again in ${res.getHeader('Retry-After') ?? 60} s.`));
    },
  });
  return [failures, limited(limits.perMinute, tokenOrAddress, 'requests')];
}

/** The stricter limits of the routes whose policy row names one; mounted after authentication (nothing when both are off). */
export function routeRateLimits(limits: RateLimits): RequestHandler[] {
  if (limits.importPerMinute <= 0 && limits.exportPerMinute <= 0) return [];
  const byUser = (_req: Request, res: Response) => `user:${(res.locals as AccessLocals).user?.id ?? 'anonymous'}`;
  const importLimit = limited(limits.importPerMinute, byUser, 'imports');
  const exportLimit = limited(limits.exportPerMinute, byUser, 'exports');
  return [
    (req, res, next) => {
      const kind = (res.locals as AccessLocals).rule?.limit;
      if (kind === 'import') return importLimit(req, res, next);
      if (kind === 'export') return exportLimit(req, res, next);
      next();
    },
  ];
}
