import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type PolicyRow, findRule, withoutContactDetails } from '../auth/policy.ts';
import { hasRole, seesContactDetails } from '../auth/roles.ts';
import { bearerToken, parseToken } from '../auth/tokens.ts';
import type { DatabaseAvailability } from '../db/availability.ts';
import { ForbiddenError, MethodNotAllowedError, NotFoundError, ServiceUnavailableError, UnauthorizedError } from '../errors.ts';
import type { AuthUser, TokenVerifier } from '../services/users.service.ts';

/**
 * The one gate of /api, mounted before every route: finds the request's row
 * in the policy table (no row, no access), asks for a bearer token unless the
 * row is public, answers 503 while the database is known to be down, checks
 * the token and the role, and blanks contact details in answers to roles that
 * may not see them. Handlers find the caller in `res.locals.user` (and, for
 * the audit trail, `res.locals.actor` and `res.locals.role`).
 */

export interface AccessLocals {
  user?: AuthUser;
  rule?: PolicyRow;
}

export function requestUser(res: Response): AuthUser | undefined {
  return (res.locals as AccessLocals).user;
}

export function accessControl({ tokens, availability }: { tokens: TokenVerifier; availability: DatabaseAvailability }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const rule = findRule(req.method, `${req.baseUrl}${req.path}`);
    res.locals.rule = rule;
    // HEAD runs the GET handler; where that records or writes something, a HEAD would too.
    if (req.method === 'HEAD' && rule?.effects) {
      res.setHeader('Allow', 'GET');
      return next(new MethodNotAllowedError(`HEAD ${req.baseUrl}${req.path} is not answered: its GET is recorded on the audit trail; send GET.`));
    }
    if (rule?.role === 'public') return next();

    const token = bearerToken(req.get('authorization'));
    if (token === undefined || parseToken(token) === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="talent-atlas"');
      return next(new UnauthorizedError(token === undefined ? undefined : 'The bearer token is not a Talent Atlas token (ta_…).'));
    }
    if (availability.down) return next(new ServiceUnavailableError());

    // A token verified lately is answered from the cache at once; only a miss waits for the database.
    const user = tokens.verify(token);
    if (user instanceof Promise) return user.then((found) => admit(found, rule, req, res, next));
    admit(user, rule, req, res, next);
  };
}

function admit(user: AuthUser | undefined, rule: PolicyRow | undefined, req: Request, res: Response, next: NextFunction): void {
  if (!user) {
    res.setHeader('WWW-Authenticate', 'Bearer realm="talent-atlas", error="invalid_token"');
    return next(new UnauthorizedError('The bearer token is unknown or revoked.'));
  }
  res.locals.user = user;
  res.locals.actor = user.name;
  res.locals.role = user.role;

  if (!rule) return next(new NotFoundError(`No route ${req.method} ${req.baseUrl}${req.path}`));
  // (A public row was let through before the token was asked for.)
  if (rule.role !== 'public' && !hasRole(user.role, rule.role)) {
    return next(new ForbiddenError(`The ${user.role} role may not ${req.method} ${req.baseUrl}${req.path}; it needs ${rule.role}.`));
  }
  if (!seesContactDetails(user.role)) {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(withoutContactDetails(body));
  }
  next();
}

/** For routes that need the caller: the authenticated user, or a 401 (never reached past accessControl). */
export function caller(res: Response): AuthUser {
  const user = requestUser(res);
  if (!user) throw new UnauthorizedError();
  return user;
}
