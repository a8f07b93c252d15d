import { type Response, Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { ROLES, type Role } from '../export/columns.ts';
import { createLogger } from '../logger.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { errorResponses, registry } from '../openapi.ts';
import { ErrorBodySchema } from '../schemas/common.schema.ts';
import {
  ExportQuerySchema,
  ExportRecordSchema,
  ListCreateSchema,
  ListParamsSchema,
  SnapshotRequestSchema,
  SnapshotResultSchema,
  TargetListSchema,
  TargetListsSchema,
} from '../schemas/lists.schema.ts';
import { systemClock } from '../services/clock.ts';
import { prepareExport, runExport } from '../services/list-export.service.ts';
import { createTargetList, getTargetList, listTargetLists, takeSnapshot } from '../services/lists.service.ts';

registry.register('ListCreate', ListCreateSchema);
registry.register('TargetList', TargetListSchema);
registry.register('TargetLists', TargetListsSchema);
registry.register('SnapshotRequest', SnapshotRequestSchema);
registry.register('SnapshotResult', SnapshotResultSchema);
registry.register('ExportRecord', ExportRecordSchema);

const json = (schema: Parameters<typeof registry.register>[1]) => ({ 'application/json': { schema } });
const notFound = { description: 'Unknown list (or no snapshot for that week)', content: json(ErrorBodySchema) };
const broken = { description: "The list's hub, search or a filter's skill or sector has been deleted", content: json(ErrorBodySchema) };

registry.registerPath({
  method: 'post',
  path: '/api/lists',
  summary: 'Save a target list: a pool query (hub, filters, ranking profile) or a mandate’s pipeline',
  request: { body: { content: json(ListCreateSchema), required: true } },
  responses: { 201: { description: 'The new list', content: json(TargetListSchema) }, ...errorResponses },
});

registry.registerPath({
  method: 'get',
  path: '/api/lists',
  summary: 'Every target list, newest first, with its snapshots',
  responses: { 200: { description: 'The lists', content: json(TargetListsSchema) }, ...errorResponses },
});

registry.registerPath({
  method: 'get',
  path: '/api/lists/{id}',
  summary: 'One target list with its snapshots',
  request: { params: ListParamsSchema },
  responses: { 200: { description: 'The list', content: json(TargetListSchema) }, 404: notFound, ...errorResponses },
});

registry.registerPath({
  method: 'post',
  path: '/api/lists/{id}/snapshots',
  summary: 'Record who is on the list this ISO week (or `week`), with rank, score and stage',
  description: 'A week is recorded once: taking it again returns the recorded snapshot (200) unless `replace` is true.',
  request: { params: ListParamsSchema, body: { content: json(SnapshotRequestSchema) } },
  responses: {
    201: { description: 'The snapshot was taken', content: json(SnapshotResultSchema) },
    200: { description: 'The week had been taken already', content: json(SnapshotResultSchema) },
    404: notFound,
    409: broken,
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/lists/{id}/export',
  summary: 'A week of the list as CSV, XLSX or JSON: every row flagged new, kept or moved, then the rows dropped since the previous snapshot',
  description:
    'Streams the snapshot of `week` (default: the current ISO week, taken on the spot when missing). CSV is UTF-8 with a BOM; ' +
    'text that could run as a formula is neutralised. XLSX has the dropped rows on a second sheet. Contact columns are left out ' +
    'for roles that may not see them. The file name is `list-<name>-<week>.<ext>`.',
  request: { params: ListParamsSchema, query: ExportQuerySchema },
  responses: {
    200: {
      description: 'The export',
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        'application/json': { schema: z.array(ExportRecordSchema) },
      },
    },
    404: notFound,
    409: broken,
    ...errorResponses,
  },
});

/**
 * Who is asking and as what, as the access middleware leaves them in
 * `res.locals.actor` and `res.locals.role`; without them the caller is
 * `anonymous` and gets every column.
 */
function requester(res: Response): { actor: string; role?: Role } {
  const actor = typeof res.locals.actor === 'string' ? res.locals.actor : 'anonymous';
  const role = (ROLES as readonly unknown[]).includes(res.locals.role) ? (res.locals.role as Role) : undefined;
  return { actor, role };
}

export function listsRoutes({ db, clock = systemClock, logger = createLogger('silent') }: AppDeps): Router {
  return Router()
    .post(
      '/lists',
      handle({ body: ListCreateSchema }, async ({ body }, _req, res) => {
        const list = await createTargetList(db, body, { now: clock(), actor: requester(res).actor });
        res.status(201).json(conform(TargetListSchema, list));
      }),
    )
    .get(
      '/lists',
      handle({}, async () => conform(TargetListsSchema, await listTargetLists(db))),
    )
    .get(
      '/lists/:id',
      handle({ params: ListParamsSchema }, async ({ params }) => conform(TargetListSchema, await getTargetList(db, params.id))),
    )
    .post(
      '/lists/:id/snapshots',
      handle({ params: ListParamsSchema, body: SnapshotRequestSchema.optional() }, async ({ params, body }, _req, res) => {
        const result = await takeSnapshot(db, params.id, { week: body?.week, replace: body?.replace, now: clock() });
        res.status(result.created ? 201 : 200).json(conform(SnapshotResultSchema, result));
      }),
    )
    .get(
      '/lists/:id/export',
      handle({ params: ListParamsSchema, query: ExportQuerySchema }, async ({ params, query }, req, res) => {
        const now = clock();
        const { actor, role } = requester(res);
        const plan = await prepareExport(db, params.id, { ...query, role, now });
        res.status(200).set({
          'Content-Type': plan.contentType,
          'Content-Disposition': `attachment; filename="${plan.fileName}"`,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        try {
          await runExport(db, plan, res, { actor, now });
        } catch (error) {
          // Before the first byte the error middleware still answers with a JSON error;
          // after it, the only honest signal is a cut connection (never a short file as success).
          if (!res.headersSent && !res.destroyed) {
            res.removeHeader('Content-Disposition');
            res.removeHeader('Content-Type');
            throw error;
          }
          logger.warn({ err: error, listId: plan.listId, week: plan.week, url: req.originalUrl }, 'export interrupted');
          res.destroy();
        }
      }),
    );
}
