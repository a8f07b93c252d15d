import { BadRequestError } from '../errors.ts';
import { type SalaryFixtures, loadSalaryFixtures } from '../repositories/salary-bands.repository.ts';
import { SENIORITIES } from '../schemas/common.schema.ts';
import type { SalaryBand, SalaryBandsQuery, SalaryBandsResponse } from '../schemas/salary-bands.schema.ts';

/** The bands for each country (or the one asked for) and level (or the one asked for). */
export function salaryBands(query: SalaryBandsQuery, fixtures: SalaryFixtures = loadSalaryFixtures()): SalaryBandsResponse {
  const countries = fixtures.countries.filter((c) => query.country === undefined || c.code === query.country);
  if (query.country !== undefined && countries.length === 0) {
    throw new BadRequestError(`Invalid query.country: unknown country "${query.country}"`, [
      { field: 'query.country', value: query.country, message: `one of ${fixtures.countries.map((c) => c.code).join(', ')}` },
    ]);
  }
  const levels = SENIORITIES.filter((s) => query.seniority === undefined || s === query.seniority);
  const bands: SalaryBand[] = [];
  for (const country of countries) {
    const region = fixtures.bands.regions.find((r) => r.id === country.payRegion);
    if (!region) continue;
    for (const seniority of levels) {
      const base = region.base[seniority];
      if (!base) continue;
      const dayRate = region.dayRate?.[seniority];
      bands.push({
        country: country.code,
        countryName: country.name,
        region: region.id,
        seniority,
        currency: region.currency,
        base: { min: base.min, max: base.max, openEnded: base.openEnded ?? false },
        dayRate: dayRate ? { min: dayRate.min, max: dayRate.max, openEnded: dayRate.openEnded ?? false } : null,
        basis: region.basis,
      });
    }
  }
  return { source: fixtures.bands.source, bands };
}
