import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/**
 * Each routes file registers its paths here, beside the route itself; the
 * document at /api/openapi.json is generated from these zod schemas.
 */
export const registry = new OpenAPIRegistry();

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
  503: { description: 'Database unreachable', content: { 'application/json': { schema: ErrorBodySchema } } },
} as const;

export function openApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Talent Atlas API',
      version: '0.1.0',
      description: 'Hub maps, ranked candidate pools, graph neighbourhoods, market maps and target lists over a Neo4j talent graph.',
    },
    servers: [{ url: '/' }],
  });
}
