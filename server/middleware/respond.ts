import type { z } from 'zod';

/**
 * Responses pass through their zod schema on the way out, so what a client
 * receives is exactly what the OpenAPI document promises; a mismatch is a
 * server bug and surfaces as a logged 500, never as a malformed body.
 */
export function conform<S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> {
  return schema.parse(value);
}
