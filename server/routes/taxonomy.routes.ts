import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { handle } from '../middleware/validate.ts';
import { conform } from '../middleware/respond.ts';
import { errorResponses, registry } from '../openapi.ts';
import { TaxonomySchema, TeamMemberListSchema } from '../schemas/taxonomy.schema.ts';
import { taxonomy, teamMembers } from '../services/taxonomy.service.ts';

registry.register('Taxonomy', TaxonomySchema);
registry.register('TeamMemberList', TeamMemberListSchema);

registry.registerPath({
  method: 'get',
  path: '/api/taxonomy',
  summary: "The world's skills and sectors, for filters and type-ahead",
  responses: {
    200: { description: 'Skills by group; sectors with target sectors first', content: { 'application/json': { schema: TaxonomySchema } } },
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/team-members',
  summary: "The search team's people, where warm-introduction paths start",
  responses: {
    200: { description: 'Team members by name (no contact details)', content: { 'application/json': { schema: TeamMemberListSchema } } },
    ...errorResponses,
  },
});

export function taxonomyRoutes({ db }: AppDeps): Router {
  return Router()
    .get(
      '/taxonomy',
      handle({}, async () => conform(TaxonomySchema, await taxonomy(db))),
    )
    .get(
      '/team-members',
      handle({}, async () => conform(TeamMemberListSchema, await teamMembers(db))),
    );
}
