import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { loadEnv } from '../config.ts';
import { requester } from '../middleware/requester.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { ErrorBodySchema, errorResponses, registry } from '../openapi.ts';
import { DEFAULT_RETENTION_FILE, loadRetentionConfig } from '../privacy/retention.ts';
import {
  AuditPageSchema,
  AuditQuerySchema,
  CandidateIdParamsSchema,
  DsarSchema,
  ErasureSchema,
  InformedBodySchema,
  InformedSchema,
  NoticeDueQuerySchema,
  NoticeDueSchema,
  RetentionReportSchema,
} from '../schemas/privacy.schema.ts';
import { auditTrail } from '../services/audit.service.ts';
import { systemClock } from '../services/clock.ts';
import { accessRequest, eraseCandidate, markInformed, noticeDueList, runRetention } from '../services/privacy.service.ts';

registry.register('NoticeDue', NoticeDueSchema);
registry.register('Informed', InformedSchema);
registry.register('Erasure', ErasureSchema);
registry.register('RetentionReport', RetentionReportSchema);
registry.register('AccessRequest', DsarSchema);
registry.register('AuditPage', AuditPageSchema);

const notFound = { description: 'Unknown candidate', content: { 'application/json': { schema: ErrorBodySchema } } };

registry.registerPath({
  method: 'get',
  path: '/api/privacy/due',
  summary: 'GDPR Art. 14: candidates not yet told their data is held, overdue first, with each deadline',
  request: { query: NoticeDueQuerySchema },
  responses: { 200: { description: 'A page of the notices due', content: { 'application/json': { schema: NoticeDueSchema } } }, ...errorResponses },
});

registry.registerPath({
  method: 'post',
  path: '/api/candidates/{id}/informed',
  summary: 'Record that a candidate was informed (GDPR Art. 14): when (default now) and how',
  request: { params: CandidateIdParamsSchema, body: { content: { 'application/json': { schema: InformedBodySchema } } } },
  responses: {
    200: { description: 'Recorded', content: { 'application/json': { schema: InformedSchema } } },
    404: notFound,
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'delete',
  path: '/api/candidates/{id}',
  summary: 'Erase a candidate (GDPR Art. 17): the person, every relationship and snapshot row; identifiers kept only as keyed hashes so a re-import is refused',
  request: { params: CandidateIdParamsSchema },
  responses: {
    200: { description: 'Erased; what was removed', content: { 'application/json': { schema: ErasureSchema } } },
    404: notFound,
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/candidates/{id}/dsar',
  summary: 'Everything held on one candidate (GDPR Art. 15 access request), as JSON',
  request: { params: CandidateIdParamsSchema },
  responses: {
    200: { description: 'The data held', content: { 'application/json': { schema: DsarSchema } } },
    404: notFound,
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/privacy/retention',
  summary: 'Candidates past their retention period (per country, counted from the last contact); nothing is erased',
  responses: { 200: { description: 'Who is past it, and the rule for each', content: { 'application/json': { schema: RetentionReportSchema } } }, ...errorResponses },
});

registry.registerPath({
  method: 'post',
  path: '/api/privacy/retention',
  summary: 'Erase every candidate past their retention period',
  responses: { 200: { description: 'Who was erased', content: { 'application/json': { schema: RetentionReportSchema } } }, ...errorResponses },
});

registry.registerPath({
  method: 'get',
  path: '/api/audit',
  summary: 'The audit trail, newest first, by actor, action, candidate, list and time',
  request: { query: AuditQuerySchema },
  responses: { 200: { description: 'A page of events', content: { 'application/json': { schema: AuditPageSchema } } }, ...errorResponses },
});

export function privacyRoutes({ db, clock = systemClock }: AppDeps): Router {
  const retention = loadRetentionConfig(loadEnv().ATLAS_RETENTION_FILE ?? DEFAULT_RETENTION_FILE);
  return Router()
    .get(
      '/privacy/due',
      handle({ query: NoticeDueQuerySchema }, async ({ query }) => conform(NoticeDueSchema, await noticeDueList(db, query, clock()))),
    )
    .post(
      '/candidates/:id/informed',
      handle({ params: CandidateIdParamsSchema, body: InformedBodySchema }, async ({ params, body }, req, res) =>
        conform(InformedSchema, await markInformed(db, params.id, body, { ...requester(req, res), now: clock() })),
      ),
    )
    .delete(
      '/candidates/:id',
      handle({ params: CandidateIdParamsSchema }, async ({ params }, req, res) =>
        conform(ErasureSchema, await eraseCandidate(db, params.id, { ...requester(req, res), now: clock(), reason: 'request' })),
      ),
    )
    .get(
      '/candidates/:id/dsar',
      handle({ params: CandidateIdParamsSchema }, async ({ params }, req, res) => {
        const dsar = await accessRequest(db, params.id, retention, { ...requester(req, res), now: clock() });
        res.set('Content-Disposition', `attachment; filename="access-request-${params.id}.json"`).set('Cache-Control', 'no-store');
        return conform(DsarSchema, dsar);
      }),
    )
    .get(
      '/privacy/retention',
      handle({}, async (_input, req, res) => conform(RetentionReportSchema, await runRetention(db, retention, { ...requester(req, res), now: clock(), apply: false }))),
    )
    .post(
      '/privacy/retention',
      handle({}, async (_input, req, res) => conform(RetentionReportSchema, await runRetention(db, retention, { ...requester(req, res), now: clock(), apply: true }))),
    )
    .get(
      '/audit',
      handle({ query: AuditQuerySchema }, async ({ query }) => conform(AuditPageSchema, await auditTrail(db, query))),
    );
}
