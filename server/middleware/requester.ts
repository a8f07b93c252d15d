import type { Request, Response } from 'express';
import type { AuditContext } from '../services/audit.service.ts';

/**
 * Who is asking and from where, as the audit trail records them: the user the
 * access middleware authenticated (`res.locals.actor`), else `anonymous`, and
 * the client's address.
 */
export function requester(req: Request, res: Response): AuditContext {
  return { actor: typeof res.locals.actor === 'string' ? res.locals.actor : 'anonymous', origin: `http:${req.ip ?? 'unknown'}` };
}
