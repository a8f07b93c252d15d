import { z } from 'zod';

/**
 * Building blocks shared by every request and response schema. Plain zod: the
 * browser bundle imports these files, so nothing here may touch the OpenAPI
 * extension (routes register the schemas with the registry instead).
 *
 * Query strings arrive as strings (or arrays / objects from the extended
 * parser), so number and boolean parameters are parsed from strings
 * explicitly: an array where a scalar is expected fails instead of being
 * coerced.
 */

export const ID_MAX_LENGTH = 128;

export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(ID_MAX_LENGTH, `must be at most ${ID_MAX_LENGTH} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must be an id: letters, digits, ".", "_", ":" or "-", starting with a letter or digit');

export const SENIORITIES = ['junior', 'mid', 'senior', 'lead'] as const;
export const SenioritySchema = z.enum(SENIORITIES);
export type Seniority = z.infer<typeof SenioritySchema>;

export const SEGMENTS = ['target-sector', 'adjacent-sector', 'academic', 'other'] as const;
export const SegmentSchema = z.enum(SEGMENTS);
export type Segment = z.infer<typeof SegmentSchema>;

export const SegmentCountsSchema = z.object({
  'target-sector': z.number().int().nonnegative(),
  'adjacent-sector': z.number().int().nonnegative(),
  academic: z.number().int().nonnegative(),
  other: z.number().int().nonnegative(),
});
export type SegmentCounts = z.infer<typeof SegmentCountsSchema>;

export const LatLonSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type LatLon = z.infer<typeof LatLonSchema>;

/**
 * Characters no typed name, title or note needs: C0 and C1 controls (NUL,
 * BEL, ESC…) and the bidirectional embedding, override and isolate controls
 * (U+202A–U+202E, U+2066–U+2069), which reorder what a reader sees around
 * them (Unicode UAX #9; the "Trojan Source" attack). Multi-line text keeps
 * tab and line breaks.
 */
const UNSAFE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_BLOCK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Half of a UTF-16 surrogate pair without the other half (JSON may spell one, `"\ud800"`): no
 * character at all, and it turns into U+FFFD or an encoding error wherever the text goes next.
 */
const LONE_SURROGATE = /\p{Cs}/u;
/** Text that shows nothing: only white space and invisible format characters (zero-width space, direction marks). */
const INVISIBLE = /^[\s\p{Cf}]*$/u;

function unsafeCharacterMessage(found: string): string {
  const code = `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\u202A-\u202E\u2066-\u2069]/u.test(found)
    ? `must not contain a text-direction control character (${code})`
    : `must not contain a control character (${code})`;
}

/**
 * Free text a person types (a name, a title, a note): trimmed, at most `max`
 * characters, at least `min`, without the characters above. `multiline`
 * allows tab, CR and LF.
 */
export function textSchema({ min = 1, max, multiline = false }: { min?: number; max: number; multiline?: boolean }) {
  const unsafe = multiline ? UNSAFE_BLOCK : UNSAFE_LINE;
  const base = z.string().trim();
  return (min > 0 ? base.min(min, 'must not be empty') : base)
    .max(max, `must be at most ${max} characters`)
    .check((ctx) => {
      const found = unsafe.exec(ctx.value)?.[0];
      if (found !== undefined) ctx.issues.push({ code: 'custom', message: unsafeCharacterMessage(found), input: ctx.value });
      const half = LONE_SURROGATE.exec(ctx.value)?.[0];
      if (half !== undefined) {
        const code = `U+${half.charCodeAt(0).toString(16).toUpperCase()}`;
        ctx.issues.push({ code: 'custom', message: `must be valid Unicode text: it holds half of a surrogate pair (${code})`, input: ctx.value });
      }
      // trim() leaves zero-width characters: a name of nothing but those is as empty as "".
      if (min > 0 && ctx.value !== '' && INVISIBLE.test(ctx.value)) ctx.issues.push({ code: 'custom', message: 'must not be empty (it holds only invisible characters)', input: ctx.value });
    });
}

/** An ISO date (YYYY-MM-DD) as stored in career history. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
/** An ISO timestamp as Neo4j renders a DateTime. */
export const TimestampSchema = z.string().min(10);

/** A whole number given as a query-string value. */
export function intParam({ min, max }: { min: number; max: number }) {
  // A value given more than once arrives as an array, which validate.ts names as such for every scalar parameter.
  return z
    .string()
    .max(12, 'is too long for a number')
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** A decimal number given as a query-string value. */
export function numberParam({ min, max, minExclusive = false }: { min: number; max: number; minExclusive?: boolean }) {
  const bounded = minExclusive ? z.number().gt(min, `must be greater than ${min}`) : z.number().min(min, `must be at least ${min}`);
  return z
    .string()
    .max(24, 'is too long for a number')
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number in plain digits, such as 25 or 2.5')
    .transform(Number)
    .pipe(bounded.max(max, `must be at most ${max}`));
}

/** `true`/`false` (or `1`/`0`) given as a query-string value. */
export const BooleanParamSchema = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * A list given either as repeated parameters (`?skills=a&skills=b`) or as
 * one comma-separated value (`?skills=a,b`). Duplicates are dropped.
 */
export function listParam<T extends z.ZodType<string, string>>(item: T, { max = 20 }: { max?: number } = {}) {
  return z
    .union([z.string().max(4_000, 'is too long'), z.array(z.string().max(ID_MAX_LENGTH + 1)).max(max, `takes at most ${max} values`)])
    .transform((value) => [...new Set((Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter((v) => v !== ''))])
    // The items' own input type is narrower than string (an enum); each value is checked by `item`.
    .pipe(z.array(item).max(max, `takes at most ${max} values`) as unknown as z.ZodType<z.output<T>[], string[]>);
}

/** The graph node kinds an API response may name. */
export const NODE_KINDS = ['candidate', 'employer', 'hub', 'sector', 'skill', 'publication', 'institution', 'country', 'teamMember'] as const;
export const NodeKindSchema = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKindSchema>;

type GraphValue = string | number | boolean | null;
const isGraphValue = (v: unknown): v is GraphValue =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The few properties a graph view shows of a node or link: text, numbers, booleans or null.
 * Checked as one object rather than as a record of unions, which parses every entry into a
 * copy: a neighbourhood of 2,000 nodes and links took milliseconds of each answer that way.
 */
export const GraphPropsSchema = z
  .custom<Record<string, GraphValue>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isGraphValue), {
    message: 'expected an object of strings, finite numbers, booleans or nulls',
  })
  .meta({ type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } });

/** A node as the graph views draw it: a unique key (`kind:id`), its kind, a label and a few properties. */
export const GraphNodeSchema = z.object({
  key: z.string(),
  id: z.string(),
  kind: NodeKindSchema,
  label: z.string(),
  props: GraphPropsSchema,
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

/** A relationship between two node keys, with its type and the properties the views show. */
export const GraphLinkSchema = z.object({
  source: z.string(),
  target: z.string(),
  type: z.string(),
  props: GraphPropsSchema,
});
export type GraphLink = z.infer<typeof GraphLinkSchema>;

export const GraphPathSchema = z.object({
  nodes: z.array(GraphNodeSchema),
  links: z.array(GraphLinkSchema),
});
export type GraphPath = z.infer<typeof GraphPathSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
