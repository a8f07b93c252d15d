import { z } from 'zod';
import { SenioritySchema } from './common.schema.ts';

export const SalaryBandsQuerySchema = z.strictObject({
  /** ISO 3166-1 alpha-2 code of a country in the world (e.g. a hub's countryCode). */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
    .transform((v) => v.toUpperCase())
    .optional(),
  seniority: SenioritySchema.optional(),
});
export type SalaryBandsQuery = z.output<typeof SalaryBandsQuerySchema>;

const RangeSchema = z.object({
  min: z.number().nonnegative(),
  max: z.number().nonnegative(),
  /** The top of the range is indicative ("175k+"). */
  openEnded: z.boolean(),
});

export const SalaryBandSchema = z.object({
  country: z.string(),
  countryName: z.string(),
  /** The pay region whose band the country uses. */
  region: z.string(),
  seniority: SenioritySchema,
  currency: z.string(),
  /** Indicative yearly base salary. */
  base: RangeSchema,
  /** Contractor day rate, where the source quotes one for this level. */
  dayRate: RangeSchema.nullable(),
  /** How the region's figures were obtained. */
  basis: z.string(),
});
export type SalaryBand = z.infer<typeof SalaryBandSchema>;

export const SalaryBandsResponseSchema = z.object({
  source: z.string(),
  bands: z.array(SalaryBandSchema),
});
export type SalaryBandsResponse = z.infer<typeof SalaryBandsResponseSchema>;
