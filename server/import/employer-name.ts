import { fold, slug } from './text.ts';

/**
 * Legal-form suffixes across the markets the tool serves (DE, NL, UK, FR,
 * IT, ES, Nordics, CEE, US). "Philips Healthcare B.V.", "Philips Healthcare"
 * and "PHILIPS HEALTHCARE, Inc." are one employer.
 */
const LEGAL_SUFFIX = new RegExp(
  String.raw`[\s,]+(` +
    [
      String.raw`gmbh\s*&\s*co\.?\s*kg(aa)?`,
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
      String.raw`(&|and)\s*co\.?`,
      String.raw`co\.?`,
      String.raw`pty\.?`,
      String.raw`s\.?a\.?s\.?u?`,
      String.raw`s\.?a\.?r\.?l\.?`,
      String.raw`s\.a\.?`,
      String.raw`sa`,
      String.raw`s\.?p\.?a\.?`,
      String.raw`s\.?r\.?l\.?`,
      String.raw`s\.l\.?`,
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
      String.raw`gesellschaft mit beschränkter haftung`,
      String.raw`s\.?\s?à\s?r\.?\s?l\.?`,
      String.raw`b\.v\.b\.a\.?`,
      String.raw`k\.k\.?`,
      String.raw`asa`,
      String.raw`oü`,
      String.raw`uab`,
      String.raw`sia`,
      String.raw`spółka\s+z\s+o\.?\s*o\.?`,
      String.raw`sp\.\s*[jk]\.?`,
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
      // "Elekta AB (publ)"; a country in brackets, "Acme Ltd (UK)".
      String.raw`\(publ\.?\)`,
      String.raw`\([a-z]{2}\)`,
    ].join('|') +
    String.raw`)$`,
  'iu',
);

/** Legal forms written before the name: "UAB Acme" (LT), "SIA Acme" (LV), "OOO Acme" and "LLC Acme" (RU, UA). */
const LEGAL_PREFIX = /^(uab|sia|ooo|llc|tov|zao|oao|pao)\s+(?=\S)/iu;

/**
 * When the rules of `normaliseEmployerName` change, this number goes up and
 * the stored `Employer.normName` values are worked out again (server/db/migrations.ts),
 * so a name written before the change still finds its employer.
 */
export const EMPLOYER_NAME_RULES = 2;

/**
 * `Employer.normName`: legal forms removed (after the name, or before it where
 * the country writes them first), then folded: lower case, no diacritics,
 * punctuation and hyphens as single spaces. "Škoda Auto a.s.", "SKODA AUTO"
 * and "Skoda-Auto" are one employer. Empty when the name is nothing but a
 * legal form.
 */
export function normaliseEmployerName(name: string): string {
  let norm = name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== norm; ) {
    previous = norm;
    norm = norm.replace(LEGAL_SUFFIX, '').replace(/[\s,.;:&-]+$/u, '').trim();
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

/** The id an employer first seen in an import gets: stable, so a re-run finds the same node. */
export function newEmployerId(normName: string): string {
  return `emp-${slug(normName)}`;
}
