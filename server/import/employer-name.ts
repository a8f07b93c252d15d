import { countriesByName } from './place-names.ts';
import { distinctSlug, fold } from './text.ts';

/**
 * Legal forms written out, as registers and letterheads give them; matched
 * with or without their diacritics ("spolka akcyjna").
 */
const WRITTEN_OUT_FORMS = [
  // PL
  String.raw`sp[oó][lł]ka\s+z\s+ograniczon[aą]\s+odpowiedzialno[sś]ci[aą]`,
  String.raw`sp[oó][lł]ka\s+komandytowo[\s-]+akcyjna`,
  String.raw`sp[oó][lł]ka\s+(akcyjna|jawna|komandytowa|partnerska|cywilna)`,
  // DE, AT, CH
  String.raw`gesellschaft\s+mit\s+beschr(ä|ae|a)nkter\s+haftung`,
  String.raw`kommanditgesellschaft(\s+auf\s+aktien)?`,
  String.raw`offene\s+handelsgesellschaft`,
  String.raw`eingetragene\s+genossenschaft`,
  String.raw`eingetragener\s+verein`,
  String.raw`eingetragene[rn]?\s+kauf(mann|frau)`,
  // FR, BE, LU
  String.raw`soci[eé]t[eé]\s+anonyme`,
  String.raw`soci[eé]t[eé]\s+par\s+actions\s+simplifi[eé]e(\s+unipersonnelle)?`,
  String.raw`soci[eé]t[eé]\s+[àa]\s+responsabilit[eé]\s+limit[eé]e`,
  String.raw`soci[eé]t[eé]\s+en\s+commandite\s+(par\s+actions|simple)`,
  // NL, BE
  String.raw`besloten\s+vennootschap`,
  String.raw`naamloze\s+vennootschap`,
  // IT, ES, PT
  String.raw`societ[àa]\s+per\s+azioni`,
  String.raw`societ[àa]\s+a\s+responsabilit[àa]\s+limitata`,
  String.raw`sociedad\s+an[oó]nima`,
  String.raw`sociedad(\s+de\s+responsabilidad)?\s+limitada`,
  String.raw`sociedade\s+an[oó]nima`,
  String.raw`sociedade\s+limitada`,
  // Nordics
  String.raw`aktiebolag(et)?`,
  String.raw`a(ktie|npart)s?selskab(et)?`,
  String.raw`aksjeselskap(et)?`,
  String.raw`osakeyhti[oö]`,
  // CZ, SK
  String.raw`akciov[aá]\s+spole[cč]nost`,
  String.raw`spole[cč]nost\s+s\s+ru[cč]en[ií]m\s+omezen[yý]m`,
  String.raw`spolo[cč]nos[tť]\s+s\s+ru[cč]en[ií]m\s+obmedzen[yý]m`,
  // UK, US
  String.raw`public\s+limited\s+company`,
  String.raw`limited\s+liability\s+(company|partnership)`,
  String.raw`limited\s+partnership`,
];

/**
 * Legal-form suffixes across the markets the tool serves (DE, NL, UK, FR,
 * IT, ES, Nordics, CEE, US). "Philips Healthcare B.V.", "Philips Healthcare"
 * and "PHILIPS HEALTHCARE, Inc." are one employer. Where two forms end a name
 * at different places, the longer one, starting earlier, is the one removed
 * ("spółka akcyjna" rather than "akcyjna").
 */
const LEGAL_SUFFIX = new RegExp(
  String.raw`[\s,]+(` +
    [
      ...WRITTEN_OUT_FORMS,
      // "GmbH & Co. KG", "GmbH + Co. KG", "GmbH und Co. KG".
      String.raw`gmbh\s*(&|\+|und|and|u\.)\s*co\.?\s*kg(aa)?`,
      String.raw`ug\s*\(haftungsbeschränkt\)`,
      String.raw`g?gmbh`,
      String.raw`mbh`,
      String.raw`ag`,
      String.raw`kgaa`,
      String.raw`kg`,
      String.raw`ohg`,
      String.raw`gbr`,
      String.raw`ug`,
      String.raw`e\.\s?v\.?`,
      // eingetragener Kaufmann / eingetragene Genossenschaft (DE).
      String.raw`e\.\s?k(fm|fr)?\.?`,
      String.raw`e\.?\s?g\.?`,
      String.raw`se`,
      String.raw`b\.\s?v\.?`,
      String.raw`bv`,
      String.raw`n\.\s?v\.?`,
      String.raw`nv`,
      String.raw`bvba`,
      String.raw`vof`,
      String.raw`ltd\.?`,
      String.raw`limited`,
      String.raw`plc`,
      String.raw`llp`,
      String.raw`l\.?l\.?c\.?`,
      String.raw`inc\.?`,
      String.raw`incorporated`,
      String.raw`corp\.?`,
      String.raw`corporation`,
      String.raw`(&|\+|and|und|u\.)\s*co\.?`,
      String.raw`co\.?`,
      String.raw`pty\.?`,
      String.raw`s\.?a\.?s\.?u?`,
      String.raw`s\.?a\.?r\.?l\.?`,
      String.raw`s\.a\.?`,
      String.raw`sa`,
      String.raw`s\.?p\.?a\.?`,
      String.raw`s\.?r\.?l\.?`,
      String.raw`s\.l\.?`,
      // Partnerships limited by shares and other forms of FR, BE, LU, IT, RO.
      String.raw`s\.?c\.?a\.?`,
      String.raw`s\.?c\.?s\.?`,
      String.raw`s\.?n\.?c\.?`,
      String.raw`s\.?c\.?r\.?l\.?`,
      String.raw`s\.?p\.?r\.?l\.?`,
      String.raw`s\.?a\.?\s*de\s*c\.?\s*v\.?`,
      String.raw`s\.\s?c\.?`,
      String.raw`s\.k\.a\.?`,
      String.raw`sp\.?\s*z\s*o\.?\s*o\.?`,
      String.raw`s\.?r\.?o\.?`,
      String.raw`a\.s\.?`,
      String.raw`as`,
      String.raw`a/s`,
      String.raw`aps`,
      String.raw`ab`,
      String.raw`oyj?`,
      String.raw`kft\.?`,
      String.raw`zrt\.?`,
      String.raw`nyrt\.?`,
      String.raw`d\.?o\.?o\.?`,
      String.raw`d\.\s?d\.?`,
      String.raw`aktiengesellschaft`,
      String.raw`s\.?\s?à\s?r\.?\s?l\.?`,
      String.raw`b\.v\.b\.a\.?`,
      String.raw`k\.k\.?`,
      String.raw`asa`,
      String.raw`oü`,
      String.raw`uab`,
      String.raw`sia`,
      String.raw`sp[oó][lł]ka\s+z\s+o\.?\s*o\.?`,
      String.raw`sp\.\s*[jkp]\.?`,
      String.raw`spol\.?\s*s\s*r\.?\s*o\.?`,
      String.raw`e?ood`,
      String.raw`ead`,
      String.raw`ltda\.?`,
      String.raw`pte\.?`,
      String.raw`pvt\.?`,
      String.raw`private\s+limited`,
      String.raw`sdn\.?\s*bhd\.?`,
      String.raw`sa\s*/\s*nv`,
      String.raw`nv\s*/\s*sa`,
      String.raw`a\.\s?ş\.?`,
      String.raw`i\.\s?l\.?`,
      String.raw`l\.?p\.?`,
      String.raw`p\.l\.c\.?`,
      String.raw`s\.?l\.?u\.?`,
      String.raw`kk`,
      String.raw`e\.u\.?`,
      String.raw`og`,
      String.raw`company`,
      // "Elekta AB (publ)", "Acme (Pty) Ltd"; a country code in brackets, "Acme Ltd (UK)" (names: countryAside).
      String.raw`\(publ\.?\)`,
      String.raw`\(pty\.?\)`,
      String.raw`\([a-z]{2}\)`,
    ].join('|') +
    String.raw`)$`,
  'iu',
);

/** Legal forms written before the name: "UAB Acme" (LT), "SIA Acme" (LV), "OOO Acme" and "LLC Acme" (RU, UA). */
const LEGAL_PREFIX = /^(uab|sia|ooo|llc|tov|zao|oao|pao)\s+(?=\S)/iu;

/** An aside ending a name: in brackets ("Foo AG (Switzerland)") or after a comma ("Foo Ltd, UK"). */
const ASIDE = /(?:\s*\(([^()]*)\)|\s*,\s*([^,()]*))$/u;

let countries: Set<string> | undefined;

/** Countries folded, by name (as the gazetteer reads them) and by ISO code. */
function countryNames(): Set<string> {
  if (countries) return countries;
  const byName = countriesByName();
  countries = new Set([...byName.keys(), ...[...byName.values()].map((code) => code.toLowerCase())]);
  return countries;
}

/** The name without a country written after it ("Foo S.A. (Poland)", "Foo Ltd, UK"): where the company is registered, not who it is. */
function withoutCountry(norm: string): string {
  const aside = ASIDE.exec(norm);
  if (!aside || aside.index === 0) return norm;
  return countryNames().has(fold(aside[1] ?? aside[2] ?? '')) ? norm.slice(0, aside.index) : norm;
}

/** Words a sheet holds where a person has no employer, folded. */
const NO_EMPLOYER_WORDS = new Set([
  'n a',
  'na',
  'none',
  'null',
  'nil',
  'unknown',
  'not applicable',
  'not available',
  'keine',
  'keiner',
  'aucun',
  'aucune',
  'geen',
  'brak',
  'ninguno',
  'ninguna',
  'nessuno',
  'nenhum',
  'nenhuma',
  'ingen',
]);

/**
 * Whether an employer value stands for no employer, as a blank does: nothing
 * but punctuation or symbols ("-", "—", "?", "***") or a word for none ("n/a",
 * "N/A", "none"). Read as an employer, each would become one that many people
 * share.
 */
export function namesNoEmployer(value: string): boolean {
  return !/[\p{L}\p{N}]/u.test(value) || NO_EMPLOYER_WORDS.has(fold(value));
}

/**
 * When the rules of `normaliseEmployerName` change, this number goes up and
 * the stored `Employer.normName` values are worked out again (server/services/migrations.service.ts),
 * so a name written before the change still finds its employer.
 */
export const EMPLOYER_NAME_RULES = 3;

/**
 * `Employer.normName`: legal forms removed (after the name, or before it where
 * the country writes them first), and a country written after it, then folded: lower case, no diacritics,
 * punctuation and hyphens as single spaces. "Škoda Auto a.s.", "SKODA AUTO"
 * and "Skoda-Auto" are one employer. Empty when the name is nothing but a
 * legal form.
 */
export function normaliseEmployerName(name: string): string {
  let norm = name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== norm; ) {
    previous = norm;
    norm = withoutCountry(norm.replace(LEGAL_SUFFIX, '')).replace(/[\s,.;:&-]+$/u, '').trim();
  }
  return fold(norm.replace(/^[\s,.;:&-]+/u, '').replace(LEGAL_PREFIX, ''));
}

/**
 * What an employer is matched and stored by (`Employer.normName`): its
 * normalised name, or for a name that is nothing but a legal form ("GmbH"),
 * that name in lower case, so it still names one employer.
 */
export function employerNameKey(name: string): string {
  return normaliseEmployerName(name) || name.trim().toLowerCase();
}

export type EmployerKind = 'company' | 'university' | 'hospital' | 'institute';

/** A first guess at an employer's kind from its name; `company` unless the name says otherwise. */
export function guessEmployerKind(name: string): EmployerKind {
  const n = name.toLowerCase();
  if (/universit|college|école|ecole|hochschule|politecnico|polytechni|\btu\b|\bepfl\b|\beth\b/.test(n)) return 'university';
  if (/hospital|klinik|clinic|ziekenhuis|\bumc\b|\bnhs\b|hôpital|hopital|\bchu\b|szpital|charité|medical cent/.test(n)) return 'hospital';
  if (/institut|\bcnrs\b|\binria\b|max planck|fraunhofer|helmholtz|laborator/.test(n)) return 'institute';
  return 'company';
}

/**
 * The id an employer first seen in an import gets: stable, so a re-run finds
 * the same node, and its own: `emp-` and the slug of its normalised name, with
 * a hash of the whole name where the slug is cut or empty (`distinctSlug`),
 * so two employers never share one.
 */
export function newEmployerId(normName: string): string {
  return `emp-${distinctSlug(normName)}`;
}
