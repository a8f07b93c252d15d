import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { handle } from '../middleware/validate.ts';
import { conform } from '../middleware/respond.ts';
import { errorResponses, registry } from '../openapi.ts';
import { ErrorBodySchema } from '../schemas/common.schema.ts';
import { SavedViewCreateSchema, SavedViewListSchema, SavedViewParamsSchema, SavedViewSchema } from '../schemas/saved-views.schema.ts';
import { systemClock } from '../services/clock.ts';
import { listSavedViews, removeSavedView, saveView } from '../services/saved-views.service.ts';

registry.register('SavedViewCreate', SavedViewCreateSchema);
registry.register('SavedView', SavedViewSchema);
registry.register('SavedViewList', SavedViewListSchema);

const json = (schema: Parameters<typeof registry.register>[1]) => ({ 'application/json': { schema } });

registry.registerPath({
  method: 'post',
  path: '/api/saved-views',
  summary: 'Save the current explorer URL under a name; an existing name gets the new URL',
  request: { body: { content: json(SavedViewCreateSchema), required: true } },
  responses: {
    201: { description: 'A new saved view', content: json(SavedViewSchema) },
    200: { description: 'The saved view of that name, now pointing at the new URL', content: json(SavedViewSchema) },
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/saved-views',
  summary: 'Every saved view, by name',
  responses: { 200: { description: 'The saved views', content: json(SavedViewListSchema) }, ...errorResponses },
});

registry.registerPath({
  method: 'delete',
  path: '/api/saved-views/{id}',
  summary: 'Remove a saved view',
  request: { params: SavedViewParamsSchema },
  responses: {
    204: { description: 'Removed' },
    404: { description: 'Unknown saved view', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

export function savedViewsRoutes({ db, clock = systemClock }: AppDeps): Router {
  return Router()
    .post(
      '/saved-views',
      handle({ body: SavedViewCreateSchema }, async ({ body }, _req, res) => {
        const { view, created } = await saveView(db, body, clock());
        res.status(created ? 201 : 200).json(conform(SavedViewSchema, view));
      }),
    )
    .get(
      '/saved-views',
      handle({}, async () => conform(SavedViewListSchema, await listSavedViews(db))),
    )
    .delete(
      '/saved-views/:id',
      handle({ params: SavedViewParamsSchema }, async ({ params }, _req, res) => {
        await removeSavedView(db, params.id);
        res.status(204).end();
      }),
    );
}
