import { describe, expect, it } from 'vitest';
import { PLACE_ALIASES, distanceKm, gazetteer, withoutPostcode } from '../../server/import/gazetteer.ts';

function place(text: string) {
  const result = gazetteer().resolve(text);
  if (!result.ok) throw new Error(`${text}: ${result.reason}`);
  return result.place;
}

describe('gazetteer', () => {
  it('gazetteer resolves "Eindhoven, NL", "München", "Greater Oxford Area" and "Kraków, Poland" to the right cities', () => {
    expect(place('Eindhoven, NL')).toMatchObject({ name: 'Eindhoven', countryCode: 'NL' });
    expect(place('München')).toMatchObject({ name: 'Munich', countryCode: 'DE' });
    expect(place('Greater Oxford Area')).toMatchObject({ name: 'Oxford', countryCode: 'GB' });
    expect(place('Kraków, Poland')).toMatchObject({ name: 'Kraków', countryCode: 'PL' });
    const oxford = place('Greater Oxford Area');
    expect(distanceKm(oxford, { latitude: 51.752, longitude: -1.2577 })).toBeLessThan(5);
  });

  it('gazetteer folds diacritics and German transliterations', () => {
    expect(place('Krakow')).toMatchObject({ name: 'Kraków' });
    expect(place('Muenchen')).toMatchObject({ name: 'Munich' });
    expect(place('Koeln')).toMatchObject({ name: 'Köln' });
    expect(place('Cluj Napoca')).toMatchObject({ name: 'Cluj-Napoca' });
  });

  it('gazetteer prefers the most populous match, and the named country or US state when one is given', () => {
    expect(place('Cambridge')).toMatchObject({ countryCode: 'GB' });
    expect(place('Cambridge, MA')).toMatchObject({ countryCode: 'US' });
    expect(place('Cambridge, England, United Kingdom')).toMatchObject({ countryCode: 'GB' });
    expect(place('Paris')).toMatchObject({ countryCode: 'FR' });
    expect(place('Warszawa, Polska')).toMatchObject({ name: 'Warsaw' });
    expect(place('Munich, Bavaria, Germany')).toMatchObject({ name: 'Munich' });
    expect(place('London Area, United Kingdom')).toMatchObject({ name: 'London', countryCode: 'GB' });
  });

  it('gazetteer reads St. and Ste. as Saint, Sankt or the short form, whichever names the most populous place', () => {
    expect(place('St. Petersburg')).toMatchObject({ name: 'Saint Petersburg', countryCode: 'RU' });
    expect(place('St Petersburg, FL')).toMatchObject({ countryCode: 'US' });
    expect(place('St. Gallen')).toMatchObject({ name: 'Sankt Gallen', countryCode: 'CH' });
    expect(place('St. Pölten')).toMatchObject({ countryCode: 'AT' });
    expect(place('St Albans')).toMatchObject({ countryCode: 'GB' });
    expect(place('Ste-Foy-lès-Lyon')).toMatchObject({ name: 'Sainte-Foy-lès-Lyon', countryCode: 'FR' });
    expect(place('St-Étienne')).toMatchObject({ name: 'Saint-Étienne' });
  });

  it('gazetteer knows local and regional names GeoNames files elsewhere: Moskva, Île-de-France, Martinsried', () => {
    expect(place('Moskva')).toMatchObject({ name: 'Moscow', countryCode: 'RU' });
    expect(place('Île-de-France, France')).toMatchObject({ name: 'Paris' });
    expect(place('Martinsried')).toMatchObject({ countryCode: 'DE' });
    expect(distanceKm(place('Martinsried'), place('München'))).toBeLessThan(20);
  });

  it('gazetteer reads a town beside its postcode, in the forms addresses write it', () => {
    const cases: [string, string][] = [
      ['80331 München', 'Munich'],
      ['D-80331 München', 'Munich'],
      ['75013 Paris', 'Paris'],
      ['Paris 13e', 'Paris'],
      ['1012 AB Amsterdam', 'Amsterdam'],
      ['00-950 Warszawa', 'Warsaw'],
      ['Cambridge CB2 1TN', 'Cambridge'],
      ['Oxford, OX1', 'Oxford'],
      ['1010 Wien', 'Vienna'],
    ];
    for (const [text, name] of cases) expect(gazetteer().resolve(text), text).toMatchObject({ ok: true, place: { name } });
    expect(withoutPostcode('1012 AB Amsterdam')).toBe('Amsterdam');
    expect(withoutPostcode('3000 Leuven')).toBe('Leuven');
  });

  it('gazetteer reads a town before a district after a hyphen, and keeps hyphenated town names whole', () => {
    expect(gazetteer().resolve('Berlin-Mitte')).toMatchObject({ ok: true, place: { name: 'Berlin', countryCode: 'DE' } });
    expect(gazetteer().resolve('München-Schwabing')).toMatchObject({ ok: true, place: { name: 'Munich' } });
    expect(gazetteer().resolve('Cluj-Napoca')).toMatchObject({ ok: true, place: { name: 'Cluj-Napoca' } });
    expect(gazetteer().resolve('Garmisch-Partenkirchen')).toMatchObject({ ok: true, place: { name: 'Garmisch-Partenkirchen' } });
  });

  it('gazetteer reports a country alone, remote work or an unknown place instead of guessing', () => {
    expect(gazetteer().resolve('Germany')).toMatchObject({ ok: false, reason: expect.stringMatching(/country/) });
    // A country's code or short name, though a village bears it (Uk, Russia); a city-state's name is its city.
    for (const text of ['UK', 'U.K.', 'NL', 'USA', 'Holland', 'England']) {
      expect(gazetteer().resolve(text), text).toMatchObject({ ok: false, reason: expect.stringMatching(/names a country/) });
    }
    expect(gazetteer().resolve('Luxembourg')).toMatchObject({ ok: true, place: { countryCode: 'LU' } });
    expect(gazetteer().resolve('Reading, UK')).toMatchObject({ ok: true, place: { name: 'Reading', countryCode: 'GB' } });
    expect(gazetteer().resolve('Remote')).toMatchObject({ ok: false });
    expect(gazetteer().resolve('Qwxzv Town, NL')).toMatchObject({ ok: false, reason: expect.stringMatching(/in NL/) });
  });

  it('gazetteer places a small region at its main town, and leaves a large one unplaced', () => {
    expect(gazetteer().resolve('Oxfordshire, England, United Kingdom')).toMatchObject({ ok: true, place: { name: 'Oxford', countryCode: 'GB' } });
    expect(gazetteer().resolve('Cambridgeshire')).toMatchObject({ ok: true, place: { name: 'Cambridge', countryCode: 'GB' } });
    expect(gazetteer().resolve('Région de Paris')).toMatchObject({ ok: true, place: { name: 'Paris' } });
    expect(gazetteer().resolve('Bavaria, Germany')).toMatchObject({ ok: false });
  });

  it('gazetteer knows the target of every place alias', () => {
    for (const alias of Object.keys(PLACE_ALIASES)) expect(gazetteer().resolve(alias).ok, alias).toBe(true);
  });
});
