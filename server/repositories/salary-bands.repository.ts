import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config.ts';
import { SenioritySchema } from '../schemas/common.schema.ts';

/**
 * Salary bands come from the world's fixtures, not the graph: the bands per
 * pay region (salary-bands.json) and each country's pay region (countries.json).
 * Both files are checked against these schemas when first read.
 */

export const DEFAULT_WORLD_DIR = path.join(PROJECT_ROOT, 'fixtures', 'world');

const RangeFileSchema = z.object({ min: z.number().nonnegative(), max: z.number().nonnegative(), openEnded: z.boolean().optional() });

const SalaryBandsFileSchema = z.object({
  source: z.string(),
  levels: z.array(z.object({ id: SenioritySchema, label: z.string() })),
  regions: z
    .array(
      z.object({
        id: z.string().min(1),
        currency: z.string().min(3).max(3),
        basis: z.string(),
        base: z.partialRecord(SenioritySchema, RangeFileSchema),
        dayRate: z.partialRecord(SenioritySchema, RangeFileSchema).optional(),
      }),
    )
    .min(1),
});
export type SalaryBandsFile = z.infer<typeof SalaryBandsFileSchema>;

const CountriesFileSchema = z.array(
  z.object({ code: z.string().length(2), name: z.string(), payRegion: z.string().min(1) }),
);
export type CountriesFile = z.infer<typeof CountriesFileSchema>;

export interface SalaryFixtures {
  bands: SalaryBandsFile;
  countries: CountriesFile;
}

function readJson<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path.relative(PROJECT_ROOT, file)}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

const cache = new Map<string, SalaryFixtures>();

export function loadSalaryFixtures(worldDir = DEFAULT_WORLD_DIR): SalaryFixtures {
  const cached = cache.get(worldDir);
  if (cached) return cached;
  const fixtures = {
    bands: readJson(path.join(worldDir, 'salary-bands.json'), SalaryBandsFileSchema),
    countries: readJson(path.join(worldDir, 'countries.json'), CountriesFileSchema),
  };
  cache.set(worldDir, fixtures);
  return fixtures;
}
