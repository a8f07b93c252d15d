import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { POLICY } from './auth/policy.ts';

extendZodWithOpenApi(z);

/**
 * zod 4 gives a schema `.openapi()` only if it was built after
 * extendZodWithOpenApi ran, and the plain schemas in server/schemas/ may load
 * first (config.ts reaches them through the importer's row schema), so a
 * component is registered from a copy made now.
 */
class SchemaRegistry extends OpenAPIRegistry {
  override register<T extends z.ZodType>(refId: string, zodSchema: T): T {
    return super.register(refId, zodSchema.clone() as T);
  }
}

/**
 * Each routes file registers its paths here, beside the route itself; the
 * document at /api/openapi.json is generated from these zod schemas.
 */
export const registry = new SchemaRegistry();

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/** The error responses every route can give, for registerPath. */
export const errorResponses = {
  400: { description: 'Invalid input; details name the field', content: { 'application/json': { schema: ErrorBodySchema } } },
  401: { description: 'No bearer token, or one unknown or revoked', content: { 'application/json': { schema: ErrorBodySchema } } },
  403: { description: "The token's role may not do this (README, \"Access and roles\")", content: { 'application/json': { schema: ErrorBodySchema } } },
  429: { description: 'Too many requests; Retry-After says when to try again', content: { 'application/json': { schema: ErrorBodySchema } } },
  503: { description: 'Database unreachable; Retry-After says when to try again', content: { 'application/json': { schema: ErrorBodySchema } } },
} as const;

registry.registerComponent('securitySchemes', 'bearerToken', {
  type: 'http',
  scheme: 'bearer',
  description: 'An access token (`ta_…`) from `atlas token create` or the one `npm start` prints on its first run.',
});

export function openApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Talent Atlas API',
      version: '0.1.0',
      description: 'Hub maps, ranked candidate pools, graph neighbourhoods, market maps and target lists over a Neo4j talent graph.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerToken: [] }],
  });
  // Each operation states the least role that may call it, from the one policy table.
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations as Record<string, Record<string, unknown>>)) {
      const row = POLICY.find((r) => r.method === method && r.path === path);
      if (!row || typeof operation !== 'object') continue;
      operation['x-required-role'] = row.role;
      if (row.role === 'public') operation.security = [];
      // A body is read as JSON only (POST /api/import reads its own formats): anything else is refused.
      if (operation.requestBody && path !== '/api/import') {
        const responses = (operation.responses ??= {}) as Record<string, unknown>;
        responses['415'] ??= {
          description: 'The body is not JSON (Content-Type application/json); details name the body',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      }
    }
  }
  return document;
}
