import { z } from 'zod';
import { IdSchema } from './common.schema.ts';

/**
 * Saved searches: a name for a URL of the explorer, kept on the server so a
 * team shares them. Only paths on this site are accepted (no scheme, no
 * host), so a saved view can never send someone elsewhere.
 */

export const SAVED_VIEW_URL_MAX = 4_000;

export const SavedViewUrlSchema = z
  .string()
  .max(SAVED_VIEW_URL_MAX, `must be at most ${SAVED_VIEW_URL_MAX} characters`)
  .regex(/^\/(?![/\\])[^\s\\]*$/, 'must be a path on this site, starting with a single "/" and without spaces');

export const SavedViewCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  url: SavedViewUrlSchema,
});
export type SavedViewCreate = z.output<typeof SavedViewCreateSchema>;

export const SavedViewParamsSchema = z.strictObject({ id: IdSchema });

export const SavedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof SavedViewSchema>;

export const SavedViewListSchema = z.object({ items: z.array(SavedViewSchema) });
export type SavedViewList = z.infer<typeof SavedViewListSchema>;
