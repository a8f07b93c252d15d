import { z } from 'zod';
import { IdSchema, textSchema } from './common.schema.ts';

/**
 * Saved searches: a name for a URL of the explorer, kept on the server so a
 * team shares them. Only the explorer's own pages are accepted (no scheme, no
 * host, no API path), so a saved view can never send someone elsewhere.
 */

export const SAVED_VIEW_URL_MAX = 4_000;

/** The explorer's pages, as client/state.ts names its views (`/` opens the hub map). */
export const EXPLORER_VIEWS = ['map', 'graph', 'market', 'flows'] as const;

/**
 * What the explorer saves: its path and query string (`location.pathname +
 * location.search`), the query percent-encoded as URLSearchParams writes it,
 * so printable ASCII without spaces, backslashes or a fragment.
 */
const EXPLORER_URL = new RegExp(`^/(?:${EXPLORER_VIEWS.join('|')})?(?:\\?[\\x21-\\x7E]*)?$`);

export const SavedViewUrlSchema = z
  .string()
  .max(SAVED_VIEW_URL_MAX, `must be at most ${SAVED_VIEW_URL_MAX} characters`)
  .refine((url) => EXPLORER_URL.test(url) && !/[\\#]/.test(url), {
    error: `must be a page of the explorer (${['/', ...EXPLORER_VIEWS.map((v) => `/${v}`)].join(', ')}) with an optional query string, without spaces`,
  });

export const SavedViewCreateSchema = z.strictObject({
  name: textSchema({ max: 120 }),
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
