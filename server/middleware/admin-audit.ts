import type { RequestHandler } from 'express';
import type { Database } from '../db/neo4j.ts';
import { recordAuditEvent } from '../services/audit.service.ts';
import type { Clock } from '../services/clock.ts';
import type { AuthUser } from '../services/users.service.ts';

/**
 * Mounted after the access check: every request an admin's token let through
 * is on the audit trail (who, which token, what, from where) before it runs,
 * so an admin action that cannot be recorded does not happen. The path holds
 * ids only; the query string (which may hold search text) is left out.
 */
export function auditAdminTokenUse(db: Database, clock: Clock): RequestHandler {
  return (req, res, next) => {
    const user = res.locals.user as AuthUser | undefined;
    // Other roles pass straight on, without waiting a turn for a promise.
    if (user?.role !== 'admin') return next();
    return recordAuditEvent(db, {
      action: 'token.use',
      actor: user.name,
      origin: `http:${req.ip ?? 'unknown'}`,
      at: clock(),
      details: { tokenId: user.tokenId, method: req.method, path: `${req.baseUrl}${req.path}` },
    }).then(() => next());
  };
}
