import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { caller } from '../middleware/access.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { ErrorBodySchema, errorResponses, registry } from '../openapi.ts';
import { MeSchema, RevokedTokenSchema, TokenParamsSchema, UsersResponseSchema } from '../schemas/users.schema.ts';
import { systemClock } from '../services/clock.ts';
import { type TokenVerifier, listUsers, revokeUserToken } from '../services/users.service.ts';

registry.register('Me', MeSchema);
registry.register('UsersResponse', UsersResponseSchema);
registry.register('RevokedToken', RevokedTokenSchema);

const json = (schema: Parameters<typeof registry.register>[1]) => ({ 'application/json': { schema } });

registry.registerPath({
  method: 'get',
  path: '/api/me',
  summary: 'Who the bearer token belongs to, and their role',
  responses: { 200: { description: 'The signed-in user', content: json(MeSchema) }, ...errorResponses },
});

registry.registerPath({
  method: 'get',
  path: '/api/users',
  summary: 'Every user with their role, and every token (ids and dates, never a secret or hash)',
  responses: { 200: { description: 'Users and tokens', content: json(UsersResponseSchema) }, ...errorResponses },
});

registry.registerPath({
  method: 'delete',
  path: '/api/tokens/{id}',
  summary: 'Revoke a token at once (`atlas token revoke` does the same from the command line)',
  request: { params: TokenParamsSchema },
  responses: {
    200: { description: 'The token is revoked', content: json(RevokedTokenSchema) },
    404: { description: 'Unknown token', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

export function usersRoutes({ db, clock = systemClock, tokens }: AppDeps & { tokens: TokenVerifier }): Router {
  return Router()
    .get(
      '/me',
      handle({}, (_input, _req, res) => conform(MeSchema, caller(res))),
    )
    .get(
      '/users',
      handle({}, async () => conform(UsersResponseSchema, await listUsers(db))),
    )
    .delete(
      '/tokens/:id',
      handle({ params: TokenParamsSchema }, async ({ params }) => {
        const revoked = await revokeUserToken(db, params.id, clock());
        tokens.forget(params.id);
        return conform(RevokedTokenSchema, revoked);
      }),
    );
}
