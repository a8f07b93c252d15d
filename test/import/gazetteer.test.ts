import { describe, expect, it } from 'vitest';
import { distanceKm, gazetteer, withoutPostcode } from '../../server/import/gazetteer.ts';

/** Hubs in Europe, as the demo world's: namesakes near them are preferred. */
const EUROPEAN_HUBS = [
  { latitude: 48.14, longitude: 11.58 },
  { latitude: 51.51, longitude: -0.13 },
];

function place(text: string, home = EUROPEAN_HUBS) {
  const result = gazetteer().resolve(text, home);
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

  it('gazetteer reads a Nordic area written as one word with its town, and leaves towns whose names only start so', () => {
    for (const [text, name] of [
      ['Storstockholm', 'Stockholm'],
      ['Stor-Oslo', 'Oslo'],
      ['Storkøbenhavn', 'Copenhagen'],
      ['Göteborgsregionen', 'Göteborg'],
      ['Malmöregionen', 'Malmö'],
      ['Storstockholm, Sweden', 'Stockholm'],
    ] as const) {
      expect(place(text), text).toMatchObject({ name });
    }
    // Storuman and Storvik are towns of their own; "Stor-Elvdal" leaves no town.
    expect(place('Storuman')).toMatchObject({ name: 'Storuman', countryCode: 'SE' });
    expect(place('Storvik')).toMatchObject({ name: 'Storvik', countryCode: 'SE' });
    expect(gazetteer().resolve('Stor-Elvdal')).toMatchObject({ ok: false });
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

  it('gazetteer honours a US state, Canadian province or Australian state, by name or code, before or instead of the country', () => {
    const cases: [string, string, { latitude: number; longitude: number }][] = [
      ['Paris, Texas', 'US', { latitude: 33.66, longitude: -95.56 }],
      ['Cambridge, Massachusetts', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Cambridge, Massachusetts, United States', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Oxford, Ohio, USA', 'US', { latitude: 39.51, longitude: -84.75 }],
      ['London, Ontario', 'CA', { latitude: 42.98, longitude: -81.23 }],
      ['Perth, WA', 'AU', { latitude: -31.95, longitude: 115.86 }],
      ['Seattle, WA', 'US', { latitude: 47.61, longitude: -122.33 }],
      ["St. John's, NL", 'CA', { latitude: 47.56, longitude: -52.71 }],
      ['Atlanta, Georgia', 'US', { latitude: 33.75, longitude: -84.39 }],
      ['Washington, DC', 'US', { latitude: 38.9, longitude: -77.04 }],
    ];
    for (const [text, countryCode, at] of cases) {
      const found = place(text);
      expect(found.countryCode, text).toBe(countryCode);
      expect(distanceKm(found, at), text).toBeLessThan(15);
    }
    // A country comes first where a code or a name is both: Slovakia, not Saskatchewan; Georgia the country.
    expect(place('Kosice, SK')).toMatchObject({ countryCode: 'SK' });
    expect(place('Tbilisi, Georgia')).toMatchObject({ countryCode: 'GE' });
    expect(gazetteer().resolve('Qwxzv Town, Texas')).toMatchObject({ ok: false, reason: expect.stringMatching(/in US/) });
  });

  it('gazetteer reads the area names LinkedIn writes in other languages, and a place whose own name holds an area word', () => {
    const cases: [string, string][] = [
      ['Grenoble et périphérie', 'Grenoble'],
      ['Région de Grenoble', 'Grenoble'],
      ['Großraum München', 'Munich'],
      ['Kraków i okolice', 'Kraków'],
      ['Amsterdam e.o.', 'Amsterdam'],
      ['Vilnius County', 'Vilnius'],
      ['County Cork', 'Cork'],
      ['Grand Forks', 'Grand Forks'],
      ['Grand Rapids', 'Grand Rapids'],
    ];
    for (const [text, name] of cases) expect(gazetteer().resolve(text), text).toMatchObject({ ok: true, place: { name } });
  });

  it('gazetteer knows what other languages call the large European towns', () => {
    expect(place('Londres')).toMatchObject({ name: 'London', countryCode: 'GB' });
    expect(place('Londres, Royaume-Uni')).toMatchObject({ name: 'London', countryCode: 'GB' });
    expect(place('Nimègue')).toMatchObject({ name: 'Nijmegen' });
    expect(place('Monachium')).toMatchObject({ name: 'Munich' });
    expect(place('Varsovie')).toMatchObject({ name: 'Warsaw' });
    // The French town keeps its name where its country is given; alone, the larger place wins.
    expect(place('Vienne, France')).toMatchObject({ name: 'Vienne', countryCode: 'FR' });
    expect(place('Vienne')).toMatchObject({ name: 'Vienna', countryCode: 'AT' });
  });

  it('gazetteer reads Cyrillic and Greek in the romanisation that names the place: general, Ukrainian or Serbian', () => {
    // The general romanisation (any-ascii), with the Latin names of these towns already known.
    expect(place('Москва, Россия')).toMatchObject({ name: 'Moscow', countryCode: 'RU' });
    expect(place('София, България')).toMatchObject({ name: 'Sofia', countryCode: 'BG' });
    expect(place('Αθήνα, Ελλάδα')).toMatchObject({ name: 'Athens', countryCode: 'GR' });
    expect(place('Θεσσαλονίκη')).toMatchObject({ countryCode: 'GR' });
    // Ukraine's national romanisation: "Київ" is Kyiv (generally "Kiiv"), "Вінниця" Vinnytsia.
    expect(place('Київ, Україна')).toMatchObject({ name: 'Kyiv', countryCode: 'UA' });
    expect(place('Вінниця')).toMatchObject({ name: 'Vinnytsia', countryCode: 'UA' });
    // Serbian Latin: "Ниш" is Niš (generally "Nish"), "Крагујевац" Kragujevac, "Подгорица" Podgorica.
    expect(place('Ниш, Србија')).toMatchObject({ name: 'Niš', countryCode: 'RS' });
    expect(place('Крагујевац')).toMatchObject({ name: 'Kragujevac', countryCode: 'RS' });
    expect(place('Подгорица')).toMatchObject({ name: 'Podgorica', countryCode: 'ME' });
    // What Russian, Ukrainian and Greek call the hubs' towns.
    expect(place('Мюнхен, Германия')).toMatchObject({ name: 'Munich', countryCode: 'DE' });
    expect(place('Кембридж, Великобритания')).toMatchObject({ name: 'Cambridge', countryCode: 'GB' });
    expect(place('Оксфорд')).toMatchObject({ name: 'Oxford', countryCode: 'GB' });
    expect(place('Гренобль, Франція')).toMatchObject({ name: 'Grenoble', countryCode: 'FR' });
    expect(place('Λονδίνο')).toMatchObject({ name: 'London', countryCode: 'GB' });
    // A Cyrillic country is a country, in a location's last part or alone.
    expect(place('Брест, Франция')).toMatchObject({ name: 'Brest', countryCode: 'FR' });
    expect(place('Брест, Беларусь')).toMatchObject({ name: 'Brest', countryCode: 'BY' });
    for (const text of ['Україна', 'Германия', 'Ελλάδα']) {
      expect(gazetteer().resolve(text), text).toMatchObject({ ok: false, reason: expect.stringMatching(/names a country/) });
    }
    expect(gazetteer().resolve('Йцукенгш, Україна')).toMatchObject({ ok: false, reason: expect.stringMatching(/in UA/) });
    // Latin text is read as before: "Vienne" is still Vienna alone and the French town in France.
    expect(place('Vienne, France')).toMatchObject({ name: 'Vienne', countryCode: 'FR' });
  });

  it('gazetteer reads a country\'s own name as the country when the only towns so called lie elsewhere', () => {
    expect(gazetteer().resolve('Nederland')).toMatchObject({ ok: false, reason: expect.stringMatching(/names a country/) });
    expect(gazetteer().resolve('Deutschland')).toMatchObject({ ok: false, reason: expect.stringMatching(/names a country/) });
    expect(place('Luxembourg')).toMatchObject({ countryCode: 'LU' });
  });

  it('gazetteer keeps a river or region that is part of a town\'s name, and drops one GeoNames leaves out', () => {
    const frankfurtOder = { name: 'Frankfurt (Oder)', countryCode: 'DE' };
    expect(place('Frankfurt (Oder)')).toMatchObject(frankfurtOder);
    expect(place('Frankfurt/Oder, Germany')).toMatchObject(frankfurtOder);
    expect(place('Frankfurt an der Oder')).toMatchObject(frankfurtOder);
    expect(place('Frankfurt')).toMatchObject({ name: 'Frankfurt am Main' });
    // Halle (Saale) is the larger Halle, found by its name alone.
    expect(place('Halle')).toMatchObject({ name: 'Halle (Saale)' });
    expect(place('Halle, Belgium')).toMatchObject({ name: 'Halle', countryCode: 'BE' });
    expect(place('Mülheim an der Ruhr')).toMatchObject({ name: 'Mülheim', countryCode: 'DE' });
    expect(place('Offenbach am Main')).toMatchObject({ name: 'Offenbach', countryCode: 'DE' });
    // Other asides are dropped, and a pair of towns gives the first.
    expect(place('Munich (Germany)')).toMatchObject({ name: 'Munich' });
    expect(place('Oxford (remote)')).toMatchObject({ name: 'Oxford', countryCode: 'GB' });
    expect(place('Berlin/Munich')).toMatchObject({ name: 'Berlin' });
  });

  it('gazetteer reads a state or province after the town without a comma, the country first where a code is both', () => {
    expect(place('Sydney NSW')).toMatchObject({ name: 'Sydney', countryCode: 'AU' });
    expect(place('Austin Texas')).toMatchObject({ name: 'Austin', countryCode: 'US' });
    expect(place('Cambridge MA')).toMatchObject({ name: 'Cambridge', countryCode: 'US' });
    expect(place('Kosice SK')).toMatchObject({ countryCode: 'SK' });
    expect(place('London ON')).toMatchObject({ countryCode: 'CA' });
    expect(place('San Francisco Bay Area')).toMatchObject({ name: 'San Francisco', countryCode: 'US' });
  });

  it('gazetteer reads a region or district after the town without a comma, and does not guess between two towns', () => {
    expect(place('Munich Bavaria')).toMatchObject({ name: 'Munich', countryCode: 'DE' });
    expect(place('Eindhoven North Brabant')).toMatchObject({ name: 'Eindhoven', countryCode: 'NL' });
    expect(place('Kraków Małopolskie')).toMatchObject({ name: 'Kraków', countryCode: 'PL' });
    // A district that GeoNames lists, near its town, and one it does not list.
    expect(place('Berlin Mitte')).toMatchObject({ name: 'Berlin', countryCode: 'DE' });
    expect(place('Paris La Défense')).toMatchObject({ name: 'Paris', countryCode: 'FR' });
    // The longest leading name wins, and a town's own longer name is still found whole.
    expect(place('New York Brooklyn')).toMatchObject({ countryCode: 'US', name: expect.stringMatching(/^New York/) });
    expect(place('Frankfurt Oder')).toMatchObject({ name: 'Frankfurt (Oder)' });
    // Two towns, or a list of them, are kept as text.
    for (const text of ['Munich Berlin', 'Berlin Munich', 'Munich or Berlin', 'Berlin & Munich', 'München und Berlin']) {
      expect(gazetteer().resolve(text), text).toMatchObject({ ok: false });
    }
  });
});

type At = { latitude: number; longitude: number };

/** Each text resolves to a place in the country given, within `km` of the point given. */
function expectPlaces(cases: readonly [text: string, countryCode: string, at: At][], km = 15) {
  for (const [text, countryCode, at] of cases) {
    const found = place(text);
    expect(found.countryCode, text).toBe(countryCode);
    expect(distanceKm(found, at), text).toBeLessThan(km);
  }
}

const LONDON = { latitude: 51.51, longitude: -0.13 };

describe('gazetteer and places overseas named like European ones', () => {
  it('gazetteer reads a US state or Canadian province before a postcode, with or without a comma', () => {
    expectPlaces([
      ['Cambridge, MA 02139', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Cambridge, MA, 02139', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Cambridge, Massachusetts 02139', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Cambridge MA 02139', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['London, ON N6A 3K7', 'CA', { latitude: 42.98, longitude: -81.23 }],
      ['London, Ontario N6A 3K7', 'CA', { latitude: 42.98, longitude: -81.23 }],
      ['Paris, TX 75460', 'US', { latitude: 33.66, longitude: -95.56 }],
      ['Paris, Texas, 75460', 'US', { latitude: 33.66, longitude: -95.56 }],
      ['Athens, GA 30602', 'US', { latitude: 33.96, longitude: -83.38 }],
      ['Hanover, NH 03755', 'US', { latitude: 43.7, longitude: -72.29 }],
      ['Birmingham, AL 35203', 'US', { latitude: 33.52, longitude: -86.8 }],
      ['Reading, PA 19601', 'US', { latitude: 40.34, longitude: -75.93 }],
      ['Naples, FL 34102', 'US', { latitude: 26.14, longitude: -81.79 }],
      ['St Petersburg, FL 33701', 'US', { latitude: 27.77, longitude: -82.68 }],
      ['Cambridge, ON N1R 5S2', 'CA', { latitude: 43.36, longitude: -80.31 }],
      // Without the postcode, as before.
      ['Oxford, MS', 'US', { latitude: 34.37, longitude: -89.52 }],
      ['Amsterdam, NY', 'US', { latitude: 42.94, longitude: -74.19 }],
    ]);
    // European postcodes before or after the town still leave the town.
    expect(place('OX1 2JD Oxford')).toMatchObject({ name: 'Oxford', countryCode: 'GB' });
    expect(place('Oxford, OX1 2JD')).toMatchObject({ name: 'Oxford', countryCode: 'GB' });
    expect(place('1011 Budapest')).toMatchObject({ name: 'Budapest', countryCode: 'HU' });
    expect(place('Praha 6')).toMatchObject({ name: 'Prague', countryCode: 'CZ' });
    expect(gazetteer().resolve('75012')).toMatchObject({ ok: false, reason: expect.stringMatching(/75012/) });
  });

  it('gazetteer reads a country, state or province in brackets as one after a comma, and drops other asides', () => {
    expectPlaces([
      ['Cambridge (US)', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Cambridge (Massachusetts)', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Cambridge (MA), USA', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Oxford (US)', 'US', { latitude: 34.37, longitude: -89.52 }],
      ['London (Canada)', 'CA', { latitude: 42.98, longitude: -81.23 }],
      ['London (ON)', 'CA', { latitude: 42.98, longitude: -81.23 }],
      ['Paris (Texas)', 'US', { latitude: 33.66, longitude: -95.56 }],
      ['Rome (Georgia)', 'US', { latitude: 34.26, longitude: -85.16 }],
      ['Hamburg (NY)', 'US', { latitude: 42.72, longitude: -78.83 }],
      ['Birmingham (Alabama)', 'US', { latitude: 33.52, longitude: -86.8 }],
      ['Cambridge (UK)', 'GB', { latitude: 52.2, longitude: 0.12 }],
      ['Leiden (NL)', 'NL', { latitude: 52.16, longitude: 4.49 }],
    ]);
    expect(place('Cambridge (remote)')).toMatchObject({ name: 'Cambridge', countryCode: 'GB' });
    expect(place('Paris (Île-de-France)')).toMatchObject({ name: 'Paris', countryCode: 'FR' });
  });

  it('gazetteer prefers the namesake near the town written after it, when that town is no smaller', () => {
    expectPlaces([
      ['Richmond, London', 'GB', { latitude: 51.46, longitude: -0.3 }],
      ['Kensington, London', 'GB', { latitude: 51.5, longitude: -0.19 }],
      ['Cambridge, Boston', 'US', { latitude: 42.37, longitude: -71.11 }],
      ['Windsor, London', 'GB', { latitude: 51.48, longitude: -0.61 }],
      ['Richmond, Vancouver', 'CA', { latitude: 49.17, longitude: -123.14 }],
      ['Sutton, London', 'GB', { latitude: 51.35, longitude: -0.2 }],
      ['Potsdam, Berlin', 'DE', { latitude: 52.4, longitude: 13.07 }],
    ]);
    // A smaller place after the town more likely shares a region's name; one far away, or none, leaves population to choose.
    expect(place('Sevilla, Andalucía')).toMatchObject({ countryCode: 'ES' });
    expect(place('Maastricht, Limburg')).toMatchObject({ countryCode: 'NL' });
    expect(place('Cambridge, London')).toMatchObject({ name: 'Cambridge', countryCode: 'GB' });
    expect(place('Cambridge, Qwxzv')).toMatchObject({ name: 'Cambridge', countryCode: 'GB' });
    expect(place('Munich, Bavaria, Germany')).toMatchObject({ name: 'Munich' });
  });

  it('gazetteer reads a short name near the town written after it, or alone in the country written, as the town whose name goes on with its river', () => {
    expectPlaces([
      // GeoNames has no Kingston in Britain, only Kingston upon Thames and Kingston upon Hull; Jamaica's is the most populous Kingston.
      ['Kingston, London', 'GB', { latitude: 51.41, longitude: -0.3 }],
      ['Walton, London', 'GB', { latitude: 51.39, longitude: -0.41 }],
      ['Weil, Basel', 'DE', { latitude: 47.59, longitude: 7.62 }],
      // With only the country to go by, the most populous of them.
      ['Kingston, UK', 'GB', { latitude: 53.74, longitude: -0.34 }],
      // Or one twenty times larger than the country's town of the name alone (a village in County Down).
      ['Newcastle, UK', 'GB', { latitude: 54.97, longitude: -1.61 }],
      ['Stoke, UK', 'GB', { latitude: 53.0, longitude: -2.19 }],
    ]);
    // With no country: the same rule, and with no town of the name alone, the largest whose name goes on.
    expect(place('Brandenburg')).toMatchObject({ name: 'Brandenburg an der Havel', countryCode: 'DE' });
    expect(place('Southend')).toMatchObject({ name: 'Southend-on-Sea', countryCode: 'GB' });
    expect(place('Bad Homburg')).toMatchObject({ name: 'Bad Homburg vor der Höhe', countryCode: 'DE' });
    // A town of the name alone that is not so much smaller stays the one meant.
    expect(place('Richmond, UK')).toMatchObject({ name: 'Richmond', countryCode: 'GB' });
    expect(place('Boston, UK')).toMatchObject({ name: 'Boston', countryCode: 'GB' });
    expect(place('Newcastle, NSW')).toMatchObject({ name: 'Newcastle', countryCode: 'AU' });
    expect(place('Kingston')).toMatchObject({ countryCode: 'JM' });
    expect(place('Kingston, Ontario')).toMatchObject({ countryCode: 'CA' });
  });

  it('gazetteer reads a German state after the town, in English or German, as it reads a US state', () => {
    expectPlaces([
      ['Frankfurt, Brandenburg', 'DE', { latitude: 52.35, longitude: 14.55 }],
      ['Frankfurt, Hessen', 'DE', { latitude: 50.12, longitude: 8.68 }],
      ['Halle, Nordrhein-Westfalen', 'DE', { latitude: 52.06, longitude: 8.36 }],
      ['Halle, Saxony-Anhalt', 'DE', { latitude: 51.48, longitude: 11.98 }],
      ['Dresden, Saxony, Germany', 'DE', { latitude: 51.05, longitude: 13.74 }],
      ['Aachen, NRW', 'DE', { latitude: 50.78, longitude: 6.08 }],
    ]);
    // The city states are not read as states: after a comma they are the city near which the town lies.
    expect(place('Potsdam, Berlin')).toMatchObject({ name: 'Potsdam', countryCode: 'DE' });
  });

  it('gazetteer reads a town in another state than the one written when its name tells one town of the country, and does not guess between several', () => {
    // A state misremembered: one Munich in Germany; Frankfurt am Main is ten times Frankfurt (Oder).
    expect(place('Munich, Saxony')).toMatchObject({ name: 'Munich', countryCode: 'DE' });
    expect(place('Frankfurt, Bavaria')).toMatchObject({ name: 'Frankfurt am Main', countryCode: 'DE' });
    expect(place('Leeds, Scotland')).toMatchObject({ name: 'Leeds', countryCode: 'GB' });
    // No Springfield or Cambridge in Texas, and several of like size elsewhere in the US.
    for (const text of ['Springfield, TX', 'Cambridge, Texas']) {
      expect(gazetteer().resolve(text), text).toEqual({ ok: false, reason: expect.stringMatching(/^no town or city called "(Springfield|Cambridge)" in (TX|Texas), and several in US: give the right state or region$/) });
    }
  });

  it('gazetteer reads the place in brackets after a work mode, and refuses an area wider than a country', () => {
    expect(place('Hybrid (Amsterdam)')).toMatchObject({ name: 'Amsterdam', countryCode: 'NL' });
    expect(place('Remote (Munich, Germany)')).toMatchObject({ name: 'Munich', countryCode: 'DE' });
    expect(place('On-site (Paris)')).toMatchObject({ name: 'Paris', countryCode: 'FR' });
    expect(place('Berlin (remote)')).toMatchObject({ name: 'Berlin', countryCode: 'DE' });
    // Eu is a town in Normandy, and Berlin is in Europe; "EU" alone is neither.
    for (const text of ['EU', 'Hybrid (EU)', 'Remote, Europe', 'DACH', 'Nordics']) {
      expect(gazetteer().resolve(text), text).toEqual({ ok: false, reason: expect.stringMatching(/^names an area \(".+"\), not a town in it$/) });
    }
    expect(place('Eu, France')).toMatchObject({ name: 'Eu', countryCode: 'FR' });
    expect(place('Berlin, Europe')).toMatchObject({ name: 'Berlin', countryCode: 'DE' });
  });

  it('gazetteer places a district GeoNames lists only overseas in the much larger town written after it, and keeps lists of towns', () => {
    expectPlaces(
      ['Westminster, London', 'Hampstead, London', 'Camden, London', 'Greenwich, London', 'Stratford, London'].map(
        (text) => [text, 'GB', LONDON] as const,
      ),
      5,
    );
    // Towns on one continent, towns of a like size, or towns split by a slash, are a list: the first is kept.
    expect(place('Delft, London')).toMatchObject({ name: 'Delft', countryCode: 'NL' });
    expect(place('Amsterdam, London')).toMatchObject({ name: 'Amsterdam', countryCode: 'NL' });
    expect(place('Cluj, London')).toMatchObject({ countryCode: 'RO' });
    expect(place('Boston, London')).toMatchObject({ name: 'Boston', countryCode: 'US' });
    expect(place('Toronto, London')).toMatchObject({ name: 'Toronto', countryCode: 'CA' });
    expect(place('Delft/London')).toMatchObject({ name: 'Delft', countryCode: 'NL' });
  });

  it('gazetteer reads a British county after the town as the town of that name nearest the county town', () => {
    expectPlaces([
      ['Boston, Lincolnshire', 'GB', { latitude: 52.98, longitude: -0.03 }],
      ['Boston (Lincolnshire)', 'GB', { latitude: 52.98, longitude: -0.03 }],
      ['Richmond, Surrey', 'GB', { latitude: 51.46, longitude: -0.3 }],
      ['Richmond, North Yorkshire', 'GB', { latitude: 54.4, longitude: -1.74 }],
      ['Windsor, Berkshire', 'GB', { latitude: 51.48, longitude: -0.61 }],
      ['Perth, Perthshire', 'GB', { latitude: 56.4, longitude: -3.43 }],
      ['Newport, Isle of Wight', 'GB', { latitude: 50.7, longitude: -1.29 }],
      ['Newport, Shropshire', 'GB', { latitude: 52.77, longitude: -2.38 }],
      ['Lancaster, Lancashire', 'GB', { latitude: 54.05, longitude: -2.8 }],
      ['Durham, County Durham', 'GB', { latitude: 54.78, longitude: -1.57 }],
      ['Worcester, Worcestershire', 'GB', { latitude: 52.19, longitude: -2.22 }],
    ]);
    // A county's name that is also a town overseas still places a town with no British namesake there.
    expect(place('Chapel Hill, Durham')).toMatchObject({ countryCode: 'US' });
  });
});

describe('gazetteer and European regions, namesakes and wordings', () => {
  it('gazetteer reports a region or county alone, whatever town elsewhere bears its name, and reads one after a town as its country', () => {
    // GeoNames has Flanders in New York, Crete in Nebraska, Schleswig in its Land, Limburg an der Lahn in Hesse.
    for (const text of ['Flanders', 'Crete', 'Moravia', 'Ticino', 'Limburg', 'South Holland', 'Baden-Württemberg', 'Schleswig-Holstein', 'California', 'Surrey', 'Norfolk']) {
      expect(gazetteer().resolve(text), text).toEqual({ ok: false, reason: expect.stringMatching(/^names a region/) });
    }
    // A region's own town, a town named by an alias, and a small county's main town are still towns.
    expect(place('Brandenburg')).toMatchObject({ name: 'Brandenburg an der Havel' });
    expect(place('Salzburg')).toMatchObject({ countryCode: 'AT' });
    expect(place('Washington')).toMatchObject({ countryCode: 'US', name: 'Washington, D.C.' });
    expect(place('Oxfordshire')).toMatchObject({ name: 'Oxford' });
    expect(place('Heraklion, Crete')).toMatchObject({ name: 'Irákleion', countryCode: 'GR' });
    expect(place('Heraklion, Crete, Greece')).toMatchObject({ name: 'Irákleion', countryCode: 'GR' });
    expect(place('Córdoba, Andalusia')).toMatchObject({ countryCode: 'ES' });
    expect(place('Valencia, Comunidad Valenciana')).toMatchObject({ countryCode: 'ES' });
    // Norfolk Island is "Norfolk" in Dutch, Polish and Czech; after a British town it is the county.
    expect(place('Norwich, Norfolk')).toMatchObject({ name: 'Norwich', countryCode: 'GB' });
    expect(gazetteer().resolve('Wales, UK')).toMatchObject({ ok: false, reason: expect.stringMatching(/names a country/) });
  });

  it('gazetteer reads Swiss cantons, by name or by the code addresses write, a country coming first where the code is one', () => {
    expectPlaces([
      ['Genève, GE', 'CH', { latitude: 46.2, longitude: 6.15 }],
      ['Bern, BE', 'CH', { latitude: 46.95, longitude: 7.45 }],
      ['St. Gallen, SG', 'CH', { latitude: 47.42, longitude: 9.37 }],
      ['Neuchâtel, NE', 'CH', { latitude: 46.99, longitude: 6.93 }],
      ['Fribourg, FR', 'CH', { latitude: 46.8, longitude: 7.15 }],
      ['Sion, Valais', 'CH', { latitude: 46.23, longitude: 7.36 }],
      ['Winterthur, Zürich', 'CH', { latitude: 47.5, longitude: 8.72 }],
      // A canton named for its town is that town when nothing before it is known, or only a work mode.
      ['Hybrid, Zurich', 'CH', { latitude: 47.37, longitude: 8.54 }],
      ['Köniz Dorf, Bern', 'CH', { latitude: 46.95, longitude: 7.45 }],
    ]);
    expect(place('Athens, GR')).toMatchObject({ name: 'Athens', countryCode: 'GR' });
  });

  it('gazetteer prefers a namesake near the hubs unless the other is ten times larger, and a large town near them to a country so named elsewhere', () => {
    expect(place('Valencia')).toMatchObject({ countryCode: 'ES' });
    // Five to ten times smaller than their namesakes in North America.
    expect(place('Durham')).toMatchObject({ countryCode: 'GB' });
    expect(place('Windsor')).toMatchObject({ countryCode: 'GB' });
    expect(place('Hamilton')).toMatchObject({ countryCode: 'GB' });
    expect(place('Laval')).toMatchObject({ countryCode: 'FR' });
    // Written with their country, the larger namesakes are found as before.
    expect(place('Durham, NC')).toMatchObject({ countryCode: 'US' });
    expect(place('Hamilton, Ontario')).toMatchObject({ countryCode: 'CA' });
    // Boston, fifteen times Lincolnshire's Boston, stays American.
    expect(place('Boston')).toMatchObject({ countryCode: 'US' });
    expect(place('Córdoba')).toMatchObject({ countryCode: 'ES' });
    expect(place('Toledo')).toMatchObject({ countryCode: 'ES' });
    expect(place('Salamanca')).toMatchObject({ countryCode: 'ES' });
    expect(place('Perth')).toMatchObject({ countryCode: 'AU' });
    expect(place('Kingston')).toMatchObject({ countryCode: 'JM' });
    // "Granada" is Grenada in Spanish; "Armenia" is a Colombian town too, but not a European one.
    expect(place('Granada')).toMatchObject({ countryCode: 'ES' });
    expect(gazetteer().resolve('Armenia', EUROPEAN_HUBS)).toMatchObject({ ok: false, reason: expect.stringMatching(/names a country/) });
    // Home is wherever the hubs are: a world with a hub in Caracas means Venezuela's Valencia; with no hub, the most populous.
    const caracas = [{ latitude: 10.49, longitude: -66.88 }];
    expect(place('Valencia', caracas)).toMatchObject({ countryCode: 'VE' });
    expect(place('Valencia', [])).toMatchObject({ countryCode: 'VE' });
    expect(place('Granada', caracas)).toMatchObject({ countryCode: 'NI' });
  });

  it('gazetteer knows the common spellings of towns GeoNames files under another', () => {
    const cases: [string, string, string][] = [
      ['Galway', 'Gaillimh', 'IE'],
      ['Plzeň', 'Pilsen', 'CZ'],
      ['Kharkov', 'Kharkiv', 'UA'],
      ['Odesa', 'Odessa', 'UA'],
      ['Zaporizhzhia', 'Zaporizhia', 'UA'],
      ['Patras', 'Pátra', 'GR'],
      ['Larissa', 'Lárisa', 'GR'],
      ['Bruges', 'Brugge', 'BE'],
      ['Berne, Switzerland', 'Bern', 'CH'],
      ['Hull', 'Kingston upon Hull', 'GB'],
      ['Newcastle', 'Newcastle upon Tyne', 'GB'],
      ['Helsingfors', 'Helsinki', 'FI'],
    ];
    for (const [text, name, countryCode] of cases) expect(gazetteer().resolve(text, EUROPEAN_HUBS), text).toMatchObject({ ok: true, place: { name, countryCode } });
    expect(place('Newcastle, NSW')).toMatchObject({ countryCode: 'AU' });
  });

  it('gazetteer reads the words that lead to a place, and reports text that gives none', () => {
    const cases: [string, string][] = [
      ['Based in London', 'London'],
      ['Based in Berlin, Germany', 'Berlin'],
      ['Located in Munich', 'Munich'],
      ['Living in Amsterdam', 'Amsterdam'],
      ['Remote from Lisbon', 'Lisbon'],
      ['Hybrid (2 days in Paris)', 'Paris'],
      // Neighbouring towns joined are one place; distant ones stay a list (see above).
      ['Brighton and Hove', 'Brighton'],
      ['Berlin & Potsdam', 'Berlin'],
    ];
    for (const [text, name] of cases) expect(gazetteer().resolve(text), text).toMatchObject({ ok: true, place: { name } });
    // Villages in Texas, Piedmont and Washington State bear these.
    for (const text of ['Earth', 'Planet Earth', 'Earth 🌍', 'none', 'Home', 'N/A']) {
      expect(gazetteer().resolve(text), text).toEqual({ ok: false, reason: 'gives no place' });
    }
  });
});

/** The demo world's hubs: campuses, suburbs and postcodes are read near them. */
const HUB = {
  oxford: { latitude: 51.75, longitude: -1.26 }, cambridge: { latitude: 52.21, longitude: 0.12 }, london: { latitude: 51.51, longitude: -0.13 },
  munich: { latitude: 48.14, longitude: 11.58 }, berlin: { latitude: 52.52, longitude: 13.4 }, amsterdam: { latitude: 52.37, longitude: 4.9 },
  nijmegen: { latitude: 51.84, longitude: 5.85 }, paris: { latitude: 48.86, longitude: 2.35 }, grenoble: { latitude: 45.19, longitude: 5.72 },
  eindhoven: { latitude: 51.44, longitude: 5.48 }, warsaw: { latitude: 52.23, longitude: 21.01 }, krakow: { latitude: 50.06, longitude: 19.94 },
  prague: { latitude: 50.08, longitude: 14.44 }, bucharest: { latitude: 44.43, longitude: 26.1 },
};
const DEMO_HUBS = Object.values(HUB);

describe('gazetteer and what recruiters type for the demo world', () => {
  /** Each text resolves within `km` of the place given. */
  function near(cases: [text: string, at: { latitude: number; longitude: number }][], km = 25) {
    for (const [text, at] of cases) {
      const result = gazetteer().resolve(text, DEMO_HUBS);
      expect(result, text).toMatchObject({ ok: true });
      if (result.ok) expect(distanceKm(result.place, at), `${text}: ${result.place.name}, ${result.place.countryCode}`).toBeLessThan(km);
    }
  }
  const { oxford, cambridge, london, munich, berlin, amsterdam, grenoble, eindhoven, warsaw, krakow, prague, bucharest } = HUB;

  it('gazetteer splits on LinkedIn\'s middle dot, and reads a country written first as one written last', () => {
    expect(place('Paris · Île-de-France · France', DEMO_HUBS)).toMatchObject({ name: 'Paris', countryCode: 'FR' });
    expect(place('Nijmegen · Gelderland · Netherlands', DEMO_HUBS)).toMatchObject({ name: 'Nijmegen' });
    expect(place('Kraków • Małopolskie, Polska', DEMO_HUBS)).toMatchObject({ name: 'Kraków' });
    // Uk is a village in Siberia, and FR an alternate name of an Italian one.
    expect(place('UK - London', DEMO_HUBS)).toMatchObject({ name: 'London', countryCode: 'GB' });
    expect(place('FR - Grenoble', DEMO_HUBS)).toMatchObject({ name: 'Grenoble', countryCode: 'FR' });
    expect(place('Germany, Munich', DEMO_HUBS)).toMatchObject({ name: 'Munich' });
  });

  it('gazetteer refuses countries listed beside a wide area, and a country after a work mode', () => {
    for (const text of ['Remote (UK/EU)', 'UK/EU', 'Germany / EU', 'EU timezone', 'Remote US', 'Based in Germany']) {
      expect(gazetteer().resolve(text, DEMO_HUBS), text).toMatchObject({ ok: false });
    }
    expect(place('Currently in Warsaw', DEMO_HUBS)).toMatchObject({ name: 'Warsaw' });
    expect(place('Eu, France', DEMO_HUBS)).toMatchObject({ name: 'Eu', countryCode: 'FR' });
  });

  it('gazetteer reads a town named "bei" its neighbour by its first word, or with "b."', () => {
    // GeoNames has Garching bei München and the smaller Garching an der Alz, 70 km east.
    near([['Garching', munich], ['Garching b. München', munich], ['D-85748 Garching', munich], ['Forschungszentrum Garching', munich]]);
  });

  it('gazetteer reads the postcodes of every European format, a UK one alone as its area\'s post town', () => {
    near([
      ['NL-5612 AZ Eindhoven', eindhoven], ['PL-31-007 Kraków', krakow], ['CZ-16000 Praha 6', prague], ['RO-077125 Măgurele', bucharest],
      ['OX3 7DQ', oxford], ['OX11 0DE', oxford], ['CB22 3AT', cambridge], ['SE1 9RT', london], ['N1C 4AG', london], ['SE1', london], ['CB10 1SA, UK', cambridge],
    ]);
    // A code in lower case is no postcode people write alone.
    expect(gazetteer().resolve('se1', DEMO_HUBS)).toMatchObject({ ok: false });
  });

  it('gazetteer reads LinkedIn\'s metro areas in Polish, Czech and Romanian, and a state written for a city state inside it', () => {
    near([
      ['Obszar metropolitalny Warszawy', warsaw], ['Obszar metropolitalny Krakowa', krakow], ['Hlavní město Praha', prague],
      ['Zona Metropolitană București', bucharest], ['Municipiul București', bucharest], ['Bucuresti Sector 6', bucharest],
      ['Metropolregion Berlin/Brandenburg', berlin],
    ]);
  });

  it('gazetteer places research campuses, science parks and universities at their town', () => {
    near([
      ['Wellcome Genome Campus, Hinxton', cambridge], ['Wellcome Genome Campus', cambridge], ['Babraham Research Campus', cambridge],
      ['Granta Park', cambridge], ['Harwell Science and Innovation Campus', oxford], ['Milton Park', oxford], ['Culham Science Centre', oxford],
      ['University of Oxford', oxford], ['Neuherberg', munich], ['Campus Berlin-Buch', berlin], ['Wissenschaftsstadt Adlershof', berlin],
      ['Strijp-S, Eindhoven', eindhoven], ['Schwabing', munich], ['Headington', oxford], ['Shoreditch', london], ['Nowa Huta', krakow],
    ]);
  });

  it('gazetteer reads a large town after an employer\'s or institute\'s name, and leaves the name alone unplaced', () => {
    near([['Imperial College London', london], ['Charité Berlin', berlin], ['EMBL Heidelberg', { latitude: 49.41, longitude: 8.69 }], ['TU/e Eindhoven', eindhoven]]);
    // A canton named for its town, after the name with no comma: the town.
    for (const text of ['ETH Zurich', 'Google Zürich']) expect(gazetteer().resolve(text, DEMO_HUBS), text).toMatchObject({ ok: true, place: { name: 'Zürich', countryCode: 'CH' } });
    for (const text of ['Philips', 'Siemens Healthineers', 'Exscientia']) expect(gazetteer().resolve(text, DEMO_HUBS), text).toMatchObject({ ok: false });
  });

  it('gazetteer reads a large town misspelt by one letter, but not a short word or one as near two towns', () => {
    near([['Cambrige', cambridge], ['Eindhven', eindhoven], ['Oxfrod', oxford], ['Amsterdamm', amsterdam], ['Grenobel', grenoble], ['Warszwa', warsaw]]);
    // "Berln" is too short to tell; "Bublin" is a letter from Dublin and from Lublin.
    for (const text of ['Berln', 'Bublin']) expect(gazetteer().resolve(text, DEMO_HUBS), text).toMatchObject({ ok: false });
  });
});
